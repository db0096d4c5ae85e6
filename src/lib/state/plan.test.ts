import { describe, expect, it } from 'vitest';
import { PlanRun } from './plan.svelte.ts';
import type { ChatTurn } from '../prompts/instruct.ts';

/** A chat whose answers are scripted by the last user message. */
interface FakeChat {
  mode: string;
  draft: string;
  turns: ChatTurn[];
  generating: boolean;
  sent: string[];
  send(text?: string): Promise<void>;
}

function chat(answers: (text: string) => string): FakeChat {
  const c: FakeChat = {
    mode: 'math',
    draft: 'A temperature converter.',
    turns: [] as ChatTurn[],
    generating: false,
    sent: [] as string[],
    async send(text = c.draft): Promise<void> {
      c.sent.push(text);
      c.draft = '';
      c.turns.push({ role: 'user', content: text }, { role: 'assistant', content: answers(text) });
    },
  };
  return c;
}

describe('PlanRun', () => {
  it('plans, writes each step in turn, and applies or discards each', async () => {
    const c = chat((t) => (t.startsWith('Plan') ? '1. Write c_to_f.\n2. Write f_to_c.\n' : t.endsWith('Write c_to_f.') ? '```python\ndef c_to_f(c):\n    return c * 9 / 5 + 32\n```' : 'No code, sorry.'));
    const appended: [string, string][] = [];
    const run = new PlanRun(c, { append: (code, path) => appended.push([code, path]) });
    await run.start({ path: 'temps.py', language: 'python' });
    expect(c.mode).toBe('chat');
    expect(c.sent[0]).toMatch(/^Plan how to write the following in `temps\.py`[\s\S]*Request: A temperature converter\.$/);
    expect(run.phase).toBe('steps');
    expect(run.steps.map((s) => s.text)).toEqual(['Write c_to_f.', 'Write f_to_c.']);
    expect(run.next).toBe(0);

    await run.write(1); // not the next one: refused
    expect(c.sent).toHaveLength(1);
    await run.write(0);
    expect(c.sent[1]).toContain('step 1 of 2');
    expect(run.steps[0]).toMatchObject({ state: 'written', code: 'def c_to_f(c):\n    return c * 9 / 5 + 32' });
    run.apply(0);
    expect(appended).toEqual([['def c_to_f(c):\n    return c * 9 / 5 + 32', 'temps.py']]);
    expect(run.steps[0].state).toBe('applied');
    expect(run.next).toBe(1);

    await run.write(1);
    expect(run.steps[1]).toMatchObject({ state: 'written', code: null });
    run.apply(1); // no code: nothing to apply
    expect(appended).toHaveLength(1);
    run.discard(1);
    expect(run.steps[1].state).toBe('discarded');
    expect(run.next).toBe(-1);
  });

  it('says when the answer has no numbered steps', async () => {
    const run = new PlanRun(chat(() => 'I would just write it.'), { append: () => undefined });
    await run.start({ path: 'a.py', language: 'python' });
    expect(run.phase).toBe('no-steps');
  });
});
