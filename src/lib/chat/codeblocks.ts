// Fenced code blocks in Markdown, after CommonMark's rules for fences at the top level:
// an opening fence is 3+ backticks or tildes indented by at most 3 spaces; the block ends
// at a line with a fence of the same character, at least as long, and nothing but spaces
// after it, or at the end of the text. Model answers arrive a few tokens at a time, so an
// unclosed last block is normal (closed: false), not an error. Fences inside list items
// or block quotes (indented 4+ or after ">") are not recognised, as at CommonMark's top level.

export interface CodeBlock {
  /** First word of the info string ("" when none), e.g. "python" for "```python title". */
  lang: string;
  /** The whole info string after the fence, trimmed. */
  info: string;
  /** The lines between the fences, joined with "\n", without a final newline. */
  code: string;
  /** Offset of the opening fence line (its indentation included). */
  start: number;
  /** Offset just after the closing fence (before its line break), or the text's length. */
  end: number;
  closed: boolean;
}

interface Line {
  text: string;
  start: number;
  /** Offset after the line's text (before "\n" or "\r\n"). */
  end: number;
  /** Whether a line break follows: the last line of a streamed text may still grow. */
  terminated: boolean;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      // An empty remainder after a final "\n" is no line at all.
      if (start < text.length) lines.push({ text: text.slice(start), start, end: text.length, terminated: false });
      break;
    }
    const end = nl > start && text[nl - 1] === '\r' ? nl - 1 : nl;
    lines.push({ text: text.slice(start, end), start, end, terminated: true });
    start = nl + 1;
  }
  return lines;
}

interface Fence {
  indent: number;
  char: '`' | '~';
  length: number;
  info: string;
}

const OPENING = /^( {0,3})(`{3,}|~{3,})(.*)$/;

function openingFence(line: string): Fence | null {
  const m = OPENING.exec(line);
  if (!m) return null;
  const char = m[2][0] as '`' | '~';
  // A backtick fence's info string may not contain backticks (it would be inline code).
  if (char === '`' && m[3].includes('`')) return null;
  return { indent: m[1].length, char, length: m[2].length, info: m[3].trim() };
}

function isClosingFence(line: string, open: Fence): boolean {
  const m = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
  return m !== null && m[1][0] === open.char && m[1].length >= open.length;
}

/** Whether a not yet terminated last line could still become the closing fence. */
function mayBecomeClosing(line: string, open: Fence): boolean {
  const m = /^ {0,3}(`+|~+)$/.exec(line);
  return m !== null && m[1][0] === open.char;
}

/** Content lines lose up to as many leading spaces as the opening fence was indented. */
function dedent(line: string, indent: number): string {
  let i = 0;
  while (i < indent && line[i] === ' ') i++;
  return line.slice(i);
}

export function parseCodeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = splitLines(markdown);
  let i = 0;
  while (i < lines.length) {
    const fence = openingFence(lines[i].text);
    if (!fence) {
      i++;
      continue;
    }
    const start = lines[i].start;
    const content: string[] = [];
    let end = lines[i].end;
    let closed = false;
    i++;
    for (; i < lines.length; i++) {
      const line = lines[i];
      if (isClosingFence(line.text, fence)) {
        closed = true;
        end = line.end;
        i++;
        break;
      }
      // While streaming, a half-arrived closing fence ("``") is not code.
      if (!line.terminated && mayBecomeClosing(line.text, fence)) {
        end = line.end;
        continue;
      }
      content.push(dedent(line.text, fence.indent));
      end = line.end;
    }
    if (!closed) end = markdown.length;
    blocks.push({ lang: fence.info.split(/\s+/)[0] ?? '', info: fence.info, code: content.join('\n'), start, end, closed });
  }
  return blocks;
}

/** The shortest backtick fence that cannot be closed by a run of backticks inside `code`. */
export function fenceFor(code: string): string {
  let longest = 0;
  for (const m of code.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

// ---- Math segmentation ----------------------------------------------------------------

export type Segment =
  | { kind: 'text'; text: string; start: number; end: number }
  | {
      kind: 'math';
      /** The TeX between the delimiters. */
      tex: string;
      /** $$…$$ and \[…\] are display math; $…$ and \(…\) inline. */
      display: boolean;
      /** False for display or \( math whose closing delimiter has not arrived yet. */
      closed: boolean;
      /** The source text, delimiters included. */
      raw: string;
      start: number;
      end: number;
    };

/** [start, end) ranges of fenced blocks and inline code spans, where `$` is not math. */
function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = parseCodeBlocks(text).map((b) => [b.start, b.end]);
  const inBlock = (i: number) => ranges.some(([s, e]) => i >= s && i < e);
  const spans: [number, number][] = [];
  const runs = [...text.matchAll(/`+/g)].filter((m) => !inBlock(m.index));
  for (let r = 0; r < runs.length; r++) {
    const open = runs[r];
    // A code span ends at the next run of exactly the same length; without one the
    // backticks are literal (CommonMark), so a streamed "`x" stays text.
    let close = r + 1;
    while (close < runs.length && runs[close][0].length !== open[0].length) close++;
    if (close === runs.length) continue;
    spans.push([open.index, runs[close].index + runs[close][0].length]);
    r = close;
  }
  return [...ranges, ...spans].sort((a, b) => a[0] - b[0]);
}

