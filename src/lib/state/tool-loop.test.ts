import { describe, expect, it } from 'vitest';
import type { ChatPrompt } from '../prompts/instruct.ts';
import type { RunOutcome } from '../sandbox/outcome.ts';
import type { StopReason } from '../../contract/engine-api.ts';
import { type ToolLoopDeps, type ToolRun, type ToolStatus, TOOL_OUTPUT_MAX_CHARS, runToolLoop } from './tool-loop.ts';

const ROUND1 = ' First the power.\n\n```python\nprint(2**20)\n```\n';
const ROUND2 = 'So it is 1048576.\n\n```python\nprint(sum(map(int, "1048576")))\n```\n';
const FINAL = 'The answer is $\\boxed{31}$.';

type Gen = { text: string; stopReason: StopReason };

function outcome(output: string, extra: Partial<RunOutcome> = {}): RunOutcome {
  return { status: 'ok', output, result: null, durationMs: 5, wallMs: 6, coldStartMs: null, ...extra };
}

function harness(gens: Gen[], python: (code: string) => RunOutcome | Promise<RunOutcome>, over: Partial<ToolLoopDeps> = {}) {
  let t = 0;
  const prompts: ChatPrompt[] = [];
  const programs: string[] = [];
  const statuses: (ToolStatus | null)[] = [];
  let runs: ToolRun[] = [];
  let shown = '';
  const deps: ToolLoopDeps = {
    family: 'deepseek-math',
    question: 'What is the sum of the digits of 2^20?',
    maxRounds: 4,
    generate: async (built, onDelta) => {
      prompts.push(built);
      const g = gens.shift();
      if (!g) throw new Error('no more generations scripted');
      t += 100; // time to first token
      for (const piece of g.text.match(/[\s\S]{1,7}/g) ?? []) onDelta(piece);
      t += 50;
      return g;
    },
    runPython: async (code, onRunning) => {
      programs.push(code);
      onRunning();
      t += 5;
      return python(code);
    },
    pythonReady: () => true,
    now: () => t,
    onAnswer: (a) => (shown = a),
    onRuns: (r) => (runs = r),
    onStatus: (s) => statuses.push(s),
    stopped: () => false,
    ...over,
  };
  return { deps, prompts, programs, statuses, runs: () => runs, shown: () => shown };
}

