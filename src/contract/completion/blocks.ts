// Where a completion should end so that it stays inside the block the cursor is in.
//
// Line 0 of a completion continues the cursor's line; lines 1.. are whole lines. The
// "base" indentation is that of the cursor's line (with line 0 appended), or the
// cursor's column when that line is blank. Rules, first match wins, per line:
// - Closing brackets: a line that leaves the bracket depth below that at the start of
//   the cursor's line closes the enclosing block (or call). It is kept, and the completion ends after it;
//   `closedOuter` tells the caller to check whether the suffix already closes it.
// - Dedent: a non-blank line indented less than the base ends the completion before
//   it (a closing-bracket line is left to the rule above). In Python, when the text the
//   user typed on the cursor's line opens a block (ends with ":"), lines must be indented
//   deeper than the base,
//   except elif/else/except/finally at the base.
// - Blank line then dedent: a blank line followed by a line indented less than the
//   last non-blank line ends the completion at the blank (the model has moved on to the
//   next unit). In brace languages a blank line also ends it after a line that closed a
//   block opened within the completion, at the base indentation or less.
// Lines that start inside a multi-line string or comment are exempt from the indent rules.
import type { LanguageInfo } from '../prompts/languages.ts';
import { BracketScanner, indentWidth, isBlank, startsWithCloser } from './scan.ts';

export interface BlockCut {
  lines: string[];
  /** The last kept line closed a bracket opened before the cursor. */
  closedOuter: boolean;
}

const CONTINUATION = /^[ \t]*(elif|else|except|finally)\b/;

function opensPythonBlock(line: string): boolean {
  return /:[ \t]*(#.*)?$/.test(line);
}

/** The index of the first non-blank line at or after `from`, or -1. */
function nextNonBlank(lines: string[], from: number): number {
  for (let j = from; j < lines.length; j++) if (!isBlank(lines[j])) return j;
  return -1;
}

export function cutAtBlockEnd(lines: string[], lineBefore: string, lang: LanguageInfo): BlockCut {
  if (lang.blocks === 'other' || lines.length === 0) return { lines, closedOuter: false };
  const indentLang = lang.blocks === 'indent';
  const first = lineBefore + lines[0];
  const base = isBlank(first) ? indentWidth(lineBefore) : indentWidth(first);
  // Only a block the user's own line opens confines the completion to its body; one the
  // completion opens on a fresh line is followed by siblings at the same indentation.
  const opener = indentLang && !isBlank(lineBefore) && opensPythonBlock(first);
  const scanner = new BracketScanner(lang);

  // Depth counts from the start of the cursor's line, so brackets opened and closed on
  // it (finishing `def f(a` with `, b):`) are not mistaken for the enclosing block's.
  scanner.line(first);
  if (scanner.depth < 0) return { lines: lines.slice(0, 1), closedOuter: true };
  let lastIndent = isBlank(first) ? base : indentWidth(first);
  let closedInner = false; // the last non-blank line closed a block opened in the completion

  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const inString = scanner.continuing;
    if (isBlank(line)) {
      if (inString) continue;
      const j = nextNonBlank(lines, i + 1);
      if (j < 0) continue;
      const next = lines[j];
      const dedent = indentWidth(next) < lastIndent && !startsWithCloser(next);
      if (dedent || (!indentLang && closedInner && lastIndent <= base)) return { lines: lines.slice(0, i), closedOuter: false };
      continue;
    }
    if (!inString && !startsWithCloser(line)) {
      const ind = indentWidth(line);
      const tooShallow = opener ? ind < base || (ind === base && !CONTINUATION.test(line)) : ind < base;
      if (tooShallow) return { lines: lines.slice(0, i), closedOuter: false };
    }
    const before = scanner.depth;
    scanner.line(line);
    if (scanner.depth < 0) return { lines: lines.slice(0, i + 1), closedOuter: true };
    if (!inString) {
      lastIndent = indentWidth(line);
      closedInner = scanner.depth === 0 && (scanner.depth < before || startsWithCloser(line));
    }
  }
  return { lines, closedOuter: false };
}
