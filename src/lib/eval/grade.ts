// One verdict per answer, whatever the set: the graders of this folder behind one call, with a
// reason a person can act on (the wrong number, the failing assertion, the time limit).
import type { RunOutcome } from '../sandbox/outcome.ts';
import { formatLimit } from '../sandbox/outcome.ts';
import type { Text } from '../i18n/text.ts';
import { THINK_CLOSE, THINK_OPEN, afterThinking } from '../math/think.ts';
import { gradeGsm8k, gsm8kReference } from './gsm8k.ts';
import { answerProgram, completionProgram } from './humaneval.ts';
import { gradeMath } from './math-answer.ts';
import type { EvalFormat } from './prompts.ts';
import type { EvalProblem, EvalSet } from './sets.ts';

export interface Verdict {
  passed: boolean;
  reason: Text;
}

/** Runs a program in the Python sandbox with a time limit. */
export type RunPython = (code: string, timeLimitMs: number) => Promise<RunOutcome>;

/** HumanEval's program for an answer in either format (R1's reasoning left out). */
export function gradingProgram(problem: EvalProblem, output: string, format: EvalFormat): string {
  const p = problem.humaneval;
  if (!p) throw new Error(`${problem.id} is not a HumanEval problem`);
  return format === 'completion' ? completionProgram(p, output) : answerProgram(p, afterThinking(output));
}

/** The statement starting at `index`, with the lines its open brackets carry on to (at most 8). */
function statementAt(lines: readonly string[], index: number): string | null {
  const parts: string[] = [];
  let depth = 0;
  for (let i = index; i < lines.length && parts.length < 8; i++) {
    const text = lines[i].trim();
    parts.push(text);
    for (const ch of text.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '')) depth += '([{'.includes(ch) ? 1 : ')]}'.includes(ch) ? -1 : 0;
    if (depth <= 0) break;
  }
  return parts.join(' ') || null;
}

/**
 * The error of a failed program and the line of the program where it was raised: for a failed
 * test, the assertion itself.
 */
export function failure(program: string, traceback: string): { error: string; line: number | null; code: string | null } {
  const lines = traceback.trimEnd().split('\n');
  const error = lines[lines.length - 1]?.trim() || 'Error';
  const frames = [...traceback.matchAll(/File "<program>", line (\d+)/g)];
  const last = frames[frames.length - 1];
  if (!last) return { error, line: null, code: null };
  const line = Number(last[1]);
  return { error, line, code: statementAt(program.split('\n'), line - 1) };
}

/** R1's answer after its reasoning; nothing when the reasoning never ended (cut at the limit). */
function finalPart(output: string): string {
  if (!output.startsWith(THINK_OPEN)) return output;
  return output.includes(THINK_CLOSE) ? afterThinking(output) : '';
}

function mathVerdict(set: 'gsm8k' | 'math500', problem: EvalProblem, whole: string): Verdict {
  const output = finalPart(whole);
  const expected = set === 'gsm8k' ? gsm8kReference(problem.reference) : problem.reference;
  const { pass, got } = set === 'gsm8k' ? gradeGsm8k(output, problem.reference) : gradeMath(output, problem.reference);
  if (got === null) return { passed: false, reason: { key: set === 'gsm8k' ? 'eval_no_number' : 'eval_no_boxed', params: { expected } } };
  return pass ? { passed: true, reason: { key: 'eval_right', params: { got } } } : { passed: false, reason: { key: 'eval_wrong', params: { got, expected } } };
}

/**
 * The verdict on one answer; null when the sandbox was stopped (the run is stopping and the
 * problem stays to do). Never throws for a bad answer (an endless loop fails its problem only);
 * throws when Python cannot be loaded.
 */
export async function grade(set: EvalSet, problem: EvalProblem, output: string, format: EvalFormat, run: RunPython, timeLimitMs: number): Promise<Verdict | null> {
  if (set !== 'humaneval') return mathVerdict(set, problem, output);
  const program = gradingProgram(problem, output, format);
  const outcome = await run(program, timeLimitMs);
  switch (outcome.status) {
    case 'ok':
      return { passed: true, reason: { key: 'eval_tests_passed' } };
    case 'error': {
      const f = failure(program, outcome.result?.error ?? outcome.output);
      return f.code
        ? { passed: false, reason: { key: 'eval_failed_at', params: { error: f.error, line: f.line ?? 0, code: f.code } } }
        : { passed: false, reason: { key: 'eval_failed', params: { error: f.error } } };
    }
    case 'timeout':
      return { passed: false, reason: { key: 'eval_timeout', params: { limit: formatLimit(timeLimitMs) } } };
    case 'crashed':
      // No Python at all: every problem would fail the same way, so the run stops instead.
      if (outcome.loadFailed) throw new Error(outcome.output);
      return { passed: false, reason: { key: 'eval_sandbox_failed', params: { detail: outcome.output } } };
    case 'cancelled':
      return null;
  }
}
