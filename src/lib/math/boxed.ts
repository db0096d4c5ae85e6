// The answers a model marks with \boxed{…} (or \fbox{…}), as DeepSeek-Math and the R1
// distills are prompted to. Braces are matched, so \boxed{\frac{1}{2}} gives \frac{1}{2};
// a box whose closing brace has not arrived yet (streaming, or a truncated answer) is
// left out rather than guessed at.

export interface Box {
  /** The contents, without the macro and its braces. */
  content: string;
  /** Offset of the backslash of \boxed or \fbox. */
  start: number;
  /** Offset just after the box (its closing brace, or the last character of a bare argument). */
  end: number;
}

// Not followed by a letter: \boxedsymbol would be a different macro.
const MACRO = /\\(?:boxed|fbox)(?![A-Za-z])/g;

/** Offset just after the "}" that balances the "{" at `open`, or -1 if it never comes. */
function matchBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    // \{ \} and \\ are escapes, not grouping.
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * `\boxed 5`: TeX would take one token, but models mean the whole number ("\boxed 12"),
 * so take the run up to whitespace or "$", without a sentence's final punctuation.
 */
function bareArgument(text: string, from: number): { content: string; end: number } | null {
  const m = /^[^\s$]+/.exec(text.slice(from));
  if (!m) return null;
  const content = m[0].replace(/[.,;:]+$/, '');
  return content === '' ? null : { content, end: from + content.length };
}

/** Every complete box, in order. A box inside another is part of the outer one only. */
export function findBoxes(text: string): Box[] {
  const boxes: Box[] = [];
  MACRO.lastIndex = 0;
  for (let m = MACRO.exec(text); m !== null; m = MACRO.exec(text)) {
    const start = m.index;
    let i = MACRO.lastIndex;
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text[i] === '{') {
      const end = matchBrace(text, i);
      if (end === -1) continue;
      boxes.push({ content: text.slice(i + 1, end - 1), start, end });
      MACRO.lastIndex = end;
    } else if (i > MACRO.lastIndex || /[0-9\\]/.test(text[i] ?? '')) {
      // A space, a digit or a control word after the macro: `\boxed 5`, `\boxed5`, `\boxed\pi`.
      const arg = bareArgument(text, i);
      if (!arg) continue;
      boxes.push({ content: arg.content, start, end: arg.end });
      MACRO.lastIndex = arg.end;
    }
  }
  return boxes;
}

export function extractBoxed(text: string): string[] {
  return findBoxes(text).map((b) => b.content);
}

/**
 * The final answer: the last box with something in it, trimmed. Empty boxes are
 * skipped, since a model sometimes echoes the instruction "within \boxed{}".
 */
export function finalAnswer(text: string): string | null {
  const boxes = extractBoxed(text);
  for (let i = boxes.length - 1; i >= 0; i--) {
    const answer = boxes[i].trim();
    if (answer !== '') return answer;
  }
  return null;
}
