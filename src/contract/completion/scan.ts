// Line-by-line bracket counting that skips strings and comments, and indentation
// helpers: the small amount of lexing the completion clean-up needs.
import type { LanguageInfo } from '../prompts/languages.ts';

const OPEN = '([{';
const CLOSE = ')]}';

/** Indentation width of a line; a tab counts as 4 columns. */
export function indentWidth(line: string): number {
  let w = 0;
  for (const ch of line) {
    if (ch === ' ') w += 1;
    else if (ch === '\t') w += 4;
    else break;
  }
  return w;
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Whether the line starts (after indentation) with a closing bracket. */
export function startsWithCloser(line: string): boolean {
  return /^[ \t]*[)\]}]/.test(line);
}

/**
 * Tracks bracket depth across lines, relative to where scanning started. Strings and
 * comments are skipped; a string or block comment may stay open across lines where the
 * language allows it (template literals, Python triple quotes, C block comments).
 */
export class BracketScanner {
  depth = 0;
  /** The text that ends the string or comment we are inside, if any. */
  private closing: string | null = null;
  private readonly lineComment: string | null;
  private readonly blockComments: boolean;
  private readonly triple: boolean;

  constructor(private readonly lang: LanguageInfo) {
    this.lineComment = lang.comment === 'hash' ? '#' : lang.comment === 'slash' ? '//' : null;
    this.blockComments = lang.comment === 'slash' || lang.comment === 'css';
    this.triple = lang.id === 'python';
  }

  /** Inside a string or comment that a previous line left open. */
  get continuing(): boolean {
    return this.closing !== null;
  }

  /** Scans one line (without its "\n"); returns the lowest depth reached on it. */
  line(text: string): number {
    let min = this.depth;
    let i = 0;
    while (i < text.length) {
      if (this.closing !== null) {
        if (text[i] === '\\' && this.closing !== '*/') {
          i += 2;
          continue;
        }
        if (text.startsWith(this.closing, i)) {
          i += this.closing.length;
          this.closing = null;
        } else i++;
        continue;
      }
      const ch = text[i];
      if (this.lineComment && text.startsWith(this.lineComment, i)) break;
      if (this.blockComments && text.startsWith('/*', i)) {
        this.closing = '*/';
        i += 2;
        continue;
      }
      if (this.lang.quotes.includes(ch)) {
        const three = ch + ch + ch;
        this.closing = this.triple && text.startsWith(three, i) ? three : ch;
        i += this.closing.length;
        continue;
      }
      if (OPEN.includes(ch)) this.depth++;
      else if (CLOSE.includes(ch)) min = Math.min(min, --this.depth);
      i++;
    }
    // Only these strings may span lines; an unterminated '…' or "…" ends with its line.
    if (this.closing === "'" || this.closing === '"') this.closing = null;
    return min;
  }
}

/** Net bracket depth of a piece of text (strings and comments skipped). */
export function bracketDepth(text: string, lang: LanguageInfo): number {
  const s = new BracketScanner(lang);
  for (const line of text.split('\n')) s.line(line);
  return s.depth;
}
