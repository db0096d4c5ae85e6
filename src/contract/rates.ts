// The engine's measured rates, for the runtime panel and for sizing completion prompts.
import type { Rates } from './engine-api.ts';

function fmt(tps: number): string {
  return tps >= 100 ? String(Math.round(tps)) : tps >= 10 ? tps.toFixed(0) : tps.toFixed(1);
}

/** Prefill tokens/s for a prompt of `tokens`: the nearest measured length (log scale); null if none. */
export function prefillRateAt(rates: Rates | null | undefined, tokens: number): number | null {
  if (!rates?.prefill.length) return null;
  let best = rates.prefill[0];
  for (const p of rates.prefill) if (Math.abs(Math.log2(p.tokens / tokens)) < Math.abs(Math.log2(best.tokens / tokens))) best = p;
  return best.tokensPerSecond;
}

export function ratesLine(rates: Rates | null | undefined): string {
  if (!rates || rates.samples === 0) return 'Not measured yet.';
  const parts: string[] = [];
  const longest = rates.prefill.at(-1);
  if (longest) parts.push(`prefill ~${fmt(longest.tokensPerSecond)} tokens/s (prompts of ${longest.tokens / 2 + 1}–${longest.tokens} tokens)`);
  if (rates.decodeTokensPerSecond !== null) parts.push(`decode ~${fmt(rates.decodeTokensPerSecond)} tokens/s`);
  return `Measured here: ${parts.join(', ')}.`;
}
