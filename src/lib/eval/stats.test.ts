import { describe, expect, it } from 'vitest';
import { pickProblems, wilson } from './stats.ts';

const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);
const big = Array.from({ length: 200 }, (_, i) => `q${i}`);

describe('pickProblems', () => {
  it('the same seed picks the same ids on every call', () => {
    const a = pickProblems(big, 'random', 20, 42);
    expect(a).toHaveLength(20);
    expect(new Set(a).size).toBe(20);
    expect(pickProblems(big, 'random', 20, 42)).toEqual(a);
  });

  it('a different seed picks different ids', () => {
    expect(pickProblems(big, 'random', 20, 43)).not.toEqual(pickProblems(big, 'random', 20, 42));
  });

  it('a random subset keeps the set order', () => {
    const picked = pickProblems(big, 'random', 30, 7);
    const positions = picked.map((id) => big.indexOf(id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("'first' takes the first n, 'all' takes all", () => {
    expect(pickProblems(ids, 'first', 3, 99)).toEqual(['p0', 'p1', 'p2']);
    expect(pickProblems(ids, 'all', 3, 99)).toEqual(ids);
    expect(pickProblems(ids, 'all', 0, 1)).toEqual(ids);
  });

  it('clamps the count to the set size (and to 0)', () => {
    expect(pickProblems(ids, 'first', 50, 0)).toEqual(ids);
    expect(pickProblems(ids, 'random', 50, 5)).toEqual(ids);
    expect(pickProblems(ids, 'random', -3, 5)).toEqual([]);
    expect(pickProblems(ids, 'first', 2.9, 5)).toEqual(['p0', 'p1']);
  });

  it('picks each id about count/10 of the time over many seeds', () => {
    const seeds = 2000;
    const count = 3;
    const hits = new Map(ids.map((id) => [id, 0]));
    for (let seed = 0; seed < seeds; seed++) {
      for (const id of pickProblems(ids, 'random', count, seed)) hits.set(id, hits.get(id)! + 1);
    }
    const expected = (seeds * count) / ids.length; // 600, sd ≈ 20
    for (const [id, n] of hits) {
      expect(n, id).toBeGreaterThan(expected - 100);
      expect(n, id).toBeLessThan(expected + 100);
    }
  });
});

describe('wilson', () => {
  it('0 of 10: from 0 to about 0.2775', () => {
    const { low, high } = wilson(0, 10);
    expect(low).toBeCloseTo(0, 12);
    expect(high).toBeCloseTo(0.2775, 4);
  });

  it('10 of 10: from about 0.7225 to 1', () => {
    const { low, high } = wilson(10, 10);
    // Floating point: 0.9999999999999999, not exactly 1 (see the report).
    expect(high).toBeCloseTo(1, 12);
    expect(low).toBeCloseTo(0.7225, 4);
  });

  it('5 of 10: about 0.2366 to 0.7634, symmetric around 0.5', () => {
    const { low, high } = wilson(5, 10);
    expect(low).toBeCloseTo(0.2366, 4);
    expect(high).toBeCloseTo(0.7634, 4);
    expect(low + high).toBeCloseTo(1, 10);
  });

  it('n = 0 says nothing: 0 to 1', () => {
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('narrows as n grows, always containing p', () => {
    const small = wilson(3, 10);
    const large = wilson(300, 1000);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
    expect(large.low).toBeLessThan(0.3);
    expect(large.high).toBeGreaterThan(0.3);
  });
});
