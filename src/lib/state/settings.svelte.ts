// Sampling settings the user can change; request() turns them into engine fields, clamped.
import type { GenerateRequest } from '../../contract/engine-api.ts';
import { DEFAULT_SETTINGS, clampSettings, type SettingsValues } from '../defaults.ts';

export { DEFAULT_SETTINGS };

export class GenerationSettings {
  maxNewTokens = $state<number>(DEFAULT_SETTINGS.maxNewTokens);
  temperature = $state<number>(DEFAULT_SETTINGS.temperature);
  topK = $state<number>(DEFAULT_SETTINGS.topK);
  topP = $state<number>(DEFAULT_SETTINGS.topP);
  repetitionPenalty = $state<number>(DEFAULT_SETTINGS.repetitionPenalty);
  seed = $state<number>(DEFAULT_SETTINGS.seed);

  request(): Pick<GenerateRequest, 'maxNewTokens' | 'temperature' | 'topK' | 'topP' | 'repetitionPenalty' | 'seed'> {
    return clampSettings(this.values());
  }

  /** The raw values, as shared and autosaved. */
  values(): SettingsValues {
    return {
      maxNewTokens: this.maxNewTokens,
      temperature: this.temperature,
      topK: this.topK,
      topP: this.topP,
      repetitionPenalty: this.repetitionPenalty,
      seed: this.seed,
    };
  }

  assign(v: SettingsValues): void {
    this.maxNewTokens = v.maxNewTokens;
    this.temperature = v.temperature;
    this.topK = v.topK;
    this.topP = v.topP;
    this.repetitionPenalty = v.repetitionPenalty;
    this.seed = v.seed;
  }
}
