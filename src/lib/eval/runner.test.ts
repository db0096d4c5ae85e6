import { describe, expect, it } from 'vitest';
import type { GenerateResult, StopReason } from '../../contract/engine-api.ts';
import type { RunOutcome, RunStatus } from '../sandbox/outcome.ts';
import type { RunPython } from './grade.ts';
import type { EvalPrompt } from './prompts.ts';
import type { EvalRun, EvalSettings, ProblemResult } from './run.ts';
import { EvalRunner } from './runner.ts';
import type { EvalProblem } from './sets.ts';

const gsmProblems = new Map<string, EvalProblem>(
  [10, 20, 30].map((n, i) => [`gsm8k/${i}`, { id: `gsm8k/${i}`, question: `Question ${i}: what is ${n / 10} times 10?`, reference: `Steps.\n#### ${n}` }]),
);
const code = 'def add(a, b):\n    """Add."""\n';
const test = 'def check(candidate):\n    assert candidate(1, 2) == 3\n';
const heProblems = new Map<string, EvalProblem>(
  ['HumanEval/0', 'HumanEval/1'].map((id) => [
    id,
    { id, question: `# ${id}\n${code}`, reference: '', humaneval: { task_id: id, prompt: `# ${id}\n${code}`, canonical_solution: '', test, entry_point: 'add' } },
  ]),
);

const base: EvalSettings = { set: 'gsm8k', subset: 'all', count: 3, seed: 0, format: 'chat', maxTokens: 256, timeLimitMs: 5000, model: 'deepseek-math-7b-rl', family: 'deepseek-math' };
const gsmRun: EvalRun = { id: 'r1', settings: base, problemIds: [...gsmProblems.keys()], status: 'running', createdAt: 0, runtimes: ['wasm q8'] };
const heRun: EvalRun = {
  ...gsmRun,
  settings: { ...base, set: 'humaneval', format: 'completion', model: 'deepseek-coder-1.3b-base', family: 'deepseek-coder' },
  problemIds: [...heProblems.keys()],
};

function answer(text: string, stopReason: StopReason = 'eos', generatedTokens = 12): GenerateResult {
  return { text, prompt: '', stopReason, stats: { promptTokens: 30, generatedTokens, ttftMs: 5, totalMs: 400, tokensPerSecond: 30, tokensAfterInterrupt: null, reusedTokens: 0 } };
}

function outcome(status: RunStatus): RunOutcome {
  return { status, output: '', result: null, durationMs: 1, wallMs: 1, coldStartMs: null };
}

/** Which problem a prompt asks (its question is in the prompt). */
const idOf = (p: EvalPrompt, problems: ReadonlyMap<string, EvalProblem>): string => [...problems.values()].find((q) => p.prompt.includes(q.question))!.id;

/** Fake deps: `reply` answers each generate call; `log` records the order of calls. */
function harness(problems: ReadonlyMap<string, EvalProblem>, reply: (id: string) => Promise<GenerateResult | null> | GenerateResult | null, runPython?: RunPython) {
  const log: string[] = [];
  const saved: ProblemResult[] = [];
  const reported: string[] = [];
  let interrupted: (() => void) | null = null;
  const runner = new EvalRunner({
    async generate(prompt, maxNewTokens) {
      const id = idOf(prompt, problems);
      log.push(`generate ${id} ${maxNewTokens}`);
      return reply(id);
    },
    interrupt() {
      log.push('interrupt');
      interrupted?.();
    },
    runPython: runPython ?? (async () => outcome('ok')),
    cancelPython: () => log.push('cancelPython'),
    async save(_run, result) {
      log.push(`save ${result.id}`);
      await new Promise((r) => setTimeout(r, 2));
      saved.push(result);
      log.push(`saved ${result.id}`);
    },
  });
  const go = (run: EvalRun, results: ProblemResult[] = []) => runner.run(run, problems, results, (r) => reported.push(r.id));
  return { runner, log, saved, reported, go, onInterrupt: (f: () => void) => (interrupted = f) };
}

const boxed = (id: string) => `\\boxed{${(Number(id.split('/')[1]) + 1) * 10}}`;

