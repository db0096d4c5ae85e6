// The numbers of a run: which problems (all, the first n, or a seeded random n), and pass@1 with
// its 95% interval.

export const SUBSET_KINDS = ['random', 'first', 'all'] as const;
export type SubsetKind = (typeof SUBSET_KINDS)[number];

/** mulberry32: a small seeded generator, so a seed picks the same problems on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The ids a run takes, in the order it takes them; a random subset keeps the set's order. */
export function pickProblems(ids: readonly string[], kind: SubsetKind, count: number, seed: number): string[] {
  const n = kind === 'all' ? ids.length : Math.max(0, Math.min(Math.floor(count), ids.length));
  if (kind !== 'random') return ids.slice(0, n);
  const next = mulberry32(seed);
  const index = ids.map((_, i) => i);
  // Partial Fisher-Yates: the first n places get a uniform sample.
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (index.length - i));
    [index[i], index[j]] = [index[j], index[i]];
  }
  return index
    .slice(0, n)
    .sort((a, b) => a - b)
    .map((i) => ids[i]);
}

export interface Interval {
  low: number;
  high: number;
}

/** Wilson's 95% score interval for `passed` of `n` (sound at 0 and at n, unlike p ± 1.96·se). */
export function wilson(passed: number, n: number, z = 1.959964): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const p = passed / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  // Exact at the ends, where rounding would leave 0.9999999999999999.
  return { low: passed === 0 ? 0 : Math.max(0, centre - half), high: passed === n ? 1 : Math.min(1, centre + half) };
}
