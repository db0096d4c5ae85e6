// How much context a FIM prompt may have on this device: enough that the first ghost text
// shows within `firstMs` of the pause and eight tokens within `eightMs`, from the measured rates
// and what the KV cache already holds. Pure; the engine runs it with the exact reuse it would get.
import type { LatencyTargets } from '../../../workers/protocol.ts';
import type { CountTokens } from './budget.ts';

export type { LatencyTargets };

/** DeepSeek-Coder trained with 16K of context; 4K keeps the KV cache near 0.8 GB on the 1.3B model. */
export const DEFAULT_LATENCY: LatencyTargets = { firstMs: 1500, eightMs: 5000, maxContext: 4096 };

/** Used before anything was measured: a prompt the slowest supported device prefills in seconds. */
export const UNMEASURED_BUDGET = 512;

export interface DeviceRates {
  /** Prefill tokens/s for a prompt of about this many tokens; null when not measured. */
  prefillAt: (tokens: number) => number | null;
  decode: number | null;
}

/** Prompt tokens this device can compute anew and still meet both targets; null before a measurement. */
export function affordableNewTokens(rates: DeviceRates, targets: LatencyTargets, around: number): number | null {
  const prefill = rates.prefillAt(around);
  if (prefill === null || rates.decode === null) return null;
  const step = 1 / rates.decode;
  const forFirst = prefill * (targets.firstMs / 1000 - step);
  const forEight = prefill * (targets.eightMs / 1000 - 8 * step);
  return Math.max(0, Math.floor(Math.min(forFirst, forEight)));
}

/** The smallest prompt that keeps the cursor's whole line, a little around it, and the markers. */
export function budgetFloor(prefix: string, suffix: string, countTokens: CountTokens): number {
  const lineStart = prefix.lastIndexOf('\n') + 1;
  const nl = suffix.indexOf('\n');
  const line = prefix.slice(lineStart) + (nl < 0 ? suffix : suffix.slice(0, nl));
  return countTokens(line) + 48;
}

export interface BudgetChoice {
  budgetTokens: number;
  /** For the status bar and the prompt inspector. */
  why: string;
}

export interface BudgetInput {
  rates: DeviceRates;
  targets: LatencyTargets;
  floor: number;
  /** The last budget and, built with it now, the prompt's tokens and how many the KV cache holds. */
  previous: { budgetTokens: number; tokens: number; reused: number } | null;
}

function rate(n: number | null): string {
  return n === null ? '?' : n >= 10 ? String(Math.round(n)) : n.toFixed(1);
}

export function chooseFimBudget({ rates, targets, floor, previous }: BudgetInput): BudgetChoice {
  const clamp = (n: number): number => Math.max(floor, Math.min(targets.maxContext, n));
  const fresh = affordableNewTokens(rates, targets, previous?.tokens ?? floor);
  if (fresh === null) return { budgetTokens: clamp(UNMEASURED_BUDGET), why: `not measured on this device yet, so ${clamp(UNMEASURED_BUDGET)} tokens` };
  const speed = `this device prefills ~${rate(rates.prefillAt(fresh || floor))} tokens/s and decodes ~${rate(rates.decode)}`;
  const cold = clamp(fresh);
  // The last budget again, when the KV cache makes it cheap enough: its start is unchanged.
  if (previous && previous.tokens - previous.reused <= affordableNewTokens(rates, targets, previous.tokens)! && previous.budgetTokens >= cold) {
    return { budgetTokens: previous.budgetTokens, why: `${previous.reused} of ${previous.tokens} tokens already computed; ${speed}` };
  }
  if (cold === targets.maxContext) return { budgetTokens: cold, why: `the most useful context; ${speed}` };
  if (cold === floor && fresh < floor) return { budgetTokens: cold, why: `the cursor's line and a little around it; ${speed}` };
  return { budgetTokens: cold, why: `fits ${targets.firstMs / 1000} s to the first ghost text; ${speed}` };
}