describe('EvalRunner', () => {
  it('runs only the problems without a result, in order, and records each answer', async () => {
    const h = harness(gsmProblems, (id) => answer(id === 'gsm8k/2' ? 'It is 7.' : boxed(id)));
    const earlier: ProblemResult = { id: 'gsm8k/1', output: '', passed: true, reason: { key: 'eval_tests_passed' }, generatedTokens: 1, ms: 1, stop: 'eos' };
    expect(await h.go(gsmRun, [earlier])).toBe('done');
    expect(h.log.filter((l) => l.startsWith('generate'))).toEqual(['generate gsm8k/0 256', 'generate gsm8k/2 256']);
    expect(h.reported).toEqual(['gsm8k/0', 'gsm8k/2']);
    expect(h.saved[0]).toEqual({ id: 'gsm8k/0', output: '\\boxed{10}', passed: true, reason: { key: 'eval_right', params: { got: '10' } }, generatedTokens: 12, ms: 400, stop: 'eos' });
    expect(h.saved[1]).toMatchObject({ id: 'gsm8k/2', passed: false, reason: { key: 'eval_wrong', params: { got: '7', expected: '30' } } });
  });

  it('saves each result before the next generate call', async () => {
    const h = harness(gsmProblems, (id) => answer(boxed(id)));
    await h.go(gsmRun);
    expect(h.log).toEqual(['generate gsm8k/0 256', 'save gsm8k/0', 'saved gsm8k/0', 'generate gsm8k/1 256', 'save gsm8k/1', 'saved gsm8k/1', 'generate gsm8k/2 256', 'save gsm8k/2', 'saved gsm8k/2']);
  });

  it("the output starts with the prompt's answer prefix (R1's <think>)", async () => {
    const h = harness(gsmProblems, () => answer('ok</think> \\boxed{10}'));
    await h.go({ ...gsmRun, problemIds: ['gsm8k/0'], settings: { ...base, family: 'r1-distill-qwen' } });
    expect(h.saved[0]).toMatchObject({ output: '<think>\nok</think> \\boxed{10}', passed: true });
  });

  it('stop() during a generation ends the run stopped, without recording that problem', async () => {
    let release: (r: GenerateResult) => void = () => {};
    const h = harness(gsmProblems, (id) => (id === 'gsm8k/1' ? new Promise((r) => (release = r)) : answer(boxed(id))));
    h.onInterrupt(() => release(answer('half an ans', 'interrupted', 3)));
    const end = h.go(gsmRun);
    await waitUntil(() => h.log.includes('generate gsm8k/1 256'));
    await h.runner.stop();
    expect(await end).toBe('stopped');
    expect(h.saved.map((r) => r.id)).toEqual(['gsm8k/0']);
    expect(h.log).toContain('cancelPython');
    expect(h.log.at(-1)).toBe('interrupt');
  });

  it('an answer that finishes after stop() is not recorded either; a new run() resumes', async () => {
    let release: (r: GenerateResult) => void = () => {};
    const h = harness(gsmProblems, (id) => (id === 'gsm8k/0' ? new Promise((r) => (release = r)) : answer(boxed(id))));
    const end = h.go(gsmRun);
    await waitUntil(() => h.log.length > 0);
    await h.runner.stop();
    release(answer(boxed('gsm8k/0')));
    expect(await end).toBe('stopped');
    expect(h.saved).toEqual([]);
    const h2 = harness(gsmProblems, (id) => answer(boxed(id)));
    expect(await h2.go(gsmRun, [])).toBe('done');
    expect(h2.reported).toEqual(['gsm8k/0', 'gsm8k/1', 'gsm8k/2']);
  });

  it("an answer interrupted from elsewhere ends the run stopped, that problem still to do", async () => {
    const h = harness(gsmProblems, (id) => answer(boxed(id), id === 'gsm8k/1' ? 'interrupted' : 'eos'));
    expect(await h.go(gsmRun)).toBe('stopped');
    expect(h.saved.map((r) => r.id)).toEqual(['gsm8k/0']);
  });

  it('no model (generate gives null) ends stopped', async () => {
    const h = harness(gsmProblems, () => null);
    expect(await h.go(gsmRun)).toBe('stopped');
    expect(h.saved).toEqual([]);
    expect(h.log).toEqual(['generate gsm8k/0 256']);
  });

  it("HumanEval: a 'cancelled' program ends stopped without a result", async () => {
    const h = harness(heProblems, () => answer('    return a + b\n'), async () => outcome('cancelled'));
    expect(await h.go(heRun)).toBe('stopped');
    expect(h.saved).toEqual([]);
  });

  it("HumanEval: a 'timeout' fails that problem and the run goes on", async () => {
    const asked: { code: string; limit: number }[] = [];
    const h = harness(
      heProblems,
      () => answer('    return a + b\n'),
      async (code, limit) => {
        asked.push({ code, limit });
        return outcome(asked.length === 1 ? 'timeout' : 'ok');
      },
    );
    expect(await h.go(heRun)).toBe('done');
    expect(h.saved.map((r) => [r.id, r.passed, r.reason.key])).toEqual([
      ['HumanEval/0', false, 'eval_timeout'],
      ['HumanEval/1', true, 'eval_tests_passed'],
    ]);
    expect(h.saved[0].reason).toEqual({ key: 'eval_timeout', params: { limit: '5 s' } });
    expect(asked[0].limit).toBe(5000);
    expect(asked[0].code).toContain('# HumanEval/0\ndef add(a, b):\n    """Add."""\n    return a + b\n');
    expect(asked[1].code).toMatch(/check\(add\)\n$/);
  });

  it('an engine error propagates; the results before it stay saved', async () => {
    const h = harness(gsmProblems, (id) => {
      if (id === 'gsm8k/1') throw new Error('the engine crashed');
      return answer(boxed(id));
    });
    await expect(h.go(gsmRun)).rejects.toThrow('the engine crashed');
    expect(h.saved.map((r) => r.id)).toEqual(['gsm8k/0']);
    expect(h.reported).toEqual(['gsm8k/0']);
  });

  it('a problem missing from the data is an error', async () => {
    const h = harness(gsmProblems, (id) => answer(boxed(id)));
    await expect(h.go({ ...gsmRun, problemIds: ['gsm8k/0', 'gsm8k/99'] })).rejects.toThrow('gsm8k/99');
    expect(h.saved.map((r) => r.id)).toEqual(['gsm8k/0']);
  });
});

/** Waits (a few ms at a time) until `ok()` holds. */
async function waitUntil(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(ok()).toBe(true);
}
