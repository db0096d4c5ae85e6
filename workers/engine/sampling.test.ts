import { describe, expect, it } from 'vitest';
import { nucleusFilter } from './sampling.ts';

describe('nucleusFilter', () => {
  const logits = () => Float32Array.from([Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)]);
  it('keeps the smallest set reaching top-p', () => {
    const row = logits();
    nucleusFilter(row, 0.75);
    expect([...row].map(Number.isFinite)).toEqual([true, true, false, false]);
  });
  it('always keeps the most likely token', () => {
    const row = logits();
    nucleusFilter(row, 1e-9);
    expect([...row].map(Number.isFinite)).toEqual([true, false, false, false]);
  });
  it('keeps everything at 1 and leaves kept values unchanged', () => {
    const row = logits();
    nucleusFilter(row, 1);
    expect([...row]).toEqual([...logits()]);
  });
});
