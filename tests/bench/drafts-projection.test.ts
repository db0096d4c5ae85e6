import { describe, expect, it } from 'vitest';
import { passMs, projectSpeedup } from '../../scripts/bench/drafts-projection.ts';
import type { PassCostResult } from '../../scripts/bench/protocol.ts';

const s = (median: number) => ({ median, samples: [median] });
const cost: PassCostResult = { contextTokens: 256, passes: [{ k: 0, ms: s(100) }, { k: 1, ms: s(110) }, { k: 4, ms: s(140) }, { k: 16, ms: s(300) }], cropMs: s(5) };

describe('drafts projection', () => {
  it('interpolates a pass between measured draft lengths, and past the last one', () => {
    expect(passMs(cost, 0)).toBe(100);
    expect(passMs(cost, 2)).toBeCloseTo(120);
    expect(passMs(cost, 10)).toBeCloseTo(220);
    expect(passMs(cost, 20)).toBeCloseTo(300 + (160 / 12) * 4);
  });

  it("prices an answer's passes at the model's cost", () => {
    // 101 tokens: the prompt's pass, 10 one-token passes, 20 verifying passes of 4 drafted tokens.
    const f = { steps: 20, drafted: 80, accepted: 70, forwards: 31, generated: 101, decodeMs: 0, speedup: null };
    expect(projectSpeedup(f, cost)).toBeCloseTo((100 * 100) / (10 * 100 + 20 * (140 + 5)));
    // No drafts: one pass per token, no gain.
    expect(projectSpeedup({ ...f, steps: 0, drafted: 0, accepted: 0, forwards: 101 }, cost)).toBeCloseTo(1);
  });
});
