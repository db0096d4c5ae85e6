// Turns raw model output for a FIM request into the ghost text to show at the cursor.
//
// Steps, in order:
// 1. cut at the first end/FIM marker spelled as text; normalise line ends to "\n";
// 2. code (a word character) after the cursor on its line: keep the first line only;
// 3. end at the end of the cursor's block (see blocks.ts for the rules);
// 4. at most `maxLines` lines; drop trailing blank lines and trailing spaces;
// 5. a closing line that the suffix already has (the next suffix line at its
//    indentation or shallower is the same line) is dropped;
// 6. trailing lines that repeat the first lines of the suffix are dropped;
// 7. a tail that repeats the start of the rest of the cursor's line (`)`, `);`, `"]`)
//    is dropped, unless that would unbalance brackets the completion opened itself;
// 8. mid-line before closers only (`sum(|)`), a multi-line completion is kept when
//    step 6 or 7 consumed the closers, or when it ends on a fresh line (then the
//    closers start that line); otherwise only its first line is.
// Returns '' when nothing useful is left.
import { ALL_STOP_TEXTS } from '../prompts/families.ts';
import { type LanguageInfo, languageInfo } from '../prompts/languages.ts';
import { cutAtBlockEnd } from './blocks.ts';
import { bracketDepth, indentWidth, isBlank, leadingWhitespace } from './scan.ts';

export interface CompletionContext {
  /** Text before the cursor. */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  /** Language id of the document (Monaco's). */
  language: string;
  /** Most lines of ghost text; default DEFAULT_MAX_LINES. */
  maxLines?: number;
}

export const DEFAULT_MAX_LINES = 16;

/** Suffix lines compared against the completion's last lines. */
const SUFFIX_LINES_COMPARED = 8;

/** `text` up to the first of `stops`. */
export function cutAtStops(text: string, stops: readonly string[] = ALL_STOP_TEXTS): string {
  let end = text.length;
  for (const s of stops) {
    const i = text.indexOf(s);
    if (i >= 0 && i < end) end = i;
  }
  return text.slice(0, end);
}

/** Lines of `suffix` after the cursor's line, lazily (the suffix may be long). */
function* linesBelow(suffix: string): Generator<string> {
  let pos = suffix.indexOf('\n') + 1;
  if (pos === 0) return;
  while (pos <= suffix.length) {
    const nl = suffix.indexOf('\n', pos);
    const end = nl < 0 ? suffix.length : nl;
    yield suffix.slice(pos, end).replace(/\r$/, '');
    if (nl < 0) return;
    pos = nl + 1;
  }
}

function firstNonBlank(suffix: string, n: number): string[] {
  const out: string[] = [];
  for (const line of linesBelow(suffix)) {
    if (out.length >= n) break;
    if (!isBlank(line)) out.push(line);
  }
  return out;
}

function dropTrailingBlank(lines: string[]): string[] {
  let n = lines.length;
  while (n > 1 && isBlank(lines[n - 1])) n--;
  const out = lines.slice(0, n);
  out[n - 1] = out[n - 1].trimEnd();
  return out;
}

/** Whether the suffix already closes the block that `closing` (a whole line) closes. */
function suffixCloses(suffix: string, closing: string): boolean {
  const indent = indentWidth(closing);
  for (const line of linesBelow(suffix)) {
    if (isBlank(line) || indentWidth(line) > indent) continue;
    return line.trimEnd() === closing.trimEnd();
  }
  return false;
}

/**
 * Drops the completion's last non-blank lines (line 0 excluded: it continues the
 * cursor's line) when they equal the first non-blank lines of the suffix. The rest of
 * the cursor's line, if not blank, is the suffix's first line. Returns the text, or
 * undefined when nothing matched.
 */
function dropRepeatedSuffix(lines: string[], after: string, suffix: string): string | undefined {
  const tail: number[] = [];
  for (let i = 1; i < lines.length; i++) if (!isBlank(lines[i])) tail.push(i);
  const withAfter = !isBlank(after);
  const seq = [...(withAfter ? [after] : []), ...firstNonBlank(suffix, SUFFIX_LINES_COMPARED)];
  const same = (line: string, k: number) =>
    k === 0 && withAfter ? line.trim() === after.trim() : line.trimEnd() === seq[k].trimEnd();
  for (let m = Math.min(tail.length, seq.length); m >= 1; m--) {
    const from = tail.length - m;
    let ok = true;
    for (let k = 0; k < m && ok; k++) ok = same(lines[tail[from + k]], k);
    if (!ok) continue;
    const cut = tail[from];
    const kept = dropTrailingBlank(lines.slice(0, cut)).join('\n');
    // The rest of the cursor's line now follows: put it on its own line, as the model did.
    return withAfter ? `${kept}\n${leadingWhitespace(lines[cut])}` : kept;
  }
  return undefined;
}

