// HumanEval: the program that grades a completion (prompt + completion + the problem's tests +
// check(entry_point)), run in the Pyodide sandbox with a time limit per problem.
import { codeToApply } from '../prompts/actions.ts';

export interface HumanEvalProblem {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  test: string;
  entry_point: string;
}

/** Where a base model's completion ends: the usual stop sequences of the Codex paper's harness. */
export const HUMANEVAL_STOPS = ['\nclass', '\ndef', '\n#', '\nif', '\nprint'] as const;

/** The completion cut at the first stop sequence (the function body alone). */
export function truncateCompletion(text: string): string {
  let end = text.length;
  for (const stop of HUMANEVAL_STOPS) {
    const at = text.indexOf(stop);
    if (at >= 0 && at < end) end = at;
  }
  return text.slice(0, end);
}

/** The program for a base model's completion of the prompt. */
export function completionProgram(p: HumanEvalProblem, completion: string): string {
  return `${p.prompt}${truncateCompletion(completion)}\n\n${p.test}\n\ncheck(${p.entry_point})\n`;
}

/**
 * The program for an instruct model's answer: its Python block, after whatever the prompt has
 * before the function (imports, helpers) when the block defines the function itself; a block
 * with only the body completes the prompt instead.
 */
export function answerProgram(p: HumanEvalProblem, answer: string): string {
  const code = codeToApply(answer, 'python') ?? answer;
  const def = new RegExp(`^def\\s+${p.entry_point}\\s*\\(`, 'm');
  const body = def.test(code) ? p.prompt.slice(0, Math.max(0, p.prompt.search(def))) + code : p.prompt + code;
  return `${body}\n\n${p.test}\n\ncheck(${p.entry_point})\n`;
}
