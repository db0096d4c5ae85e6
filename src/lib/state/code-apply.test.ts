import { describe, expect, it } from 'vitest';
import { staleReason, targetOf, type ApplyTarget } from '../editor/apply-target.ts';
import { CODE_ACTIONS } from '../prompts/actions.ts';
import { CodeApply } from './code-apply.svelte.ts';
import { render } from '../i18n/render.ts';
import type { Text } from '../i18n/text.ts';

const FILE = 'def add(a, b):\n    return a - b\n\nprint(add(1, 2))\n';

/** An editor holding one file and a selection, with the bridge's own rules for stale targets. */
function editor(path: string, text: string, sel: [number, number] = [0, 0]) {
  const ed = {
    path,
    text,
    sel,
    edits: 0,
    selectionOrFile: () => (ed.sel[0] === ed.sel[1] ? { text: ed.text, whole: true } : { text: ed.text.slice(...ed.sel), whole: false }),
    capture: (p: string) => targetOf(p, ed.text, ...ed.sel),
    insertAtCursor: () => true,
    applyAt(p: string, t: ApplyTarget, code: string): Text | null {
      const stale = staleReason(p, ed.text, t);
      if (stale) return stale;
      ed.text = ed.text.slice(0, t.start) + code + ed.text.slice(t.end);
      ed.edits++;
      return null;
    },
  };
  return ed;
}

function setup(sel?: [number, number]) {
  const ed = editor('calc.py', FILE, sel);
  const file = { path: 'calc.py', text: FILE };
  const project = { activePath: 'calc.py', active: file, files: [file] };
  const chat = { mode: 'math' as 'chat' | 'math' | 'tool', draft: '', turns: [] as { role: 'user' | 'assistant'; content: string }[], generating: false };
  return { ed, project, chat, code: new CodeApply(chat as never, ed, project) };
}

const fixAction = CODE_ACTIONS.find((a) => a.id === 'fix')!;
const answer = (code: string) => `Here is the fix:\n\n\`\`\`python\n${code}\n\`\`\`\n`;

describe('CodeApply', () => {
  it('an action fills the draft for the selection and switches to chat; its answer becomes a diff', () => {
    const start = FILE.indexOf('a - b');
    const t = setup([start, start + 5]);
    t.code.prepare(fixAction);
    expect(t.chat.mode).toBe('chat');
    expect(t.chat.draft).toContain('a - b');
    expect(t.chat.draft).not.toContain('print(add');
    expect(t.code.fix).toBeNull();
    t.chat.turns.push({ role: 'user', content: t.chat.draft }, { role: 'assistant', content: answer('a + b') });
    t.chat.generating = true;
    expect(t.code.fix).toBeNull();
    t.chat.generating = false;
    expect(t.code.fix).toBe('a + b');
    t.code.apply(t.code.fix!);
    expect(t.code.review?.proposed).toBe(FILE.replace('a - b', 'a + b'));
    // Nothing changed in the editor until Accept.
    expect(t.ed.edits).toBe(0);
    t.code.accept();
    expect(t.ed.text).toBe(FILE.replace('a - b', 'a + b'));
    expect(t.code.review).toBeNull();
  });

  it('keeps the review open with the reason when the file moved on since the action', () => {
    const t = setup();
    t.code.prepare(fixAction);
    t.ed.text = `# edited\n${FILE}`;
    t.code.apply('def add(a, b):\n    return a + b');
    t.code.accept();
    expect(t.code.review?.problem && render(t.code.review.problem, 'en')).toMatch(/changed since/);
    expect(t.ed.edits).toBe(0);
    t.code.close();
    expect(t.code.review).toBeNull();
  });

  it("a whole-file apply keeps the file's final newline", () => {
    const t = setup();
    t.code.apply('print(1)');
    expect(t.code.review?.proposed).toBe('print(1)\n');
  });
});
