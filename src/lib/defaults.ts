// Defaults of the page's state, free of runes so the share-link codec and Node tests can use them.
import type { ProjectFile } from './project/files.ts';
import { DEFAULT_MAX_NEW_TOKENS } from '../contract/sets.ts';

export const STARTER_FILES: readonly ProjectFile[] = [
  {
    path: 'main.py',
    text: 'from utils import is_prime\n\n\ndef primes_below(n):\n    """Return the primes below n."""\n    \n',
  },
  {
    path: 'utils.py',
    text: 'def is_prime(n):\n    if n < 2:\n        return False\n    for d in range(2, int(n ** 0.5) + 1):\n        if n % d == 0:\n            return False\n    return True\n',
  },
];

export const DEFAULT_SETTINGS = { maxNewTokens: DEFAULT_MAX_NEW_TOKENS, temperature: 0, topK: 0, topP: 1, repetitionPenalty: 1, seed: 42 } as const;

export interface SettingsValues {
  maxNewTokens: number;
  temperature: number;
  topK: number;
  topP: number;
  repetitionPenalty: number;
  seed: number;
}

function clamp(v: number, lo: number, hi: number, fallback: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
}

/** Settings in the ranges the engine accepts; anything not a finite number becomes its default. */
export function clampSettings(s: SettingsValues): SettingsValues {
  const D = DEFAULT_SETTINGS;
  return {
    maxNewTokens: Math.round(clamp(s.maxNewTokens, 1, 4096, D.maxNewTokens)),
    temperature: clamp(s.temperature, 0, 2, D.temperature),
    topK: Math.round(clamp(s.topK, 0, 1000, D.topK)),
    topP: clamp(s.topP, 0.01, 1, D.topP),
    repetitionPenalty: clamp(s.repetitionPenalty, 1, 2, D.repetitionPenalty),
    seed: Math.round(clamp(s.seed, 0, 2 ** 31 - 1, D.seed)),
  };
}
