// A problem of a run, opened where the user can work on it: a file in the editor (HumanEval's
// grading program, runnable as it is; a maths problem as Markdown), or a conversation in chat.
import type { ChatMode, ChatRole } from '../chat/modes.ts';
import { render } from '../i18n/render.ts';
import { gradingProgram } from './grade.ts';
import { gsm8kReference } from './gsm8k.ts';
import { truncateCompletion } from './humaneval.ts';
import { type EvalFormat, humanEvalInstruction } from './prompts.ts';
import type { ProblemResult } from './run.ts';
import type { EvalProblem, EvalSet } from './sets.ts';

/** A file name from an id: "HumanEval/12" -> "eval/HumanEval-12.py". */
export function evalFilePath(set: EvalSet, id: string): string {
  const base = id.replace(/\.json$/, '').replace(/[^A-Za-z0-9_.-]+/g, '-');
  return `eval/${base}.${set === 'humaneval' ? 'py' : 'md'}`;
}

export function editorFile(set: EvalSet, problem: EvalProblem, result: ProblemResult, format: EvalFormat): { path: string; text: string } {
  const path = evalFilePath(set, problem.id);
  if (set === 'humaneval') return { path, text: gradingProgram(problem, result.output, format) };
  const expected = set === 'gsm8k' ? gsm8kReference(problem.reference) : problem.reference;
  const verdict = `${result.passed ? 'PASS' : 'FAIL'}: ${render(result.reason, 'en')}`;
  return { path, text: `# ${problem.id}\n\n${problem.question}\n\n## Answer\n\n${result.output}\n\n## Expected\n\n${expected}\n\n${verdict}\n` };
}

export interface ChatOpen {
  mode: ChatMode;
  turns: { role: ChatRole; content: string; math?: boolean }[];
}

/** The conversation as the model had it: maths in math mode, HumanEval as the instruction and its answer. */
export function chatTurns(set: EvalSet, problem: EvalProblem, result: ProblemResult, format: EvalFormat): ChatOpen {
  if (set !== 'humaneval') {
    return { mode: 'math', turns: [{ role: 'user', content: problem.question, math: true }, { role: 'assistant', content: result.output, math: true }] };
  }
  const answer = format === 'completion' ? `\`\`\`python\n${problem.question}${truncateCompletion(result.output)}\n\`\`\`` : result.output;
  return { mode: 'chat', turns: [{ role: 'user', content: humanEvalInstruction(problem.question) }, { role: 'assistant', content: answer }] };
}

/** What the page does with a problem opened in the editor or in chat. */
export interface EvalOpeners {
  file(file: { path: string; text: string }): void;
  chat(open: ChatOpen): void;
}
