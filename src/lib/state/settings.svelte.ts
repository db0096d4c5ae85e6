// Generation settings the user can change; request() turns them into engine fields.
import type { GenerateRequest } from '../../../workers/protocol.ts';

export class GenerationSettings {
  maxNewTokens = $state(128);
  temperature = $state(0);

  request(): Pick<GenerateRequest, 'maxNewTokens' | 'temperature'> {
    const max = Number.isFinite(this.maxNewTokens) ? Math.min(4096, Math.max(1, Math.round(this.maxNewTokens))) : 128;
    const temperature = Number.isFinite(this.temperature) ? Math.min(2, Math.max(0, this.temperature)) : 0;
    return { maxNewTokens: max, temperature };
  }
}
