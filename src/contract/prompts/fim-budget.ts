// How much context a FIM prompt may have on this device: enough that the first ghost text
// shows within `firstMs` of the pause and eight tokens within `eightMs`, from the measured rates
// and what the KV cache already holds. Pure; the engine runs it with the exact reuse it would get.
import type { LatencyTargets } from '../engine-api.ts';
import { status, statusEnglish, type StatusText } from '../status-text.ts';
import type { CountTokens } from './token-budget.ts';

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

/** What is left of the targets once the pause before an automatic request has passed. */
export function targetsAfterPause(t: LatencyTargets, pauseMs: number): LatencyTargets {
  // The pause never takes a target below 50/100 ms; a tighter target the user set stays.
  const less = (ms: number, least: number): number => Math.max(Math.min(ms, least), ms - pauseMs);
  return { ...t, firstMs: less(t.firstMs, 50), eightMs: less(t.eightMs, 100) };
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

/** Tokens beyond the cursor's line in the smallest prompt: the markers, the path, a line or two. */
export const FLOOR_MARGIN = 24;

/** The smallest prompt that keeps the cursor's whole line, a little around it, and the markers. */
export function budgetFloor(prefix: string, suffix: string, countTokens: CountTokens): number {
  const lineStart = prefix.lastIndexOf('\n') + 1;
  const nl = suffix.indexOf('\n');
  const line = prefix.slice(lineStart) + (nl < 0 ? suffix : suffix.slice(0, nl));
  return countTokens(line) + FLOOR_MARGIN;
}

export interface BudgetChoice {
  budgetTokens: number;
  /** Most tokens after the hole: every keystroke recomputes them (the ahead layout keeps them few). */
  suffixTokens?: number;
  /** The large layout whose stable part is computed ahead (background prefill), not a cold one. */
  ahead?: boolean;
  /** For the status bar and the prompt inspector. */
  why: string;
  /** The same, as a code the page shows in the user's language. */
  whyText?: StatusText;
}

/** A reason in English and as its code. */
export function because(text: StatusText): { why: string; whyText: StatusText } {
  return { why: statusEnglish(text), whyText: text };
}

/** The background prefill may spend this long on a prompt's stable part: it sizes the ahead layout. */
export const AHEAD_SECONDS = 20;

/**
 * The ahead layout: as much context as the background prefill computes in AHEAD_SECONDS, with a
 * suffix small enough that a keystroke (its line, the suffix) costs no more than `hot` new tokens.
 */
export function aheadLayout(rates: DeviceRates, targets: LatencyTargets, floor: number): { budgetTokens: number; suffixTokens: number; hot: number } | null {
  const hot = affordableNewTokens(rates, targets, floor);
  const rate = rates.prefillAt(targets.maxContext);
  if (hot === null || rate === null) return null;
  const budgetTokens = Math.max(floor, Math.min(targets.maxContext, Math.floor(rate * AHEAD_SECONDS)));
  // floor is the cursor's line plus FLOOR_MARGIN; a few tokens go to the hole and end markers.
  return { budgetTokens, suffixTokens: Math.max(8, hot - (floor - FLOOR_MARGIN) - 4), hot };
}

export interface BudgetInput {
  rates: DeviceRates;
  targets: LatencyTargets;
  floor: number;
  /** The ahead layout built now: its prompt tokens and how many the KV cache holds. */
  ahead: { budgetTokens: number; suffixTokens: number; tokens: number; reused: number } | null;
}

function rate(n: number | null): string {
  return n === null ? '?' : n >= 10 ? String(Math.round(n)) : n.toFixed(1);
}

/**
 * The ahead layout when the KV cache already holds all but what fits the targets (or all but what
 * the cold prompt would compute anyway); otherwise the
 * largest prompt this device computes from scratch in time (while the background prefill
 * prepares the ahead layout for the next keystrokes).
 */
export function chooseFimBudget({ rates, targets, floor, ahead }: BudgetInput): BudgetChoice {
  const clamp = (n: number): number => Math.max(floor, Math.min(targets.maxContext, n));
  let fresh = affordableNewTokens(rates, targets, floor);
  // Again at the rate measured near that size: long prompts prefill faster per token.
  if (fresh !== null && fresh > floor) fresh = affordableNewTokens(rates, targets, fresh) ?? fresh;
  if (fresh === null) return { budgetTokens: clamp(UNMEASURED_BUDGET), ...because(status('budget_unmeasured', { tokens: clamp(UNMEASURED_BUDGET) })) };
  const speed = status('budget_speed', { prefill: rate(rates.prefillAt(Math.max(fresh, floor))), decode: rate(rates.decode) });
  const cold = clamp(fresh);
  // No more to compute than the cold prompt would (on a slow device the floor is over the targets
  // too): then the larger context is free.
  if (ahead && ahead.tokens - ahead.reused <= cold) {
    return { budgetTokens: ahead.budgetTokens, suffixTokens: ahead.suffixTokens, ahead: true, ...because(status('budget_ahead', { reused: ahead.reused, tokens: ahead.tokens, speed })) };
  }
  if (cold === targets.maxContext) return { budgetTokens: cold, ...because(status('budget_most', { speed })) };
  if (cold === floor && fresh < floor) return { budgetTokens: cold, ...because(status('budget_floor', { speed })) };
  return { budgetTokens: cold, ...because(status('budget_fits', { seconds: targets.firstMs / 1000, speed })) };
}
