// Chat prompts for each family, spelled as text the way the models' own chat templates
// (tokenizer_config.json) render them, BOS included: encode with add_special_tokens: false.
//
// DeepSeek-Coder instruct:
//   {BOS}{system}\n### Instruction:\n{user}\n### Response:\n{assistant}\n<|EOT|>\n### Instruction:\n…### Response:\n
// DeepSeek-LLM / DeepSeek-Math chat:
//   {BOS}{system}\n\nUser: {user}\n\nAssistant: {assistant}{EOS}User: …\n\nAssistant:
// DeepSeek-R1-Distill-Qwen:
//   {BOS}<｜User｜>{user}<｜Assistant｜>{answer}{EOS}<｜User｜>…<｜Assistant｜><think>\n
//
// Multi-turn: the prompt of turn n+1 starts with the prompt of turn n plus its answer
// (stored as `answerPrefix + output`, see assistantTurn), so the engine's token-exact
// KV-prefix reuse carries across turns. Two template details bend for that, both only
// when the stored answer is the model's raw output: Coder's "\n" before <|EOT|> is not
// doubled when the answer already ends with one, and DeepSeek-LLM's space after
// "Assistant:" is not doubled when the answer starts with one. The one exception is
// R1's default of dropping earlier reasoning (see R1Options.thinking).
import type { Family } from '../../contract/sets.ts';
import { afterThinking } from '../math/think.ts';
import { BOS_TEXT, EOS_TEXT, EOT_TEXT, familyTokens } from '../../contract/prompts/families.ts';

import type { ChatRole } from '../chat/modes.ts';

export interface ChatTurn {
  role: ChatRole;
  content: string;
}

export interface ChatPrompt {
  prompt: string;
  /** Generation stops at any of these texts (the engine cuts before the match). */
  stop: string[];
  /** Token ids that end the answer. */
  stopTokenIds: number[];
  /**
   * Text the prompt already put at the start of the assistant's answer: "<think>\n" for
   * R1, the partial answer when the last turn is the assistant's (a continuation), else
   * "". The assistant turn to store is answerPrefix + the generated text.
   */
  answerPrefix: string;
  /** The same conversation as turns, for a model server that applies the model's template itself. */
  messages?: { role: 'system' | ChatRole; content: string }[];
}

export interface InstructInput {
  /**
   * DeepSeek-Coder: undefined means DEFAULT_CODER_SYSTEM, "" means none.
   * DeepSeek-Math and R1: undefined or "" means none (DeepSeek advises none for R1).
   */
  system?: string;
  /**
   * Alternating turns, starting with the user's. Ending with a user turn asks for an
   * answer; ending with an assistant turn continues that answer where it stopped.
   */
  turns: readonly ChatTurn[];
}

export interface R1Options {
  /**
   * Earlier assistant turns: 'strip' (the default) keeps only what follows "</think>",
   * as R1's chat template does and the model card recommends; the shared prefix with the
   * previous prompt then ends at that turn's <｜Assistant｜>. 'keep' leaves the reasoning
   * in, so the whole previous prompt and answer are reused, at the cost of context.
   */
  thinking?: 'strip' | 'keep';
  /** Start the answer with "<think>\n", as DeepSeek recommends for the distills (default true). */
  openThink?: boolean;
}

export type ChatInput = InstructInput & R1Options;

/**
 * The system prompt DeepSeek-Coder-instruct's chat template inserts when none is given,
 * verbatim ("Deepseek", no final period). The README spells it "DeepSeek … answer.";
 * the template is what the model was tuned and served with.
 */
export const DEFAULT_CODER_SYSTEM =
  'You are an AI programming assistant, utilizing the Deepseek Coder model, developed by Deepseek Company, ' +
  'and you only answer questions related to computer science. For politically sensitive questions, security ' +
  'and privacy issues, and other non-computer science questions, you will refuse to answer';

/** DeepSeek-Coder has a house system prompt; DeepSeek advises none for Math and R1. */
export function defaultSystemPrompt(family: Family): string {
  return family === 'deepseek-coder' ? DEFAULT_CODER_SYSTEM : '';
}

export const R1_USER_TEXT = '<｜User｜>';
export const R1_ASSISTANT_TEXT = '<｜Assistant｜>';
export const R1_THINK_OPENER = '<think>\n';

function checkTurns(turns: readonly ChatTurn[]): void {
  if (turns.length === 0) throw new Error('A chat prompt needs at least one turn');
  turns.forEach((t, i) => {
    const expected: ChatRole = i % 2 === 0 ? 'user' : 'assistant';
    if (t.role !== expected) throw new Error(`Turn ${i + 1} should be the ${expected}'s, not the ${t.role}'s`);
  });
}

