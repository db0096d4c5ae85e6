// What this model runs at on this device, measured on every forward pass: decode (one new token)
// and prefill (several at once) in tokens per second, prefill by prompt length (attention grows
// with it). Moving averages, so the figures follow a device that heats up or gets busy.
import type { Rates } from '../../src/contract/engine-api.ts';

const WEIGHT = 0.3;
const MAX_BUCKET = 15; // 32K tokens

function bucketOf(tokens: number): number {
  return Math.min(MAX_BUCKET, Math.ceil(Math.log2(tokens)));
}

export class RateTracker {
  private decodeMs: number | null = null;
  private readonly prefillMs = new Map<number, number>();
  private samples = 0;

  /** One forward pass over `tokens` new tokens that took `ms`. */
  record(tokens: number, ms: number): void {
    if (!(tokens >= 1) || !(ms > 0)) return;
    this.samples++;
    const perToken = ms / tokens;
    if (tokens === 1) {
      this.decodeMs = this.decodeMs === null ? perToken : this.decodeMs + WEIGHT * (perToken - this.decodeMs);
      return;
    }
    const b = bucketOf(tokens);
    const old = this.prefillMs.get(b);
    this.prefillMs.set(b, old === undefined ? perToken : old + WEIGHT * (perToken - old));
  }

  snapshot(): Rates {
    const prefill = [...this.prefillMs.entries()].sort((a, b) => a[0] - b[0]).map(([b, ms]) => ({ tokens: 2 ** b, tokensPerSecond: 1000 / ms }));
    return { decodeTokensPerSecond: this.decodeMs === null ? null : 1000 / this.decodeMs, prefill, samples: this.samples };
  }
}

/** Prefill tokens/s for a prompt of `tokens`: the nearest measured length (log scale); null if none. */
export function prefillRateAt(rates: Rates | null | undefined, tokens: number): number | null {
  if (!rates?.prefill.length) return null;
  let best = rates.prefill[0];
  for (const p of rates.prefill) if (Math.abs(Math.log2(p.tokens / tokens)) < Math.abs(Math.log2(best.tokens / tokens))) best = p;
  return best.tokensPerSecond;
}
