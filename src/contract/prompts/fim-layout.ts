// Which parts of the project and file a FIM prompt keeps. A fresh layout fills the budget; an
// anchored one keeps the last prompt's context files and prefix start while they still fit, so a
// keystroke changes the prompt only from the cursor's line on and the KV cache keeps the rest.
import { type CountTokens, HeadCut, TailCut, countWithin } from './token-budget.ts';
import type { FimAnchor, FimFile, FimInput } from './fim.ts';
import { importedPaths, normalizePath } from './imports.ts';
import { commentLine, languageFromPath, languageInfo } from './languages.ts';

export interface FimLayout {
  files: FimFile[];
  contextTokens: number;
  prefix: { start: number; tokens: number };
  suffix: { end: number; tokens: number };
  anchored: boolean;
}

/** After a layout outgrew its budget, the prefix takes this share of its room, leaving the rest to grow into. */
const REFILL = 0.75;

export function currentLanguage(language: string, path: string) {
  const info = languageInfo(language);
  return info.id === 'plaintext' ? languageFromPath(path) : info;
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

/** A context file as the model saw it in training: path comment, contents, blank line. */
export function contextBlock(file: FimFile): string {
  const header = commentLine(languageFromPath(file.path).comment, file.path);
  return `${header}\n${file.text.replace(/\n+$/, '')}\n\n`;
}

/** The suffix's most tokens: the input's cap, or a third of what the markers leave. */
function suffixShare(input: FimInput, avail: number): number {
  return Math.min(Math.floor(avail / 3), input.suffixTokens ?? avail);
}

/** 0-based line of `offset` in `text`. */
export function lineOf(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Offset where 0-based `line` starts, or -1 past the end. */
function lineStart(text: string, line: number): number {
  let pos = 0;
  for (let k = 0; k < line; k++) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) return -1;
    pos = nl + 1;
  }
  return pos;
}

/**
 * Context files fill what the prefix (~2/3) and suffix (~1/3) leave, then any budget still unused
 * lets the prefix, then the suffix, grow. `refill`: the last layout no longer fit, so the prefix
 * takes only REFILL of its room and the next keystrokes fit without moving its start again.
 */
export function freshLayout(input: FimInput, avail: number, countTokens: CountTokens, refill: boolean): FimLayout {
  const share = (n: number) => (refill ? Math.floor(n * REFILL) : n);
  const suffixCap = suffixShare(input, avail);
  const prefix = new TailCut(input.prefix, countTokens);
  const suffix = new HeadCut(input.suffix, countTokens);
  prefix.grow(share(avail - suffixCap));
  suffix.grow(suffixCap);

  let left = avail - prefix.tokens - suffix.tokens;
  const files: FimFile[] = [];
  let contextTokens = 0;
  for (const file of orderContextFiles(input)) {
    if (left <= 0) break;
    const n = countWithin(contextBlock(file), left, countTokens);
    if (n === undefined) continue;
    files.push(file);
    contextTokens += n;
    left -= n;
  }
  prefix.grow(share(avail - contextTokens - suffix.tokens));
  // Every keystroke recomputes the suffix (it follows the hole): after a refill, or with a set
  // cap, it keeps its share.
  if (!refill && input.suffixTokens === undefined) suffix.grow(avail - contextTokens - prefix.tokens);
  return { files, contextTokens, prefix, suffix, anchored: false };
}

/**
 * The anchor's context files (all still there) and prefix start, if they fit with the cursor's
 * line, and a suffix of up to a third; null when they do not, or when a quarter of the budget would go unused while there is
 * more to take (a bigger budget, a shorter file).
 */
export function keepAnchor(input: FimInput, anchor: FimAnchor, avail: number, countTokens: CountTokens): FimLayout | null {
  if (anchor.prefixStartLine < 0) return null;
  const byPath = new Map(orderContextFiles(input).map((f) => [f.path, f]));
  const files = anchor.contextFiles.map((p) => byPath.get(p));
  if (files.some((f) => f === undefined)) return null;
  const start = lineStart(input.prefix, anchor.prefixStartLine);
  if (start < 0 || input.prefix.indexOf('\n', start) < 0 && start > input.prefix.lastIndexOf('\n') + 1) return null;
  const contextTokens = files.reduce((n, f) => n + (countWithin(contextBlock(f!), Infinity, countTokens) ?? 0), 0);
  const prefixTokens = countWithin(input.prefix.slice(start), Infinity, countTokens) ?? 0;
  const room = avail - contextTokens - prefixTokens;
  if (room < 0) return null;
  const suffix = new HeadCut(input.suffix, countTokens);
  // Recomputed on every keystroke (it follows the hole), so no more than a fresh layout's share.
  suffix.grow(Math.min(room, suffixShare(input, avail)));
  if (contextTokens + prefixTokens + suffix.tokens > avail) return null;
  const unused = room - suffix.tokens;
  const more = start > 0 || byPath.size > files.length;
  if (more && unused > avail / 4) return null;
  return { files: files as FimFile[], contextTokens, prefix: { start, tokens: prefixTokens }, suffix, anchored: true };
}