/** The last turn is the assistant's: its answer is continued, not closed. */
function continuing(turns: readonly ChatTurn[]): boolean {
  return turns[turns.length - 1].role === 'assistant';
}

export function buildInstructPrompt(input: InstructInput): ChatPrompt {
  checkTurns(input.turns);
  const system = input.system ?? DEFAULT_CODER_SYSTEM;
  // The template glues a custom system prompt to "### Instruction:"; the default ends
  // with "\n", so give every system prompt the line break the model saw in training.
  let prompt = BOS_TEXT + (system === '' || system.endsWith('\n') ? system : `${system}\n`);
  input.turns.forEach((turn, i) => {
    if (turn.role === 'user') prompt += `### Instruction:\n${turn.content}\n`;
    else if (i === input.turns.length - 1) prompt += `### Response:\n${turn.content}`;
    else prompt += `### Response:\n${turn.content}${turn.content.endsWith('\n') ? '' : '\n'}${EOT_TEXT}\n`;
  });
  const cont = continuing(input.turns);
  if (!cont) prompt += '### Response:\n';
  const t = familyTokens('deepseek-coder');
  return {
    prompt,
    stop: [EOT_TEXT, EOS_TEXT],
    stopTokenIds: [t.eot!.id, t.eos.id],
    answerPrefix: cont ? input.turns[input.turns.length - 1].content : '',
  };
}

/** DeepSeek-LLM's chat format, which DeepSeek-Math-instruct/RL use too. */
export function buildDeepSeekLlmPrompt(input: InstructInput): ChatPrompt {
  checkTurns(input.turns);
  const system = input.system ?? '';
  let prompt = BOS_TEXT + (system === '' ? '' : `${system}\n\n`);
  input.turns.forEach((turn, i) => {
    if (turn.role === 'user') {
      prompt += `User: ${turn.content}\n\n`;
      return;
    }
    // The model's raw answer starts with its own space (" The"); a trimmed one gets it here.
    const spaced = turn.content === '' || /^\s/.test(turn.content) ? turn.content : ` ${turn.content}`;
    prompt += i === input.turns.length - 1 ? `Assistant:${spaced}` : `Assistant:${spaced}${EOS_TEXT}`;
  });
  const cont = continuing(input.turns);
  if (!cont) prompt += 'Assistant:';
  return {
    prompt,
    stop: [EOS_TEXT],
    stopTokenIds: [familyTokens('deepseek-math').eos.id],
    answerPrefix: cont ? input.turns[input.turns.length - 1].content : '',
  };
}

export function buildR1ChatPrompt(input: InstructInput & R1Options): ChatPrompt {
  checkTurns(input.turns);
  const strip = (input.thinking ?? 'strip') === 'strip';
  const opener = input.openThink === false ? '' : R1_THINK_OPENER;
  let prompt = BOS_TEXT + (input.system ?? '');
  input.turns.forEach((turn, i) => {
    if (turn.role === 'user') prompt += R1_USER_TEXT + turn.content;
    else if (i === input.turns.length - 1) prompt += R1_ASSISTANT_TEXT + turn.content;
    else prompt += R1_ASSISTANT_TEXT + (strip ? afterThinking(turn.content) : turn.content) + EOS_TEXT;
  });
  const cont = continuing(input.turns);
  if (!cont) prompt += R1_ASSISTANT_TEXT + opener;
  return {
    prompt,
    // A distill that forgets to stop sometimes writes the next user marker itself.
    stop: [EOS_TEXT, R1_USER_TEXT],
    stopTokenIds: [familyTokens('r1-distill-qwen').eos.id],
    answerPrefix: cont ? input.turns[input.turns.length - 1].content : opener,
  };
}

/** The chat prompt in the format of `family`. */
export function buildChatPrompt(family: Family, input: ChatInput): ChatPrompt {
  const system = family === 'deepseek-coder' ? (input.system ?? DEFAULT_CODER_SYSTEM) : (input.system ?? '');
  const messages = [...(system ? [{ role: 'system' as const, content: system }] : []), ...input.turns.map((t) => ({ role: t.role, content: t.content }))];
  return { ...builtFor(family, input), messages };
}

function builtFor(family: Family, input: ChatInput): ChatPrompt {
  switch (family) {
    case 'deepseek-coder':
      return buildInstructPrompt(input);
    case 'deepseek-math':
      return buildDeepSeekLlmPrompt(input);
    case 'r1-distill-qwen':
      return buildR1ChatPrompt(input);
  }
}

/** The assistant turn to store after generating `output` from `built`. */
export function assistantTurn(built: ChatPrompt, output: string): ChatTurn {
  return { role: 'assistant', content: built.answerPrefix + output };
}
