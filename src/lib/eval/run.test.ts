import { describe, expect, it } from 'vitest';
import { type ProblemResult, remaining, summarize } from './run.ts';

const run = { problemIds: ['a', 'b', 'c', 'd'] };

function result(id: string, passed: boolean, generatedTokens = 100, ms = 2000): ProblemResult {
  return { id, output: `answer ${id}`, passed, reason: { key: 'eval_tests_passed' }, generatedTokens, ms, stop: 'eos' };
}

describe('summarize', () => {
  it('before the first result: nothing to rate', () => {
    expect(summarize(run, [])).toEqual({
      done: 0,
      total: 4,
      passed: 0,
      passAt1: null,
      interval: null,
      generatedTokens: 0,
      ms: 0,
      tokensPerSecond: null,
      remainingMs: null,
    });
  });

  it('counts, pass@1, the Wilson interval, tokens/s and the time left at the pace so far', () => {
    const s = summarize(run, [result('a', true, 100, 2000), result('b', false, 300, 6000)]);
    expect(s.done).toBe(2);
    expect(s.total).toBe(4);
    expect(s.passed).toBe(1);
    expect(s.passAt1).toBe(0.5);
    expect(s.interval!.low).toBeLessThan(0.5);
    expect(s.interval!.high).toBeGreaterThan(0.5);
    expect(s.generatedTokens).toBe(400);
    expect(s.ms).toBe(8000);
    expect(s.tokensPerSecond).toBe(50);
    // 4 s a problem, 2 problems left.
    expect(s.remainingMs).toBe(8000);
  });

  it('all done: nothing left; all passed: pass@1 1', () => {
    const s = summarize(run, ['a', 'b', 'c', 'd'].map((id) => result(id, true)));
    expect(s.passAt1).toBe(1);
    expect(s.interval!.high).toBeCloseTo(1, 12);
    expect(s.remainingMs).toBe(0);
  });

  it('no tokens/s when no time was measured', () => {
    expect(summarize(run, [result('a', true, 5, 0)]).tokensPerSecond).toBeNull();
  });
});

describe('remaining', () => {
  it("the problems without a result, in the run's order", () => {
    expect(remaining(run, [result('c', true), result('a', false)])).toEqual(['b', 'd']);
  });

  it('all of them before any result, none after all', () => {
    expect(remaining(run, [])).toEqual(['a', 'b', 'c', 'd']);
    expect(remaining(run, ['d', 'c', 'b', 'a'].map((id) => result(id, true)))).toEqual([]);
  });

  it('ignores results for ids the run does not take', () => {
    expect(remaining(run, [result('zzz', true)])).toEqual(['a', 'b', 'c', 'd']);
  });
});
