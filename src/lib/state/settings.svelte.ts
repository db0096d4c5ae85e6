// Sampling settings the user can change; request() turns them into engine fields, clamped.
import type { GenerateRequest } from '../../../workers/protocol.ts';

export const DEFAULT_SETTINGS = { maxNewTokens: 256, temperature: 0, topK: 0, topP: 1, repetitionPenalty: 1, seed: 42 } as const;

function clamp(v: number, lo: number, hi: number, fallback: number): number {
  return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback;
}

export class GenerationSettings {
  maxNewTokens = $state<number>(DEFAULT_SETTINGS.maxNewTokens);
  temperature = $state<number>(DEFAULT_SETTINGS.temperature);
  topK = $state<number>(DEFAULT_SETTINGS.topK);
  topP = $state<number>(DEFAULT_SETTINGS.topP);
  repetitionPenalty = $state<number>(DEFAULT_SETTINGS.repetitionPenalty);
  seed = $state<number>(DEFAULT_SETTINGS.seed);

  request(): Pick<GenerateRequest, 'maxNewTokens' | 'temperature' | 'topK' | 'topP' | 'repetitionPenalty' | 'seed'> {
    const D = DEFAULT_SETTINGS;
    return {
      maxNewTokens: Math.round(clamp(this.maxNewTokens, 1, 4096, D.maxNewTokens)),
      temperature: clamp(this.temperature, 0, 2, D.temperature),
      topK: Math.round(clamp(this.topK, 0, 1000, D.topK)),
      topP: clamp(this.topP, 0.01, 1, D.topP),
      repetitionPenalty: clamp(this.repetitionPenalty, 1, 2, D.repetitionPenalty),
      seed: Math.round(clamp(this.seed, 0, 2 ** 31 - 1, D.seed)),
    };
  }
}