describe('runToolLoop', () => {
  it('runs each program, appends its output and continues from the answer so far as a pure extension', async () => {
    const h = harness(
      [
        { text: ROUND1, stopReason: 'stop-sequence' },
        { text: ROUND2, stopReason: 'stop-sequence' },
        { text: FINAL, stopReason: 'eos' },
      ],
      (code) => outcome(code === 'print(2**20)' ? '1048576' : '31'),
    );
    const res = await runToolLoop(h.deps);
    expect(res.end).toBe('done');
    expect(h.programs).toEqual(['print(2**20)', 'print(sum(map(int, "1048576")))']);
    const expected = `${ROUND1}\`\`\`output\n1048576\n\`\`\`\n${ROUND2}\`\`\`output\n31\n\`\`\`\n${FINAL}`;
    expect(res.answer).toBe(expected);
    expect(h.shown()).toBe(expected);
    // Every prompt extends the previous one, so the KV cache carries over.
    expect(h.prompts[1].prompt.startsWith(h.prompts[0].prompt)).toBe(true);
    expect(h.prompts[2].prompt.startsWith(h.prompts[1].prompt)).toBe(true);
    expect(h.prompts[0].stop).toContain('```output');
    expect(h.prompts[2].prompt.endsWith('```output\n31\n```\n')).toBe(true);
    expect(res.runs.map((r) => [r.status, r.output, r.durationMs])).toEqual([
      ['ok', '1048576', 5],
      ['ok', '31', 5],
    ]);
    // Stop at "```output" → next first token: the run (5) plus the next time to first token (100).
    expect(h.runs().map((r) => r.roundMs)).toEqual([105, 105]);
    expect(h.statuses).toEqual(['running', 'running', null, 'running', 'running', null]);
  });

  it('says it is loading Python when the sandbox is not ready yet', async () => {
    const h = harness([{ text: ROUND1, stopReason: 'stop-sequence' }, { text: FINAL, stopReason: 'eos' }], () => outcome('1'), {
      pythonReady: () => false,
    });
    await runToolLoop(h.deps);
    expect(h.statuses).toEqual(['loading', 'running', null]);
  });

  it('stops asking for programs after maxRounds', async () => {
    const gens = Array.from({ length: 5 }, () => ({ text: ROUND1, stopReason: 'stop-sequence' as const }));
    const h = harness(gens, () => outcome('1'), { maxRounds: 2 });
    const res = await runToolLoop(h.deps);
    expect(res.end).toBe('rounds');
    expect(h.programs).toHaveLength(2);
    expect(res.runs).toHaveLength(2);
  });

  it('does not run a program the model did not finish, or text that only ends at EOS', async () => {
    const h = harness([{ text: ' ```python\nprint(1)\n', stopReason: 'max-tokens' }], () => outcome('1'));
    expect((await runToolLoop(h.deps)).end).toBe('done');
    const h2 = harness([{ text: 'No program here.', stopReason: 'eos' }], () => outcome('1'));
    expect((await runToolLoop(h2.deps)).end).toBe('done');
    expect([...h.programs, ...h2.programs]).toEqual([]);
  });

  it('a timeout becomes the output block, and the model goes on from it', async () => {
    const msg = 'Python ran past the 2 s limit and was stopped; the sandbox was restarted';
    const h = harness(
      [
        { text: ' ```python\nwhile True:\n    pass\n```\n', stopReason: 'stop-sequence' },
        { text: 'It never ends.', stopReason: 'eos' },
      ],
      () => outcome(msg, { status: 'timeout', durationMs: 2000 }),
    );
    const res = await runToolLoop(h.deps);
    expect(res.answer).toContain(`\`\`\`output\n${msg}\n\`\`\`\nIt never ends.`);
    expect(res.runs[0]).toMatchObject({ status: 'timeout', output: msg, durationMs: 2000 });
  });

  it('Stop during a program ends the loop without an output block; an interrupted generation ends it too', async () => {
    let stopped = false;
    const h = harness([{ text: ROUND1, stopReason: 'stop-sequence' }], () => {
      stopped = true;
      return outcome('Stopped', { status: 'cancelled' });
    }, { stopped: () => stopped });
    const res = await runToolLoop(h.deps);
    expect(res.end).toBe('stopped');
    expect(res.answer).toBe(ROUND1);
    expect(res.runs).toEqual([]);

    const h2 = harness([{ text: ROUND1, stopReason: 'interrupted' }], () => outcome('1'));
    expect((await runToolLoop(h2.deps)).end).toBe('stopped');
    expect(h2.programs).toEqual([]);
  });

  it('keeps a long output to its head and tail, and the run shows what the model saw', async () => {
    const long = Array.from({ length: 2000 }, (_, i) => String(i)).join('\n');
    const h = harness([{ text: ROUND1, stopReason: 'stop-sequence' }, { text: FINAL, stopReason: 'eos' }], () => outcome(long));
    const res = await runToolLoop(h.deps);
    expect(res.runs[0].output.length).toBeLessThanOrEqual(TOOL_OUTPUT_MAX_CHARS + 5);
    expect(res.runs[0].output.startsWith('0\n1\n2')).toBe(true);
    expect(res.runs[0].output.endsWith('1999')).toBe(true);
    expect(res.answer).toContain(`\`\`\`output\n${res.runs[0].output}\n\`\`\`\n${FINAL}`);
  });

  it('reports no model', async () => {
    const h = harness([], () => outcome('1'), { generate: async () => null });
    expect((await runToolLoop(h.deps)).end).toBe('no-model');
  });
});
