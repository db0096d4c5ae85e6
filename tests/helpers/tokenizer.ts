// The real DeepSeek tokenizers, from the offline copies the fixtures use (no network in tests).
import { fileURLToPath } from 'node:url';
import type { PreTrainedTokenizer } from '@huggingface/transformers';

export async function fixtureTokenizer(name: string): Promise<PreTrainedTokenizer> {
  const { AutoTokenizer, env } = await import('@huggingface/transformers');
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = fileURLToPath(new URL('../../scripts/fixtures/tokenizers/', import.meta.url));
  return AutoTokenizer.from_pretrained(name);
}
