// Math prompts in the formats DeepSeek documents, built on the families' chat formats:
//
// DeepSeek-Math-instruct/RL, chain of thought (model card):
//   {BOS}User: {q}\nPlease reason step by step, and put your final answer within \boxed{}.\n\nAssistant:
// DeepSeek-Math, tool-integrated reasoning (same card):
//   {BOS}User: {q}\nPlease integrate natural language reasoning with programs to solve the problem above, and put your final answer within \boxed{}.\n\nAssistant:
// DeepSeek-R1-Distill (R1 model card: the directive in the user turn, no system prompt,
// and the answer forced to start with "<think>\n"):
//   {BOS}<｜User｜>{q}\nPlease reason step by step, and put your final answer within \boxed{}.<｜Assistant｜><think>\n
//
// The tool loop: the model writes a ```python block, then "```output"; generation stops
// there, the app runs the block, appends "```output\n{result}\n```\n" to the answer and
// generates again from prompt + answer so far (a pure extension, so the KV cache is reused).
import type { Family } from '../../contract/sets.ts';
import { parseCodeBlocks } from '../chat/codeblocks.ts';
import { type ChatPrompt, type ChatTurn, type R1Options, buildChatPrompt } from './instruct.ts';

export type MathMode = 'cot' | 'tool';

export const COT_INSTRUCTION = 'Please reason step by step, and put your final answer within \\boxed{}.';
export const TOOL_INSTRUCTION =
  'Please integrate natural language reasoning with programs to solve the problem above, and put your final answer within \\boxed{}.';

/** Where generation stops in tool mode, so the program above it can be run. */
export const TOOL_OUTPUT_STOP = '```output';

/** The user turn: the question, then the instruction on its own line. */
export function mathQuestion(question: string, mode: MathMode = 'cot'): string {
  return `${question}\n${mode === 'tool' ? TOOL_INSTRUCTION : COT_INSTRUCTION}`;
}

export interface MathInput {
  family: Family;
  question: string;
  mode?: MathMode;
  /**
   * The answer so far, to continue it (after a tool output, or after a stop), as stored
   * by assistantTurn: answerPrefix + generated text. The prompt is then the fresh prompt
   * plus this text.
   */
  partial?: string;
  /** R1 only: whether the prompt opens "<think>\n" (default true, as DeepSeek recommends). */
  openThink?: R1Options['openThink'];
}

/**
 * The math prompt for `family`. Tool mode adds TOOL_OUTPUT_STOP to the stop strings; it
 * is DeepSeek-Math's format, but any family may be asked for it (R1 distills were not
 * trained on it and seldom follow it).
 */
export function buildMathPrompt(input: MathInput): ChatPrompt {
  const mode = input.mode ?? 'cot';
  const turns: ChatTurn[] = [{ role: 'user', content: mathQuestion(input.question, mode) }];
  const options = { openThink: input.openThink };
  if (input.partial !== undefined) turns.push({ role: 'assistant', content: input.partial });
  const built = buildChatPrompt(input.family, { turns, ...options });
  return mode === 'tool' ? { ...built, stop: [...built.stop, TOOL_OUTPUT_STOP] } : built;
}

const PYTHON = new Set(['python', 'py', 'python3']);

/**
 * The code of the last closed ```python block, or null. An unclosed block (the answer was
 * cut off mid-program) is not run. Blocks inside an ```output block are never blocks of
 * their own, as the fence parser sees the output block as one.
 */
export function lastPythonBlock(text: string): string | null {
  const blocks = parseCodeBlocks(text).filter((b) => b.closed && PYTHON.has(b.lang.toLowerCase()));
  return blocks.length === 0 ? null : blocks[blocks.length - 1].code;
}

export interface ToolOutputOptions {
  /** Longer results keep their head and tail around a "…" line, as long outputs only fill the context. */
  maxChars?: number;
}

function clip(result: string, maxChars: number): string {
  if (result.length <= maxChars) return result;
  const half = Math.max(0, Math.floor((maxChars - 5) / 2));
  return `${result.slice(0, half)}\n...\n${result.slice(result.length - half)}`;
}

/**
 * The answer with the program's output appended, ready to generate from again:
 * text + "```output\n{result}\n```\n". Works whether or not the engine left the stop
 * string "```output" at the end of `text`; the result loses its trailing newlines (print
 * adds one) so the block closes on the next line.
 */
export function appendToolOutput(text: string, output: string, options: ToolOutputOptions = {}): string {
  let base = text;
  const stop = base.trimEnd();
  if (stop.endsWith(TOOL_OUTPUT_STOP)) base = stop.slice(0, stop.length - TOOL_OUTPUT_STOP.length);
  // The output block goes on a line of its own, after the python block's closing fence.
  if (base !== '' && !base.endsWith('\n')) base += '\n';
  let result = output.replace(/\r\n/g, '\n').replace(/\n+$/, '');
  if (options.maxChars !== undefined) result = clip(result, options.maxChars);
  return `${base}${TOOL_OUTPUT_STOP}\n${result}\n\`\`\`\n`;
}

/**
 * Whether a generation that stopped here is waiting for a tool output: it ended at the
 * stop string (kept or cut by the engine) right after a closed python block.
 */
export function awaitsToolOutput(text: string, stoppedAtToolStop: boolean): boolean {
  const trimmed = text.trimEnd();
  const atStop = stoppedAtToolStop || trimmed.endsWith(TOOL_OUTPUT_STOP);
  if (!atStop) return false;
  const body = trimmed.endsWith(TOOL_OUTPUT_STOP) ? trimmed.slice(0, trimmed.length - TOOL_OUTPUT_STOP.length) : trimmed;
  const blocks = parseCodeBlocks(body);
  const last = blocks[blocks.length - 1];
  return last !== undefined && last.closed && PYTHON.has(last.lang.toLowerCase()) && body.slice(last.end).trim() === '';
}
