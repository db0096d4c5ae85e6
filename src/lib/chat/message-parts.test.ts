import { describe, expect, it } from 'vitest';
import type { ToolRun } from '../state/tool-loop.ts';
import { messageView } from './message-parts.ts';

const run = (output: string) => ({ status: 'ok', output, durationMs: 1, wallMs: 2, coldStartMs: null, resumeMs: null }) as unknown as ToolRun;

describe('messageView', () => {
  it("shows the user's text as it is", () => {
    expect(messageView('user', '**hi** ```x```', false)).toEqual({ thinking: null, body: '**hi** ```x```', boxed: null, parts: [] });
  });

  it('splits prose and code blocks in order, an unclosed last block included', () => {
    const v = messageView('assistant', 'Use this:\n```py\nx = 1\n```\nthen\n```js\nlet', false);
    expect(v.parts.map((p) => p.kind)).toEqual(['md', 'code', 'md', 'code']);
    expect(v.parts[1]).toEqual({ kind: 'code', code: 'x = 1', lang: 'py', closed: true });
    expect(v.parts[3]).toMatchObject({ kind: 'code', lang: 'js', closed: false });
  });

  it('pairs each output block with its sandbox run, in order; without runs it is code', () => {
    const text = '```python\nprint(1)\n```\n```output\n1\n```\n```python\nprint(2)\n```\n```output\n2\n```\nSo \\boxed{3}.';
    const [a, b] = [run('1\n'), run('2\n')];
    const v = messageView('assistant', text, true, [a, b]);
    expect(v.parts.filter((p) => p.kind === 'tool').map((p) => (p.kind === 'tool' ? p.run : null))).toEqual([a, b]);
    expect(v.boxed).toBe('3');
    expect(messageView('assistant', text, true).parts.some((p) => p.kind === 'tool')).toBe(false);
  });

  it("keeps R1's thinking apart from the answer, and says when it is still going", () => {
    const done = messageView('assistant', '<think>\nadd them\n</think>\n\nIt is \\boxed{2}.', true);
    expect(done.thinking).toEqual({ text: expect.stringContaining('add them'), done: true });
    expect(done.body).not.toContain('add them');
    expect(done.boxed).toBe('2');
    expect(messageView('assistant', '<think>\nstill', false).thinking).toMatchObject({ done: false });
  });
});
