import { describe, expect, it } from 'vitest';
import { CODE_ACTIONS } from '../prompts/actions.ts';
import { StructuredPrompt } from './structured.svelte.ts';

const files = [
  { path: 'cart.py', text: 'def total(lines):\n    return 0\n' },
  { path: 'RULES.md', text: 'Prices are in cents; totals never go below 0.\n' },
];

function make(counts: number[] | null = null) {
  const chat = { draft: '' };
  const asked: string[][] = [];
  const prompt = new StructuredPrompt(chat, { files }, { countTokens: async (t) => (asked.push(t), counts) });
  return { chat, prompt, asked };
}

describe('StructuredPrompt', () => {
  it('takes a typed message as the task and composes the message box from the fields', () => {
    const { chat, prompt } = make();
    chat.draft = 'Write a function that sums the cart.';
    prompt.show();
    expect(prompt.fields.task).toBe('Write a function that sums the cart.');
    prompt.set('role', 'a Python developer');
    prompt.set('constraints', 'no imports');
    prompt.toggleContext('RULES.md', true);
    expect(chat.draft).toBe(
      'You are a Python developer.\n\nWrite a function that sums the cart.\n\nConstraints:\n- no imports\n\n' +
        'Context from the project (follow its rules and use its names):\n\n`RULES.md`:\n```markdown\nPrices are in cents; totals never go below 0.\n```',
    );
    prompt.toggleContext('RULES.md', false);
    expect(chat.draft).not.toContain('RULES.md');
  });

  it('an action fills task and code and keeps role, constraints and context; closed, it leaves the box alone', () => {
    const { chat, prompt } = make();
    prompt.show();
    prompt.set('role', 'a reviewer');
    prompt.toggleContext('RULES.md', true);
    prompt.fromAction(CODE_ACTIONS[1], { code: files[0].text, language: 'python', path: 'cart.py' });
    expect(chat.draft.startsWith('You are a reviewer.\n\nFind and fix the bugs in the following python code from `cart.py`.')).toBe(true);
    expect(chat.draft).toContain('`RULES.md`:');
    expect(chat.draft.endsWith('```python\ndef total(lines):\n    return 0\n```')).toBe(true);
    prompt.sent();
    expect(prompt.fields).toMatchObject({ task: '', role: 'a reviewer', context: ['RULES.md'] });
    expect(prompt.code).toBeNull();
    prompt.hide();
    chat.draft = 'free text';
    prompt.set('role', 'someone else');
    expect(chat.draft).toBe('free text');
  });

  it("a model's own prompt (Prove) stays as written: the fields close and leave it in the box", () => {
    const { chat, prompt } = make();
    prompt.show();
    prompt.set('role', 'a reviewer');
    const prove = CODE_ACTIONS.find((a) => a.id === 'prove')!;
    chat.draft = 'Complete the following Lean 4 code: (as the action wrote it)';
    prompt.fromAction(prove, { code: 'theorem t : 1 = 1 := by\n  sorry\n', language: 'lean4', path: 'T.lean' });
    expect(prompt.open).toBe(false);
    expect(chat.draft).toBe('Complete the following Lean 4 code: (as the action wrote it)');
  });

  it("counts the files' tokens with the model's tokenizer, or estimates them before a load", async () => {
    const exact = make([11, 7]);
    await exact.prompt.count();
    expect(exact.asked).toEqual([files.map((f) => f.text)]);
    expect(exact.prompt.tokens).toEqual({ 'cart.py': { tokens: 11, exact: true }, 'RULES.md': { tokens: 7, exact: true } });
    const guess = make(null);
    await guess.prompt.count();
    expect(guess.prompt.tokens['RULES.md']).toEqual({ tokens: Math.ceil(files[1].text.length / 4), exact: false });
  });
});