/** Drops the longest tail of `text` that the rest of the cursor's line starts with. */
function dropOverlap(text: string, after: string, lang: LanguageInfo): string {
  const full = bracketDepth(text, lang);
  for (let k = Math.min(text.length, after.length); k >= 1; k--) {
    const head = after.slice(0, k);
    if (isBlank(head) || !text.endsWith(head)) continue;
    const rest = text.slice(0, -k);
    // `foo(1)` before `)` is a call inside the parentheses, not a repeated `)`.
    if (bracketDepth(rest, lang) <= Math.max(0, full)) return rest.trimEnd() === '' ? '' : rest;
  }
  return text;
}

export function cleanCompletion(raw: string, ctx: CompletionContext): string {
  const text = cutAtStops(raw).replace(/\r\n?/g, '\n');
  if (isBlank(text)) return '';
  const lang = languageInfo(ctx.language);
  const maxLines = Math.max(1, ctx.maxLines ?? DEFAULT_MAX_LINES);
  const before = ctx.prefix.slice(ctx.prefix.lastIndexOf('\n') + 1).replace(/\r$/, '');
  const nl = ctx.suffix.indexOf('\n');
  const after = (nl < 0 ? ctx.suffix : ctx.suffix.slice(0, nl)).replace(/\r$/, '');
  const nonBlank = (s: string) => (isBlank(s) ? '' : s);

  let lines = text.split('\n');
  // Code after the cursor would be pushed down by a multi-line insertion.
  if (/\w/.test(after)) lines = lines.slice(0, 1);
  const block = cutAtBlockEnd(lines, before, lang);
  const capped = block.lines.slice(0, maxLines);
  const lastRaw = capped[capped.length - 1];
  lines = dropTrailingBlank(capped);

  if (block.closedOuter && lines.length === block.lines.length) {
    const last = lines.length - 1;
    const closing = last === 0 ? before + lines[0] : lines[last];
    if (suffixCloses(ctx.suffix, closing)) lines = last === 0 ? [''] : dropTrailingBlank(lines.slice(0, last));
  }

  const deduped = dropRepeatedSuffix(lines, after, ctx.suffix);
  if (deduped !== undefined) return nonBlank(deduped);
  const joined = lines.join('\n');
  const trimmed = dropOverlap(joined, after, lang);
  if (isBlank(after) || lines.length === 1 || trimmed !== joined) return nonBlank(trimmed);
  // Multi-line before closers such as `)` or `};`: fine if the model ended on a fresh
  // line, which those closers will then start; otherwise they would trail its last line.
  if (capped.length > 1 && isBlank(lastRaw)) return nonBlank(`${joined}\n${lastRaw}`);
  return nonBlank(dropOverlap(lines[0], after, lang));
}

/**
 * True once more generated text can no longer change what cleanCompletion shows, so generation
 * may stop: a marker was spelled out, a mid-line completion has its line, the line cap is
 * reached, or the block rules cut at a line already whole. The last line may still grow, so it
 * is never judged.
 */
export function completionSettled(raw: string, ctx: CompletionContext): boolean {
  const text = cutAtStops(raw);
  if (text.length < raw.length) return true;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length < 2) return false;
  const whole = lines.slice(0, -1);
  const nl = ctx.suffix.indexOf('\n');
  if (/\w/.test(nl < 0 ? ctx.suffix : ctx.suffix.slice(0, nl))) return true;
  if (whole.length >= Math.max(1, ctx.maxLines ?? DEFAULT_MAX_LINES)) return true;
  const before = ctx.prefix.slice(ctx.prefix.lastIndexOf('\n') + 1).replace(/\r$/, '');
  return cutAtBlockEnd(whole, before, languageInfo(ctx.language)).lines.length < whole.length;
}
