import { describe, expect, it } from 'vitest';
import { render } from '../i18n/render.ts';
import type { RunOutcome, RunStatus } from '../sandbox/outcome.ts';
import { failure, grade, gradingProgram, type RunPython } from './grade.ts';
import type { EvalProblem } from './sets.ts';

const gsm: EvalProblem = { id: 'gsm8k/0', question: 'How many?', reference: 'Add them.\n#### 1,234' };
const math: EvalProblem = { id: 'test/algebra/1.json', question: 'Half of one?', reference: '\\frac{1}{2}' };
const prompt = 'def add(a, b):\n    """Add two numbers."""\n';
const test = 'def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(2, 2) == 4\n';
const he: EvalProblem = {
  id: 'HumanEval/0',
  question: prompt,
  reference: '    return a + b\n',
  humaneval: { task_id: 'HumanEval/0', prompt, canonical_solution: '    return a + b\n', test, entry_point: 'add' },
};

const noPython: RunPython = () => {
  throw new Error('maths is graded without Python');
};

function outcome(status: RunStatus, error: string | null = null): RunOutcome {
  const result = error === null ? null : { type: 'result' as const, id: 1, ok: false, stdout: '', stderr: '', error, durationMs: 3, truncated: false };
  return { status, output: error?.split('\n').pop() ?? 'out', result, durationMs: 3, wallMs: 4, coldStartMs: null };
}

/** A RunPython that answers `o` and remembers what it was asked. */
function fakeRun(o: RunOutcome) {
  const calls: { code: string; limit: number }[] = [];
  const run: RunPython = async (code, limit) => {
    calls.push({ code, limit });
    return o;
  };
  return { run, calls };
}

describe('grade: maths', () => {
  it('GSM8K: right, wrong, and no number', async () => {
    expect(await grade('gsm8k', gsm, 'So \\boxed{1234}.', 'chat', noPython, 1000)).toEqual({ passed: true, reason: { key: 'eval_right', params: { got: '1234' } } });
    const wrong = await grade('gsm8k', gsm, 'The answer is 17.', 'chat', noPython, 1000);
    expect(wrong).toEqual({ passed: false, reason: { key: 'eval_wrong', params: { got: '17', expected: '1234' } } });
    expect(render(wrong!.reason, 'en')).toBe('answered 17, expected 1234');
    expect(await grade('gsm8k', gsm, 'I cannot tell.', 'completion', noPython, 1000)).toEqual({
      passed: false,
      reason: { key: 'eval_no_number', params: { expected: '1234' } },
    });
  });

  it('MATH-500: right (normalised), wrong, and no box', async () => {
    expect(await grade('math500', math, 'It is $\\boxed{\\dfrac12}$.', 'chat', noPython, 1000)).toEqual({
      passed: true,
      reason: { key: 'eval_right', params: { got: '\\dfrac12' } },
    });
    expect(await grade('math500', math, '\\boxed{2}', 'chat', noPython, 1000)).toEqual({
      passed: false,
      reason: { key: 'eval_wrong', params: { got: '2', expected: '\\frac{1}{2}' } },
    });
    expect(await grade('math500', math, 'The answer is 1/2.', 'chat', noPython, 1000)).toEqual({
      passed: false,
      reason: { key: 'eval_no_boxed', params: { expected: '\\frac{1}{2}' } },
    });
  });
});

