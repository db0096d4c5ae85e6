import { describe, expect, it } from 'vitest';
import { CompletionCache } from './cache.ts';

describe('CompletionCache', () => {
  it('returns the whole completion at the same position', () => {
    const c = new CompletionCache();
    c.put('def f():\n    ', '\n', 'return 1');
    expect(c.lookup('def f():\n    ', '\n')).toBe('return 1');
  });

  it('returns the rest while the user types what was suggested', () => {
    const c = new CompletionCache();
    c.put('x = ', '\n', 'compute(a, b)');
    expect(c.lookup('x = comp', '\n')).toBe('ute(a, b)');
    expect(c.lookup('x = compute(a, b', '\n')).toBe(')');
  });

  it('misses when the typed text diverges, the suffix changed, or all was typed', () => {
    const c = new CompletionCache();
    c.put('x = ', '\n', 'compute(a)');
    expect(c.lookup('x = cop', '\n')).toBeUndefined();
    expect(c.lookup('x = comp', ')\n')).toBeUndefined();
    expect(c.lookup('x = compute(a)', '\n')).toBeUndefined();
    expect(c.lookup('x =', '\n')).toBeUndefined();
    expect(c.lookup('y = comp', '\n')).toBeUndefined();
  });

  it('ignores empty completions and replaces an entry for the same key', () => {
    const c = new CompletionCache();
    c.put('a', 'b', '');
    expect(c.size).toBe(0);
    c.put('a', 'b', 'one');
    c.put('a', 'b', 'two');
    expect(c.size).toBe(1);
    expect(c.lookup('a', 'b')).toBe('two');
  });

  it('prefers the newest matching entry', () => {
    const c = new CompletionCache();
    c.put('x = ', '', 'foo(1)');
    c.put('x = f', '', 'oo(2)');
    expect(c.lookup('x = fo', '')).toBe('o(2)');
  });

  it('evicts the least recently used entry beyond capacity', () => {
    const c = new CompletionCache(2);
    c.put('a', '', '1');
    c.put('b', '', '2');
    expect(c.lookup('a', '')).toBe('1'); // a is now the most recent
    c.put('c', '', '3'); // evicts b
    expect(c.lookup('b', '')).toBeUndefined();
    expect(c.lookup('a', '')).toBe('1');
    expect(c.lookup('c', '')).toBe('3');
    c.clear();
    expect(c.size).toBe(0);
  });

  it('is fast with long documents at capacity', () => {
    const c = new CompletionCache(50);
    const body = 'x = 1\n'.repeat(20_000);
    for (let i = 0; i < 50; i++) c.put(body + `v${i} = `, 'tail', `value_${i}`);
    const query = body + 'v7 = val';
    expect(c.lookup(query, 'tail')).toBe('ue_7');
    const t0 = performance.now();
    for (let i = 0; i < 200; i++) c.lookup(query, 'tail');
    expect(performance.now() - t0).toBeLessThan(250); // ~25 ms here
  });
});
