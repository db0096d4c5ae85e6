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
import type { Family } from '../models/catalog.ts';
import { type CountTokens, HeadCut, TailCut, countWithin } from './budget.ts';
import { completionStopIds, completionStopStrings, familyTokens, supportsFim } from './families.ts';
import { importedPaths, normalizePath } from './imports.ts';
import { commentLine, languageFromPath, languageInfo } from './languages.ts';

export type { CountTokens } from './budget.ts';
export { memoizeCountTokens } from './budget.ts';

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
}

export interface FimParts {
  /** Paths of the context files in the prompt, in prompt order. */
  contextFiles: string[];
  /** Offset in `prefix` where the kept part begins (a line start, but see TailCut). */
  prefixStart: number;
  /** Offset in `suffix` where the kept part ends (after a "\n", or the suffix's end). */
  suffixEnd: number;
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

/** The files to offer as context: imported ones first (in import order), then the rest as given. */
export function orderContextFiles(input: Pick<FimInput, 'path' | 'prefix' | 'suffix' | 'language' | 'files'>): FimFile[] {
  const current = normalizePath(input.path);
  const candidates = input.files.filter((f) => normalizePath(f.path) !== current && f.text.trim() !== '');
  const lang = currentLanguage(input.language, input.path);
  // Imports usually sit at the top, but a few come later; scan the whole file.
  const imported = importedPaths(input.path, input.prefix + input.suffix, lang.id, candidates.map((f) => f.path));
  const byPath = new Map<string, FimFile>();
  for (const f of candidates) if (!byPath.has(f.path)) byPath.set(f.path, f);
  const out: FimFile[] = [];
  for (const p of imported) {
    out.push(byPath.get(p)!);
    byPath.delete(p);
  }
  out.push(...byPath.values());
  return out;
}

function currentLanguage(language: string, path: string) {
  const info = languageInfo(language);
  return info.id === 'plaintext' ? languageFromPath(path) : info;
}

/** A context file as the model saw it in training: path comment, contents, blank line. */
function contextBlock(file: FimFile): string {
  const header = commentLine(languageFromPath(file.path).comment, file.path);
  return `${header}\n${file.text.replace(/\n+$/, '')}\n\n`;
}

/**
 * Builds the FIM prompt within `budgetTokens`:
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

  const suffixCap = Math.floor(avail / 3);
  const prefix = new TailCut(input.prefix, countTokens);
  const suffix = new HeadCut(input.suffix, countTokens);
  prefix.grow(avail - suffixCap);
  suffix.grow(suffixCap);

  let left = avail - prefix.tokens - suffix.tokens;
  const blocks: string[] = [];
  const contextFiles: string[] = [];
  let contextTokens = 0;
  for (const file of orderContextFiles(input)) {
    if (left <= 0) break;
    const block = contextBlock(file);
    const n = countWithin(block, left, countTokens);
    if (n === undefined) continue;
    blocks.push(block);
    contextFiles.push(file.path);
    contextTokens += n;
    left -= n;
  }
  prefix.grow(avail - contextTokens - suffix.tokens);
  suffix.grow(avail - contextTokens - prefix.tokens);

  const prompt =
    special.bos.text +
    fim.begin.text +
    blocks.join('') +
    header +
    input.prefix.slice(prefix.start) +
    fim.hole.text +
    input.suffix.slice(0, suffix.end) +
    fim.end.text;

  return {
    prompt,
    stopTokenIds: completionStopIds(input.family),
    stop: completionStopStrings(input.family),
    parts: { contextFiles, prefixStart: prefix.start, suffixEnd: suffix.end },
    tokens: fixed + contextTokens + prefix.tokens + suffix.tokens,
  };
}