describe('grade: HumanEval', () => {
  it("'ok' passes; the program and the time limit reach the sandbox", async () => {
    const { run, calls } = fakeRun(outcome('ok'));
    expect(await grade('humaneval', he, '    return a + b\n', 'completion', run, 7000)).toEqual({ passed: true, reason: { key: 'eval_tests_passed' } });
    expect(calls).toEqual([{ code: gradingProgram(he, '    return a + b\n', 'completion'), limit: 7000 }]);
  });

  it("'error' at an assert: the failing assertion's line and code", async () => {
    const program = gradingProgram(he, '    return a * b\n', 'completion');
    const line = program.split('\n').findIndex((l) => l.includes('candidate(2, 2)')) + 1;
    const tb = `Traceback (most recent call last):\n  File "<program>", line 12, in <module>\n  File "<program>", line ${line}, in check\nAssertionError\n`;
    const { run } = fakeRun(outcome('error', tb));
    const v = await grade('humaneval', he, '    return a * b\n', 'completion', run, 7000);
    expect(v).toEqual({ passed: false, reason: { key: 'eval_failed_at', params: { error: 'AssertionError', line, code: 'assert candidate(2, 2) == 4' } } });
    expect(line).toBeGreaterThan(3);
  });

  it("'error' with no frame of the program: the error alone", async () => {
    const { run } = fakeRun(outcome('error', 'SyntaxError: invalid syntax'));
    expect(await grade('humaneval', he, 'oops(', 'completion', run, 7000)).toEqual({ passed: false, reason: { key: 'eval_failed', params: { error: 'SyntaxError: invalid syntax' } } });
  });

  it("'timeout' fails with the limit; 'crashed' says the sandbox failed; 'cancelled' gives null", async () => {
    const t = await grade('humaneval', he, 'x', 'completion', fakeRun(outcome('timeout')).run, 10_000);
    expect(t).toEqual({ passed: false, reason: { key: 'eval_timeout', params: { limit: '10 s' } } });
    expect(render(t!.reason, 'en')).toBe('ran past the 10 s limit');
    const c = await grade('humaneval', he, 'x', 'completion', fakeRun({ ...outcome('crashed'), output: 'worker died' }).run, 10_000);
    expect(c).toEqual({ passed: false, reason: { key: 'eval_sandbox_failed', params: { detail: 'worker died' } } });
    expect(await grade('humaneval', he, 'x', 'completion', fakeRun(outcome('cancelled')).run, 10_000)).toBeNull();
  });
});

describe('failure', () => {
  const program = 'a = 1\nb = 2\nassert a == b\n';

  it('the last <program> frame gives the line and its code; the last line the error', () => {
    const tb = 'Traceback (most recent call last):\n  File "<program>", line 1, in <module>\n  File "<program>", line 3, in f\nAssertionError: nope\n';
    expect(failure(program, tb)).toEqual({ error: 'AssertionError: nope', line: 3, code: 'assert a == b' });
  });

  it('an assertion over several lines comes whole; brackets inside strings do not count', () => {
    const multi = "def check(c):\n    assert c('(()') == [\n        '(()',\n    ]\n    assert c(')') == []\n";
    const tb = '  File "<program>", line 2, in check\nAssertionError\n';
    expect(failure(multi, tb).code).toBe("assert c('(()') == [ '(()', ]");
  });

  it('no frame: no line; a frame past the end: no code; empty: "Error"', () => {
    expect(failure(program, "NameError: name 'x' is not defined")).toEqual({ error: "NameError: name 'x' is not defined", line: null, code: null });
    expect(failure(program, '  File "<program>", line 99, in f\nValueError')).toEqual({ error: 'ValueError', line: 99, code: null });
    expect(failure(program, '').error).toBe('Error');
  });
});

describe('gradingProgram', () => {
  it('completion: prompt + completion cut at the stops + tests + check()', () => {
    const program = gradingProgram(he, '    return a + b\n\ndef extra():\n    pass', 'completion');
    expect(program.startsWith(`${prompt}    return a + b\n`)).toBe(true);
    expect(program).not.toContain('extra');
    expect(program).toContain(test);
    expect(program.endsWith('\n\ncheck(add)\n')).toBe(true);
  });

  it("chat: the answer's code block, R1's reasoning left out", () => {
    const output = '<think>\n```python\ndef add(a, b):\n    return 0\n```\n</think>\n\nHere:\n```python\ndef add(a, b):\n    return a + b\n```\n';
    const program = gradingProgram(he, output, 'chat');
    expect(program.startsWith('def add(a, b):\n    return a + b')).toBe(true);
    expect(program).not.toContain('return 0');
    expect(program.endsWith('check(add)\n')).toBe(true);
  });

  it('refuses a problem that is not HumanEval', () => {
    expect(() => gradingProgram(gsm, 'x', 'completion')).toThrow(/gsm8k\/0/);
  });
});
