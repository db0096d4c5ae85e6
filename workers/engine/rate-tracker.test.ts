import { describe, expect, it } from 'vitest';
import { ratesLine as line } from '../../src/lib/runtime/rates-line.ts';
import { render } from '../../src/lib/i18n/render.ts';
import { RateTracker, prefillRateAt } from './rate-tracker.ts';

const ratesLine = (...args: Parameters<typeof line>): string => render(line(...args), 'en');

describe('RateTracker', () => {
  it('one-token passes are decode, longer ones prefill by length; moving averages', () => {
    const r = new RateTracker();
    r.record(1, 500); // 2 tokens/s
    r.record(30, 1000); // 30 tokens/s, bucket 32
    r.record(500, 10_000); // 50 tokens/s, bucket 512
    let s = r.snapshot();
    expect(s.decodeTokensPerSecond).toBeCloseTo(2);
    expect(s.prefill.map((p) => p.tokens)).toEqual([32, 512]);
    expect(s.prefill[0].tokensPerSecond).toBeCloseTo(30);
    expect(s.prefill[1].tokensPerSecond).toBeCloseTo(50);
    r.record(1, 250); // faster now: the average moves toward 4 tokens/s
    s = r.snapshot();
    expect(s.decodeTokensPerSecond!).toBeGreaterThan(2);
    expect(s.decodeTokensPerSecond!).toBeLessThan(4);
    expect(s.samples).toBe(4);
    r.record(0, 10);
    r.record(5, 0);
    expect(r.snapshot().samples).toBe(4);
  });

  it('the page reads the nearest length, and a line for the runtime panel', () => {
    const r = new RateTracker();
    expect(ratesLine(r.snapshot())).toBe('Not measured yet.');
    expect(prefillRateAt(r.snapshot(), 100)).toBeNull();
    r.record(30, 1000);
    r.record(500, 10_000);
    r.record(1, 400);
    expect(prefillRateAt(r.snapshot(), 40)).toBeCloseTo(30);
    expect(prefillRateAt(r.snapshot(), 1500)).toBeCloseTo(50);
    expect(ratesLine(r.snapshot())).toBe('Measured here: prefill ~50 tokens/s (prompts of 257–512 tokens), decode ~2.5 tokens/s.');
  });
});
