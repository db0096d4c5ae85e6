// Anchored FIM layouts: over a typing session the prompt keeps its start, so the KV cache does.
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureTokenizer } from '../../../tests/helpers/tokenizer.ts';
import { type FimAnchor, type FimInput, buildFimPrompt, memoizeCountTokens } from './fim.ts';

let tok: PreTrainedTokenizer;
let count: (text: string) => number;
beforeAll(async () => {
  tok = await fixtureTokenizer('deepseek-coder');
  count = memoizeCountTokens((t) => tok.encode(t, { add_special_tokens: false }).length);
});

const HOLE = 32015;
const encode = (text: string): number[] => tok.encode(text, { add_special_tokens: false });

function fns(from: number, n: number): string {
  let s = '';
  for (let i = from; i < from + n; i++) s += `def area_${i}(radius, scale=${i}):\n    return 3.14 * radius ** 2 * scale\n\n`;
  return s;
}

const helpers = { path: 'helpers.py', text: fns(500, 6) };
const notes = { path: 'notes.py', text: fns(600, 3) };

function input(prefix: string, suffix: string, budgetTokens: number, anchor?: FimAnchor): FimInput {
  return { family: 'deepseek-coder', prefix, suffix, path: 'main.py', language: 'python', files: [helpers, notes], budgetTokens, ...(anchor ? { anchor } : {}) };
}

function common(a: number[], b: number[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Types `typed` one character at a time at the cursor; the share of each prompt the last one already had. */
function session(budget: number, anchored: boolean) {
  const head = fns(0, 40);
  const tail = fns(40, 20);
  const typed = 'def total_area(shapes):\n    return sum(area_1(s) for s in shapes)';
  let prev: number[] | null = null;
  let anchor: FimAnchor | undefined;
  let reused = 0;
  let total = 0;
  // Tokens before the hole: all a keystroke at the cursor can leave unchanged.
  let reusable = 0;
  const starts = new Set<number>();
  for (let k = 1; k <= typed.length; k++) {
    const prefix = head + typed.slice(0, k);
    const r = buildFimPrompt(input(prefix, `\n\n${tail}`, budget, anchored ? anchor : undefined), count);
    const ids = encode(r.prompt);
    expect(ids.length).toBeLessThanOrEqual(budget);
    // The cursor's line is always whole.
    expect(r.prompt).toContain(`${prefix.slice(prefix.lastIndexOf('\n') + 1)}<｜fim▁hole｜>`);
    if (prev) {
      reused += common(prev, ids);
      total += ids.length;
      reusable += ids.indexOf(HOLE);
    }
    starts.add(r.parts.prefixStart);
    prev = ids;
    anchor = r.parts.anchor;
  }
  return { ratio: reused / total, ofReusable: reused / reusable, starts: starts.size };
}

describe('anchored FIM layout', () => {
  it('keeps the prompt start over a typing session: each prompt reuses all the last one had before the cursor', () => {
    for (const budget of [300, 600, 1200]) {
      const on = session(budget, true);
      const off = session(budget, false);
      // Only the cursor's token and what follows it (the suffix) are computed again.
      expect(on.ofReusable).toBeGreaterThan(0.97);
      expect(on.starts).toBeLessThanOrEqual(2);
      // Without the anchor the start moves with the typing, and each move recomputes everything.
      expect(off.starts).toBeGreaterThan(on.starts);
      expect(on.ratio).toBeGreaterThan(off.ratio);
    }
  });

  it('keeps the last context files and prefix start while they fit, with the suffix filling the rest', () => {
    const prefix = fns(0, 30);
    const first = buildFimPrompt(input(prefix, `\n${fns(30, 10)}`, 800), count);
    expect(first.parts.anchored).toBe(false);
    const next = buildFimPrompt(input(`${prefix}d`, `\n${fns(30, 10)}`, 800, first.parts.anchor), count);
    expect(next.parts.anchored).toBe(true);
    expect(next.parts.contextFiles).toEqual(first.parts.contextFiles);
    expect(next.parts.prefixStart).toBe(first.parts.prefixStart);
    expect(next.tokens).toBeLessThanOrEqual(800);
  });

  it('lays out afresh for another file, a vanished context file, or a budget that grew', () => {
    const prefix = fns(0, 30);
    const first = buildFimPrompt(input(prefix, '\n', 500), count);
    const other = buildFimPrompt({ ...input(prefix, '\n', 500, first.parts.anchor), path: 'other.py' }, count);
    expect(other.parts.anchored).toBe(false);
    const gone = buildFimPrompt({ ...input(prefix, '\n', 500, { ...first.parts.anchor, contextFiles: ['gone.py'] }) }, count);
    expect(gone.parts.anchored).toBe(false);
    const bigger = buildFimPrompt(input(prefix, '\n', 2000, first.parts.anchor), count);
    expect(bigger.parts.anchored).toBe(false);
    expect(bigger.tokens).toBeGreaterThan(first.tokens * 2);
  });
});
