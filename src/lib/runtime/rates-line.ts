// The runtime panel's line on the rates the engine measured on this device.
import type { Rates } from '../../contract/engine-api.ts';
import type { Text } from '../i18n/text.ts';

function fmt(tps: number): string {
  return tps >= 100 ? String(Math.round(tps)) : tps >= 10 ? tps.toFixed(0) : tps.toFixed(1);
}

export function ratesLine(rates: Rates | null | undefined): Text {
  if (!rates || rates.samples === 0) return { key: 'rates_none' };
  const parts: Text[] = [];
  const longest = rates.prefill.at(-1);
  if (longest) parts.push({ key: 'rates_prefill', params: { rate: fmt(longest.tokensPerSecond), from: longest.tokens / 2 + 1, to: longest.tokens } });
  if (rates.decodeTokensPerSecond !== null) parts.push({ key: 'rates_decode', params: { rate: fmt(rates.decodeTokensPerSecond) } });
  return { key: 'rates_line', params: { parts: { list: parts } } };
}
