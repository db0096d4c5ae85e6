import { describe, expect, it } from 'vitest';
import { HeadCut, TailCut, countWithin, memoizeCountTokens } from './token-budget.ts';

// One token per non-space run and one per newline: additive across lines, like DeepSeek's.
const words = (t: string) => (t.match(/\S+|\n/g) ?? []).length;

describe('TailCut', () => {
  const text = 'a b\nc d e\nf\ng h';

  it('keeps the cursor line, then whole lines above while they fit', () => {
    const cut = new TailCut(text, words);
    cut.grow(5);
    expect(text.slice(cut.start)).toBe('f\ng h');
    expect(cut.tokens).toBe(4);
    cut.grow(9);
    expect(text.slice(cut.start)).toBe('c d e\nf\ng h');
    cut.grow(100);
    expect(cut.start).toBe(0);
    expect(cut.tokens).toBe(words(text));
  });

  it('handles a prefix ending with a newline, and a leading newline', () => {
    const cut = new TailCut('\nx\n', words);
    cut.grow(10);
    expect(cut.start).toBe(0);
    expect(cut.tokens).toBe(3);
  });

  it('cuts inside the cursor line only if it alone is too long', () => {
    const cut = new TailCut('above\none two three four', words);
    cut.grow(2);
    // The longest end of the line that fits (the space before "three" is free here).
    expect(cut.start).toBe('above\none two'.length);
    expect(cut.tokens).toBe(2);
    cut.grow(3); // still inside the line, a little more of it
    expect(cut.start).toBe('above\none'.length);
    cut.grow(100); // then whole lines again
    expect(cut.start).toBe(0);
    expect(cut.tokens).toBe(6);
  });
});

describe('HeadCut', () => {
  it('keeps the rest of the cursor line, then whole lines below', () => {
    const text = ')\n  return x\n\nnext()\n';
    const cut = new HeadCut(text, words);
    cut.grow(4);
    expect(text.slice(0, cut.end)).toBe(')\n');
    cut.grow(5);
    expect(text.slice(0, cut.end)).toBe(')\n  return x\n');
    cut.grow(6);
    expect(text.slice(0, cut.end)).toBe(')\n  return x\n\n');
    cut.grow(100);
    expect(cut.end).toBe(text.length);
  });

  it('cuts inside the first line only if it alone is too long', () => {
    const cut = new HeadCut('a b c d\ne', words);
    cut.grow(2);
    expect(cut.end).toBeLessThanOrEqual('a b '.length);
    expect(cut.tokens).toBe(2);
    cut.grow(5);
    expect(cut.end).toBe('a b c d\n'.length);
    cut.grow(6);
    expect(cut.end).toBe(9);
    expect(cut.tokens).toBe(6);
  });

  it('handles an empty suffix and a budget of zero', () => {
    const empty = new HeadCut('', words);
    empty.grow(0);
    expect([empty.end, empty.tokens]).toEqual([0, 0]);
    const zero = new TailCut('abc\ndef', words);
    zero.grow(0);
    expect([zero.start, zero.tokens]).toEqual([7, 0]);
  });
});

describe('countWithin and memoizeCountTokens', () => {
  it('stops counting once over the limit', () => {
    const seen: string[] = [];
    const spy = (t: string) => (seen.push(t), words(t));
    expect(countWithin('a\nb\nc\nd\n', 100, spy)).toBe(8);
    seen.length = 0;
    expect(countWithin('a\nb\nc\nd\n', 3, spy)).toBeUndefined();
    expect(seen).toEqual(['a\n', 'b\n']);
  });

  it('caches answers and evicts the oldest', () => {
    let calls = 0;
    const memo = memoizeCountTokens((t) => (calls++, words(t)), 2);
    memo('a');
    memo('a');
    expect(calls).toBe(1);
    memo('b');
    memo('c'); // evicts 'a'
    memo('a');
    expect(calls).toBe(4);
  });
});
