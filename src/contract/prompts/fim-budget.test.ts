import { describe, expect, it } from 'vitest';
import { DEFAULT_LATENCY, FLOOR_MARGIN, aheadLayout, affordableNewTokens, budgetFloor, chooseFimBudget, targetsAfterPause, type DeviceRates } from './fim-budget.ts';

const device = (prefill: number | null, decode: number | null): DeviceRates => ({ prefillAt: () => prefill, decode });
const count = (s: string): number => Math.ceil(s.length / 4);

describe('the FIM budget from measured rates', () => {
  it('new tokens that still meet both targets', () => {
    // 1.3B on 2-core WASM: ~30 tokens/s prefill, ~2 decode: 1.5 s leaves 1 s of prefill.
    expect(affordableNewTokens(device(30, 2), DEFAULT_LATENCY, 100)).toBe(30);
    // Eight tokens at 2/s take 4 s of the 5: the second target binds at 1 s as well.
    expect(affordableNewTokens(device(30, 2.5), DEFAULT_LATENCY, 100)).toBe(33);
    // A GPU: thousands of tokens/s.
    expect(affordableNewTokens(device(5000, 60), DEFAULT_LATENCY, 100)).toBe(7416);
    expect(affordableNewTokens(device(null, 2), DEFAULT_LATENCY, 100)).toBeNull();
    // Too slow for either target: nothing new can be afforded.
    expect(affordableNewTokens(device(30, 1), DEFAULT_LATENCY, 100)).toBe(0);
  });

  it('grows to the useful context on a fast device, shrinks to what fits on a slow one, never under the floor', () => {
    const fast = chooseFimBudget({ rates: device(5000, 60), targets: DEFAULT_LATENCY, floor: 60, ahead: null });
    expect(fast.budgetTokens).toBe(4096);
    expect(fast.why).toContain('the most useful context');
    const mid = chooseFimBudget({ rates: device(400, 20), targets: DEFAULT_LATENCY, floor: 60, ahead: null });
    expect(mid.budgetTokens).toBe(580);
    expect(mid.why).toBe('fits 1.5 s to the first ghost text; this device prefills ~400 tokens/s and decodes ~20');
    const slow = chooseFimBudget({ rates: device(30, 1.5), targets: DEFAULT_LATENCY, floor: 60, ahead: null });
    expect(slow.budgetTokens).toBe(60);
    expect(slow.why).toContain("the cursor's line");
  });

  it('the ahead layout when the KV cache holds all but what fits the targets; a cold one that fits otherwise', () => {
    const rates = device(30, 2);
    const layout = aheadLayout(rates, DEFAULT_LATENCY, 60)!;
    // 20 s of background prefill at 30 tokens/s; the cursor line (36) leaves the suffix its least.
    expect(layout).toEqual({ budgetTokens: 600, suffixTokens: 8, hot: 30 });
    const warm = chooseFimBudget({ rates, targets: DEFAULT_LATENCY, floor: 60, ahead: { ...layout, tokens: 590, reused: 570 } });
    expect(warm).toMatchObject({ budgetTokens: 600, suffixTokens: 8, ahead: true });
    expect(warm.why).toMatch(/^570 of 590 tokens computed ahead/);
    const cold = chooseFimBudget({ rates, targets: DEFAULT_LATENCY, floor: 60, ahead: { ...layout, tokens: 590, reused: 200 } });
    expect(cold.budgetTokens).toBe(60);
    expect(cold.ahead).toBeUndefined();
    // Over the targets either way (the floor alone is 60 new tokens): the ahead one costs no more.
    const floorBound = chooseFimBudget({ rates, targets: DEFAULT_LATENCY, floor: 60, ahead: { ...layout, tokens: 590, reused: 535 } });
    expect(floorBound.ahead).toBe(true);
    // A fast device computes the whole useful context ahead, with a third for the suffix.
    expect(aheadLayout(device(5000, 60), DEFAULT_LATENCY, 60)).toMatchObject({ budgetTokens: 4096 });
    expect(aheadLayout(device(null, 2), DEFAULT_LATENCY, 60)).toBeNull();
  });

  it('before any measurement: a modest prompt, and says so', () => {
    const c = chooseFimBudget({ rates: device(null, null), targets: DEFAULT_LATENCY, floor: 60, ahead: null });
    expect(c.budgetTokens).toBe(512);
    expect(c.why).toContain('not measured');
  });

  it('the floor holds the whole cursor line', () => {
    const line = 'x'.repeat(400);
    expect(budgetFloor(`a\nb\n${line.slice(0, 200)}`, `${line.slice(200)}\nrest`, count)).toBe(count(line) + FLOOR_MARGIN);
  });
});

describe('the cold budget', () => {
  it('is sized at the rate measured near its own length, not the floor\'s', () => {
    // Short chunks prefill slowly, long prompts fast (per token), as on any batched device.
    const rates: DeviceRates = { prefillAt: (n) => (n < 100 ? 200 : 2000), decode: 100 };
    const c = chooseFimBudget({ rates, targets: DEFAULT_LATENCY, floor: 40, ahead: null });
    expect(c.budgetTokens).toBe(2980);
  });

  it('the pause comes off the targets, but never below 50/100 ms, and a tighter target the user set stays', () => {
    expect(targetsAfterPause(DEFAULT_LATENCY, 400)).toEqual({ ...DEFAULT_LATENCY, firstMs: 1100, eightMs: 4600 });
    expect(targetsAfterPause(DEFAULT_LATENCY, 3000)).toEqual({ ...DEFAULT_LATENCY, firstMs: 50, eightMs: 2000 });
    const tight = { ...DEFAULT_LATENCY, firstMs: 5, eightMs: 60 };
    expect(targetsAfterPause(tight, 0)).toEqual(tight);
    expect(targetsAfterPause(tight, 300)).toEqual(tight);
    // A fast device and a 5 ms target: a step of decoding alone is over it, so only the floor is left.
    const fast = device(570, 169);
    expect(chooseFimBudget({ rates: fast, targets: targetsAfterPause(tight, 0), floor: 24, ahead: null }).why).toMatch(/^the cursor's line/);
  });
});
