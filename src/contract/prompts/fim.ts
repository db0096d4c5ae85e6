// Fill-in-the-middle prompts for DeepSeek-Coder, in the PSM order it was trained on:
//
//   <｜begin▁of▁sentence｜><｜fim▁begin｜>{context}{path comment}{prefix}<｜fim▁hole｜>{suffix}<｜fim▁end｜>
//
// {context} is repository context as in DeepSeek-Coder's project-level training data:
// other files of the project, each after a comment line with its path, the files the
// current file imports first. The current file follows with its own path comment.
// Pure: tokens are counted by the injected function (the worker passes the real
// tokenizer, tests too), and the prompt is meant to be encoded with
// add_special_tokens: false, since it already spells BOS.
import type { Family } from '../sets.ts';
import type { CountTokens } from './token-budget.ts';
import { completionStopIds, completionStopStrings, familyTokens, supportsFim } from './families.ts';
import { normalizePath } from './imports.ts';
import { commentLine } from './languages.ts';
import { contextBlock, currentLanguage, freshLayout, keepAnchor, lineOf } from './fim-layout.ts';

export { orderContextFiles } from './fim-layout.ts';

export type { CountTokens } from './token-budget.ts';
export { memoizeCountTokens } from './token-budget.ts';

export interface FimFile {
  path: string;
  text: string;
}

export interface FimInput {
  family: Family;
  /** Text before the cursor. */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  /** Path of the current file, as shown to the model (e.g. "src/main.py"). */
  path: string;
  /** Language id of the current file (Monaco's); the extension of `path` if unknown. */
  language: string;
  /** Other open files of the project; the current file, if listed, is skipped. */
  files: readonly FimFile[];
  /** Most tokens the whole prompt may have. */
  budgetTokens: number;
  /** Most tokens after the hole (default a third of the budget): keystrokes recompute them. */
  suffixTokens?: number;
  /** The last prompt's layout for this file: kept while it fits, so keystrokes reuse its KV cache. */
  anchor?: FimAnchor;
}

/** What a prompt kept, to keep it again: its context files and the line its prefix began at. */
export interface FimAnchor {
  path: string;
  contextFiles: readonly string[];
  /** 0-based line of the file where the kept prefix began; -1 when it began inside a line. */
  prefixStartLine: number;
}

export interface FimParts {
  /** Paths of the context files in the prompt, in prompt order. */
  contextFiles: string[];
  /** Offset in `prefix` where the kept part begins (a line start, but see TailCut). */
  prefixStart: number;
  /** Offset in `suffix` where the kept part ends (after a "\n", or the suffix's end). */
  suffixEnd: number;
  /** The layout to pass back as `anchor` with the next keystroke's request. */
  anchor: FimAnchor;
  /** True when the last anchor was kept (the prompt starts as the last one did). */
  anchored: boolean;
  /** Length of the prompt's start that typing on the cursor's line leaves unchanged. */
  stableEnd: number;
}

export interface FimPrompt {
  prompt: string;
  /** Generation stops at any of these: EOS, EOT and the three FIM markers. */
  stopTokenIds: number[];
  /** The same markers as text, in case they are produced spelled out. */
  stop: string[];
  parts: FimParts;
  /** Prompt length by the injected counter (exact for DeepSeek-Coder's tokenizer). */
  tokens: number;
}

/** Whether the family's model was trained for fill-in-the-middle (only DeepSeek-Coder). */
export function isFimCapable(family: Family): boolean {
  return supportsFim(family);
}

/**
 * Builds the FIM prompt within `budgetTokens`. With an `anchor` that still fits (see
 * fim-layout.ts), the last prompt's context files and prefix start are kept; otherwise:
 * - the suffix may use a third, the prefix two thirds of the budget left after the
 *   markers and the path comment; the prefix is cut from the top and the suffix from
 *   the bottom, at line boundaries;
 * - context files then fill what the prefix and suffix left, whole or not at all, in
 *   the order of orderContextFiles (a file that does not fit is skipped, smaller later
 *   ones may still go in);
 * - any budget still unused lets the prefix, then the suffix, grow.
 * Only the markers and the path comment are always kept, so a budget smaller than
 * those is exceeded. Throws for a family that has no FIM markers (see isFimCapable).
 */
export function buildFimPrompt(input: FimInput, countTokens: CountTokens): FimPrompt {
  const special = familyTokens(input.family);
  const fim = special.fim;
  if (!fim) throw new Error(`${input.family} models were not trained for fill-in-the-middle`);

  const lang = currentLanguage(input.language, input.path);
  const header = `${commentLine(lang.comment, input.path)}\n`;
  const fixed = countTokens(special.bos.text + fim.begin.text + fim.hole.text + fim.end.text) + countTokens(header);
  const avail = Math.max(0, input.budgetTokens - fixed);
  const anchor = input.anchor && normalizePath(input.anchor.path) === normalizePath(input.path) ? input.anchor : undefined;
  const layout = (anchor && keepAnchor(input, anchor, avail, countTokens)) ?? freshLayout(input, avail, countTokens, anchor !== undefined);

  const beforeHole = special.bos.text + fim.begin.text + layout.files.map(contextBlock).join('') + header + input.prefix.slice(layout.prefix.start);
  const prompt = beforeHole + fim.hole.text + input.suffix.slice(0, layout.suffix.end) + fim.end.text;
  // What keystrokes at the cursor leave alone: everything before the cursor's line.
  const lineStart = Math.max(layout.prefix.start, input.prefix.lastIndexOf('\n') + 1);
  const contextFiles = layout.files.map((f) => f.path);
  const startsLine = layout.prefix.start === 0 || input.prefix[layout.prefix.start - 1] === '\n';
  return {
    prompt,
    stopTokenIds: completionStopIds(input.family),
    stop: completionStopStrings(input.family),
    parts: {
      contextFiles,
      prefixStart: layout.prefix.start,
      suffixEnd: layout.suffix.end,
      anchor: { path: input.path, contextFiles, prefixStartLine: startsLine ? lineOf(input.prefix, layout.prefix.start) : -1 },
      anchored: layout.anchored,
      stableEnd: beforeHole.length - (input.prefix.length - lineStart),
    },
    tokens: fixed + layout.contextTokens + layout.prefix.tokens + layout.suffix.tokens,
  };
}
