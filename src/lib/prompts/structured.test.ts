import { describe, expect, it } from 'vitest';
import { buildActionRequest, CODE_ACTIONS } from './actions.ts';
import { composeMessage, fieldsForAction } from './structured.ts';

const ctx = { code: 'def f(x):\n    return x\n', language: 'python', path: 'src/f.py' };
const files = [
  { path: 'src/f.py', text: ctx.code },
  { path: 'RULES.md', text: '# Rules\n\nPrices are in cents.\n' },
  { path: 'types.ts', text: 'export type Cents = number;\n' },
];

describe('structured prompts', () => {
  it('with only the task and the code, every action gives exactly its prompt (a verbatim one is never split)', () => {
    expect(CODE_ACTIONS.filter((a) => a.verbatim).map((a) => a.id)).toEqual(['prove']);
    for (const action of CODE_ACTIONS.filter((a) => !a.verbatim)) {
      for (const c of [ctx, { ...ctx, language: 'plaintext', path: '' }, { ...ctx, code: 'x = "```"\n' }]) {
        const { fields, code } = fieldsForAction(action, c);
        expect(composeMessage(fields, code, files), action.id).toBe(buildActionRequest(action, c));
      }
    }
  });

  it('adds the role, the constraints as a list and the picked files as context, in that order', () => {
    const { fields, code } = fieldsForAction(CODE_ACTIONS[1], ctx);
    const text = composeMessage({ ...fields, role: 'a careful Python reviewer.', constraints: 'keep the signature\n\n- no new imports  \n', context: ['types.ts', 'RULES.md', 'gone.py'] }, code, files);
    expect(text.startsWith('You are a careful Python reviewer.\n\nFind and fix the bugs')).toBe(true);
    expect(text).toContain('\n\nConstraints:\n- keep the signature\n- no new imports\n\n');
    expect(text).toContain('Context from the project (follow its rules and use its names):\n\n`types.ts`:\n```typescript\nexport type Cents = number;\n```\n\n`RULES.md`:\n```markdown\n# Rules');
    expect(text).not.toContain('gone.py');
    expect(text.endsWith('```python\ndef f(x):\n    return x\n```')).toBe(true);
    expect(text.indexOf('Constraints:')).toBeLessThan(text.indexOf('Context from'));
  });

  it('writes a request without code as the task alone', () => {
    expect(composeMessage({ role: '', task: ' Write a CSV parser. ', constraints: '', context: [] }, null, files)).toBe('Write a CSV parser.');
  });
});
