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
