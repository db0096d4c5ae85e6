// Fitting text into a token budget by whole lines, counting each line once.
//
// Counting line by line and summing is exact for the DeepSeek tokenizers: their first
// pre-tokenizer step isolates every "\r" and "\n", so no token spans a line break. For
// other tokenizers it is a close estimate. Growing a cut a line at a time keeps the
// work linear in what is kept (not quadratic, as re-encoding the whole kept text would be).

export type CountTokens = (text: string) => number;

/**
 * Wraps a counter with a cache of recent answers. Between two keystrokes almost every
 * line is unchanged, so a long-lived memoized counter re-tokenizes only the edited line.
 */
export function memoizeCountTokens(count: CountTokens, capacity = 20_000): CountTokens {
  const cache = new Map<string, number>();
  return (text: string) => {
    let n = cache.get(text);
    if (n === undefined) {
      n = count(text);
      // Oldest-first eviction: Map iterates in insertion order.
      if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      cache.set(text, n);
    }
    return n;
  };
}

function isLowSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Largest k in [lo, hi] with ok(k), given ok(lo); assumes ok is (nearly) monotone. */
function largest(lo: number, hi: number, ok: (k: number) => boolean): number {
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Keeps the end of `text` (the prefix before the cursor): the cursor's line, then whole
 * lines above it while they fit. `start` is where the kept part begins: a line start,
 * unless the cursor's line alone does not fit, when it keeps what fits of its end.
 * `grow` may be called again with a larger limit to take more.
 */
export class TailCut {
  start: number;
  tokens = 0;
  /** Start of the cursor's line and its tokens, until it is wholly taken. */
  private cursorLine: { start: number; tokens: number } | null = null;
  private lineTaken = false;

  constructor(
    private readonly text: string,
    private readonly count: CountTokens,
  ) {
    this.start = text.length;
  }

  grow(limit: number): void {
    const { text, count } = this;
    if (!this.lineTaken) {
      if (!this.cursorLine) {
        const start = text.lastIndexOf('\n', text.length - 1) + 1;
        this.cursorLine = { start, tokens: count(text.slice(start)) };
      }
      if (this.cursorLine.tokens > limit) {
        // Too long (minified code): keep as much of the line's end as fits.
        const fit = (k: number) => count(text.slice(text.length - k)) <= limit;
        let keep = largest(text.length - this.start, text.length - this.cursorLine.start, fit);
        if (keep > 0 && isLowSurrogate(text, text.length - keep)) keep--;
        this.start = text.length - keep;
        this.tokens = keep ? count(text.slice(this.start)) : 0;
        return;
      }
      this.start = this.cursorLine.start;
      this.tokens = this.cursorLine.tokens;
      this.lineTaken = true;
    }
    while (this.start > 0) {
      // text[start - 1] is the "\n" that ends the line above.
      const lineStart = this.start < 2 ? 0 : text.lastIndexOf('\n', this.start - 2) + 1;
      const n = count(text.slice(lineStart, this.start));
      if (this.tokens + n > limit) return;
      this.tokens += n;
      this.start = lineStart;
    }
  }
}

/**
 * Keeps the start of `text` (the suffix after the cursor): the rest of the cursor's line,
 * then whole lines below it while they fit. `end` is where the kept part ends: just after
 * a "\n", or the end of the text, unless the first line alone does not fit, when it keeps
 * what fits of its start.
 */
export class HeadCut {
  end = 0;
  tokens = 0;
  private lineTaken = false;

  constructor(
    private readonly text: string,
    private readonly count: CountTokens,
  ) {}

  grow(limit: number): void {
    const { text, count } = this;
    while (this.end < text.length || !this.lineTaken) {
      const from = this.lineTaken ? this.end : 0;
      const nl = text.indexOf('\n', from);
      const lineEnd = nl < 0 ? text.length : nl + 1;
      const n = count(text.slice(from, lineEnd));
      if (this.lineTaken && this.tokens + n > limit) return;
      if (!this.lineTaken && n > limit) {
        // The rest of the cursor's line alone is too long: keep what fits of it.
        const fit = (k: number) => count(text.slice(0, k)) <= limit;
        let keep = largest(this.end, lineEnd, fit);
        if (keep > 0 && isLowSurrogate(text, keep)) keep--;
        this.end = keep;
        this.tokens = keep ? count(text.slice(0, keep)) : 0;
        return;
      }
      this.tokens = (this.lineTaken ? this.tokens : 0) + n;
      this.end = lineEnd;
      this.lineTaken = true;
    }
  }
}

/**
 * Tokens of `text` counted line by line, or undefined as soon as they exceed `limit`
 * (a file that does not fit is not counted to its end).
 */
export function countWithin(text: string, limit: number, count: CountTokens): number | undefined {
  let total = 0;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    total += count(text.slice(pos, end));
    if (total > limit) return undefined;
    pos = end;
  }
  return total;
}
