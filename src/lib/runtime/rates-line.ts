// The runtime panel's line on the rates the engine measured on this device.
import type { Rates } from '../../contract/engine-api.ts';

function fmt(tps: number): string {
  return tps >= 100 ? String(Math.round(tps)) : tps >= 10 ? tps.toFixed(0) : tps.toFixed(1);
}

export function ratesLine(rates: Rates | null | undefined): string {
  if (!rates || rates.samples === 0) return 'Not measured yet.';
  const parts: string[] = [];
  const longest = rates.prefill.at(-1);
  if (longest) parts.push(`prefill ~${fmt(longest.tokensPerSecond)} tokens/s (prompts of ${longest.tokens / 2 + 1}–${longest.tokens} tokens)`);
  if (rates.decodeTokensPerSecond !== null) parts.push(`decode ~${fmt(rates.decodeTokensPerSecond)} tokens/s`);
  return `Measured here: ${parts.join(', ')}.`;
}