function escaped(text: string, i: number): boolean {
  let n = 0;
  while (i - 1 - n >= 0 && text[i - 1 - n] === '\\') n++;
  return n % 2 === 1;
}

/** Index of `delim` at or after `from`, not backslash-escaped, before `limit`; -1 if none. */
function findClose(text: string, delim: string, from: number, limit: number): number {
  for (let j = text.indexOf(delim, from); j !== -1 && j < limit; j = text.indexOf(delim, j + 1)) {
    // "\]" and "\)" count only when their backslash is not itself escaped ("\\]").
    if (!escaped(text, j)) return j;
  }
  return -1;
}

/** A closing "$" of inline math: not after a space, not before a digit ("$5 and $10"). */
function findInlineDollar(text: string, from: number, limit: number): number {
  // Inline math stays within a paragraph.
  const para = text.indexOf('\n\n', from);
  const stop = para === -1 ? limit : Math.min(para, limit);
  for (let j = text.indexOf('$', from); j !== -1 && j < stop; j = text.indexOf('$', j + 1)) {
    if (escaped(text, j) || text[j + 1] === '$') continue;
    if (/\s/.test(text[j - 1]) || /\d/.test(text[j + 1] ?? '')) continue;
    return j;
  }
  return -1;
}

/**
 * Splits text into plain and math segments for a renderer that hands math to KaTeX.
 * Delimiters inside code blocks and code spans, and escaped ones (`\$`), are text. An
 * unclosed `$$`, `\[` or `\(` (the answer is still streaming) becomes math with
 * closed: false, so the renderer can show it raw until it completes; a lone `$` stays
 * text, since prices are more common than unclosed inline math.
 */
export function splitMath(text: string): Segment[] {
  const out: Segment[] = [];
  const code = codeRanges(text);
  let textStart = 0;
  const pushText = (end: number) => {
    if (end > textStart) out.push({ kind: 'text', text: text.slice(textStart, end), start: textStart, end });
  };
  const pushMath = (start: number, open: string, closeAt: number, closeLen: number, display: boolean, limit: number) => {
    const closed = closeAt !== -1;
    // Unclosed math is pending only at the very end; before a code range it is just text.
    if (!closed && limit < text.length) return start + open.length;
    pushText(start);
    const end = closed ? closeAt + closeLen : text.length;
    const tex = text.slice(start + open.length, closed ? closeAt : text.length);
    out.push({ kind: 'math', tex, display, closed, raw: text.slice(start, end), start, end });
    textStart = end;
    return end;
  };
  let c = 0;
  let i = 0;
  while (i < text.length) {
    while (c < code.length && code[c][1] <= i) c++;
    if (c < code.length && code[c][0] <= i) {
      i = code[c][1];
      continue;
    }
    // Math may not run into the next code range.
    const limit = c < code.length ? code[c][0] : text.length;
    const ch = text[i];
    if (ch === '\\' && (text[i + 1] === '[' || text[i + 1] === '(') && !escaped(text, i)) {
      const display = text[i + 1] === '[';
      const close = findClose(text, display ? '\\]' : '\\)', i + 2, limit);
      i = pushMath(i, text.slice(i, i + 2), close, 2, display, limit);
      continue;
    }
    if (ch === '$' && !escaped(text, i)) {
      if (text[i + 1] === '$') {
        const close = findClose(text, '$$', i + 2, limit);
        i = pushMath(i, '$$', close, 2, true, limit);
        continue;
      }
      if (text[i + 1] !== undefined && !/\s/.test(text[i + 1])) {
        const close = findInlineDollar(text, i + 1, limit);
        if (close !== -1) {
          i = pushMath(i, '$', close, 1, false, limit);
          continue;
        }
      }
    }
    i++;
  }
  pushText(text.length);
  return out;
}
