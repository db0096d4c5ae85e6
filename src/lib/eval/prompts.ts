// The prompts of an evaluation, in the formats the model authors evaluated with:
// - completion (base coder models): HumanEval's prompt as is, cut at the Codex harness's stops;
//   maths in DeepSeek-Math's plain-text format, which a base model can follow as a document;
// - chat (instruct, DeepSeek-Math, R1): the family's chat template; HumanEval with the
//   instruction of DeepSeek-Coder's eval_instruct.py, maths with the step-by-step \boxed{} one.
// Always greedy, as the reported figures are.
import { completionStopIds, completionStopStrings } from '../../contract/prompts/families.ts';
import type { Family } from '../../contract/sets.ts';
import { buildChatPrompt } from '../prompts/instruct.ts';
import { buildMathPrompt, mathQuestion } from '../prompts/math.ts';
import { isFimTrained } from '../models/fim-partner.ts';
import type { ModelChoice } from '../models/catalog.ts';
import { HUMANEVAL_STOPS } from './humaneval.ts';
import type { EvalProblem, EvalSet } from './sets.ts';

export const EVAL_FORMATS = ['completion', 'chat'] as const;
export type EvalFormat = (typeof EVAL_FORMATS)[number];

/** Base coder models complete; every other model is asked in its chat format. */
export function defaultFormat(choice: ModelChoice): EvalFormat {
  return isFimTrained(choice) ? 'completion' : 'chat';
}

/** Tokens an answer may take: DeepSeek-Coder's harness allows 512 (base) and 1024 (instruct). */
export function defaultMaxTokens(set: EvalSet, format: EvalFormat, family: Family): number {
  if (family === 'r1-distill-qwen') return 4096;
  if (set === 'humaneval') return format === 'completion' ? 512 : 1024;
  return 1024;
}

export interface EvalPrompt {
  prompt: string;
  addSpecialTokens: boolean;
  stop: string[];
  stopTokenIds: number[];
  /** Text the prompt put at the start of the answer (R1's "<think>\n"); the output is this + the generated text. */
  answerPrefix: string;
  /** Chat format: the user's turn, for a model server that applies the template itself. */
  userTurn?: string;
}

/** DeepSeek-Coder's instruction for HumanEval with its instruct models (Evaluation/HumanEval/eval_instruct.py). */
export function humanEvalInstruction(prompt: string): string {
  return (
    'Please continue to complete the function. You are not allowed to modify the given code and do the completion only. ' +
    'Please return all completed function in a codeblock. Here is the given code to do completion:\n' +
    `\`\`\`python\n${prompt.trim()}\n\`\`\``
  );
}

export function evalPrompt(set: EvalSet, problem: EvalProblem, family: Family, format: EvalFormat): EvalPrompt {
  if (set === 'humaneval' && format === 'completion') {
    return {
      prompt: problem.question,
      addSpecialTokens: true,
      stop: [...HUMANEVAL_STOPS, ...completionStopStrings(family)],
      stopTokenIds: completionStopIds(family),
      answerPrefix: '',
    };
  }
  if (format === 'completion') {
    // DeepSeek-Math's format is plain text; the model's own end tokens end it.
    const built = buildMathPrompt({ family: 'deepseek-math', question: problem.question });
    // A base model may go on to invent the next turn: its answer ends where that would start.
    return { prompt: built.prompt, addSpecialTokens: false, stop: ['\n\nUser:', ...completionStopStrings(family)], stopTokenIds: completionStopIds(family), answerPrefix: '' };
  }
  const userTurn = set === 'humaneval' ? humanEvalInstruction(problem.question) : mathQuestion(problem.question);
  const built = set === 'humaneval' ? buildChatPrompt(family, { turns: [{ role: 'user', content: userTurn }] }) : buildMathPrompt({ family, question: problem.question });
  return { prompt: built.prompt, addSpecialTokens: false, stop: built.stop, stopTokenIds: built.stopTokenIds, answerPrefix: built.answerPrefix, userTurn };
}
