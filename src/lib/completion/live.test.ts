import { describe, expect, it } from 'vitest';
import { LiveSuggestion } from './live.ts';

const ctx = { prefix: 'def fib(n):\n', suffix: '\n\nprint(fib(10))', language: 'python' };

function live() {
  let refreshes = 0;
  const s = new LiveSuggestion(ctx, () => refreshes++);
  return { s, refreshes: () => refreshes };
}

describe('LiveSuggestion', () => {
  it('hands the first characters to the first ask, then asks the editor again as they grow', async () => {
    const { s, refreshes } = live();
    const first = s.first();
    s.append('    ');
    s.append('if');
    expect(await first).toBe('    if');
    expect(refreshes()).toBe(0);
    s.append(' n < 2:');
    expect(refreshes()).toBe(1);
    expect(s.text).toBe('    if n < 2:');
    s.finish('    if n < 2:\n        return n');
    expect(refreshes()).toBe(2);
    expect(s.text).toBe('    if n < 2:\n        return n');
    expect(await s.first()).toBe('    if n < 2:\n        return n');
  });

  it('shows what the post-processor keeps: nothing past a marker spelled out', async () => {
    const { s } = live();
    s.append('    return 1<｜fim▁end｜>junk');
    expect(await s.first()).toBe('    return 1');
  });

  it('no refresh before anything was shown, and an abandoned one answers null', async () => {
    const { s, refreshes } = live();
    s.append('    ');
    const first = s.first();
    s.abandon();
    expect(await first).toBeNull();
    s.append('x = 1');
    expect(s.text).toBe('');
    expect(refreshes()).toBe(0);
  });

  it('matches only the document state it was made for', () => {
    const { s } = live();
    expect(s.matches(ctx.prefix, ctx.suffix)).toBe(true);
    expect(s.matches(`${ctx.prefix} `, ctx.suffix)).toBe(false);
  });
});

describe('LiveSuggestion, abandoned', () => {
  it('no longer matches its state, so asking there again starts a new generation', () => {
    const s = new LiveSuggestion(ctx, () => {});
    s.abandon();
    expect(s.matches(ctx.prefix, ctx.suffix)).toBe(false);
  });
});
