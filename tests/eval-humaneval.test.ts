// HumanEval graded as Evaluate mode and `npm run eval` grade it: each program in Pyodide, in a
// worker thread under SandboxClient's time limit. Every canonical solution passes; a solution
// that does nothing fails every problem; an endless loop fails its problem and the next runs.
import { afterAll, describe, expect, it } from 'vitest';
import { grade } from '../src/lib/eval/grade.ts';
import { render } from '../src/lib/i18n/render.ts';
import { readSet } from '../scripts/eval/data.ts';
import { nodeSandbox } from '../scripts/eval/node-sandbox.ts';

const problems = readSet('humaneval');
const python = nodeSandbox();
const run = (code: string, limit: number) => python.run(code, { timeLimitMs: limit });
afterAll(() => python.dispose());

describe('HumanEval in the sandbox', () => {
  it('passes all 164 canonical solutions, as completions', async () => {
    const failed: string[] = [];
    for (const p of problems) {
      const v = await grade('humaneval', p, p.reference, 'completion', run, 10_000);
      if (!v?.passed) failed.push(`${p.id}: ${v ? render(v.reason, 'en') : 'stopped'}`);
    }
    expect(failed).toEqual([]);
  }, 240_000);

  it('fails every problem when the function only returns None, naming the assertion', async () => {
    const passed: string[] = [];
    for (const p of problems) {
      const v = await grade('humaneval', p, '    return None\n', 'completion', run, 10_000);
      if (v?.passed !== false) passed.push(p.id);
    }
    expect(passed).toEqual([]);
    const v = await grade('humaneval', problems[0], '    return None\n', 'completion', run, 10_000);
    expect(v?.reason).toMatchObject({ key: 'eval_failed_at', params: { error: 'AssertionError', code: 'assert candidate([1.0, 2.0, 3.9, 4.0, 5.0, 2.2], 0.3) == True' } });
  }, 240_000);

  it('fails an endless loop at the time limit, and the next problem is graded', async () => {
    const loop = await grade('humaneval', problems[1], '    while True:\n        pass\n', 'completion', run, 1000);
    expect(loop).toEqual({ passed: false, reason: { key: 'eval_timeout', params: { limit: '1 s' } } });
    const next = await grade('humaneval', problems[2], problems[2].reference, 'completion', run, 10_000);
    expect(next?.passed).toBe(true);
  }, 60_000);
});
