import { describe, expect, it } from 'vitest';
import { NgramDrafter } from './ngram-draft.ts';

/** The same lookup by brute force: the latest earlier occurrence of the longest suffix. */
function reference(ids: number[], k: number, minN: number, maxN: number): number[] {
  const end = ids.length - 1;
  for (let n = maxN; n >= minN; n--) {
    if (ids.length < n) continue;
    for (let j = end - 1; j >= n - 1; j--) {
      let ok = true;
      for (let i = 0; i < n; i++) if (ids[j - i] !== ids[end - i]) ok = false;
      if (ok && j + 1 <= end) return ids.slice(j + 1, Math.min(j + 1 + k, ids.length));
    }
  }
  return [];
}

function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('NgramDrafter', () => {
  it('proposes what followed the last n tokens earlier in the prompt', () => {
    // def add ( a , b ) : return a + b   ...   def add (
    const d = new NgramDrafter([1, 2, 3, 4, 5, 6, 7, 8, 9, 4, 10, 6, 11, 1, 2], { startK: 4, cost: 0 });
    expect(d.draft()).toEqual([3, 4, 5, 6]);
  });

  it('prefers the longest match over a later, shorter one', () => {
    // "7 8" occurred once; a lone "8" occurs later with another continuation.
    const d = new NgramDrafter([7, 8, 1, 2, 3, 9, 8, 5, 5, 7, 8], { startK: 3, cost: 0 });
    expect(d.draft()).toEqual([1, 2, 3]);
  });

  it('proposes nothing without a match, and nothing below the shortest n allowed', () => {
    expect(new NgramDrafter([1, 2, 3, 4]).draft()).toEqual([]);
    expect(new NgramDrafter([5, 1, 6, 1], { minN: 2 }).draft()).toEqual([]);
    expect(new NgramDrafter([5, 1, 6, 1], { minN: 1 }).draft()).toEqual([6, 1]);
  });

  it('matches the brute-force lookup on random text, token by token', () => {
    const next = rng(7);
    for (let trial = 0; trial < 20; trial++) {
      const vocab = 3 + Math.floor(next() * 20);
      const ids = Array.from({ length: 40 }, () => Math.floor(next() * vocab));
      const d = new NgramDrafter(ids.slice(0, 5), { startK: 6, maxK: 6, cost: 0 });
      const seen = ids.slice(0, 5);
      for (const id of ids.slice(5)) {
        d.push(id);
        seen.push(id);
        expect(d.draft()).toEqual(reference(seen, 6, 1, 4));
      }
    }
  });

  it('drafts longer while drafts are accepted, shorter after rejections', () => {
    const text = Array.from({ length: 64 }, (_, i) => i % 32);
    const d = new NgramDrafter(text, { startK: 2, maxK: 8 });
    expect(d.draft()).toHaveLength(2);
    d.record(2, 2);
    expect(d.draft()).toHaveLength(4);
    d.record(4, 4);
    d.record(8, 8);
    expect(d.draft()).toHaveLength(8);
    d.record(8, 3);
    expect(d.draft()).toHaveLength(4);
    expect(d.stats).toEqual({ steps: 4, drafted: 22, accepted: 17 });
  });

  it('pauses after a rejected draft and stops drafting once drafts keep failing', () => {
    const d = new NgramDrafter([1, 2, 3, 1, 2, 3, 1, 2], { maxMisses: 3 });
    expect(d.draft().length).toBeGreaterThan(0);
    d.record(2, 0);
    // A pause of two tokens, then drafts again (the text keeps repeating itself).
    expect(d.draft()).toEqual([]);
    d.push(3);
    d.push(1);
    expect(d.draft().length).toBeGreaterThan(0);
    d.record(1, 0);
    d.record(1, 0);
    expect(d.active).toBe(false);
    for (const id of [2, 3, 1, 2, 3, 1, 2, 3, 1, 2]) d.push(id);
    expect(d.draft()).toEqual([]);
  });
});

describe('NgramDrafter draft length and cost', () => {
  const text = Array.from({ length: 64 }, (_, i) => i % 32);

  it('keeps drafts to the length that pays at the acceptance rate and the cost of a drafted token', () => {
    // No history: acceptance 1/2. At 0.1 of a pass per token, 2 tokens pay most: 1.75 / 1.2.
    expect(new NgramDrafter(text, { startK: 16, cost: 0.1 }).draft()).toHaveLength(2);
    // Free drafted tokens: the whole k.
    expect(new NgramDrafter(text, { startK: 16, cost: 0 }).draft()).toHaveLength(16);
    // Costly ones: even one does not pay at 1/2 (1.5 / 2), so a single token is still tried.
    expect(new NgramDrafter(text, { startK: 16, cost: 1 }).draft()).toHaveLength(1);
  });

  it('drafts longer as drafts keep being accepted, and takes a measured cost', () => {
    const d = new NgramDrafter(text, { startK: 16, maxK: 16, cost: 0.1 });
    for (let i = 0; i < 6; i++) d.record(8, 8);
    expect(d.draft()).toHaveLength(16);
    d.setCost(5);
    expect(d.draft()).toHaveLength(1);
    d.setCost(Number.NaN);
    expect(d.draft()).toHaveLength(1);
  });
});

describe('NgramDrafter options', () => {
  it('keeps k and n in range whatever it is given, and counts no more accepted than drafted', () => {
    const d = new NgramDrafter([1, 2, 3, 1, 2], { startK: 0, minN: 9, maxN: 2 });
    expect(d.draft()).toEqual([3]);
    d.record(1, 2);
    expect(d.stats).toEqual({ steps: 1, drafted: 1, accepted: 1 });
  });
});
