// KV-prefix reuse: a request whose prompt tokens start like the previous request's sequence
// continues from the cached keys and values instead of recomputing them. transformers.js drops
// as many leading input ids as the cache holds without checking them, so the caller must
// guarantee a token-exact prefix (NOTES.md); this module does.
import { DynamicCache, type Tensor } from '@huggingface/transformers';

export interface CachedPrefix {
  /** The token ids whose keys and values the cache holds, in order. */
  ids: number[];
  cache: DynamicCache;
}

/** Below this many shared tokens a reuse saves nothing worth the bookkeeping. */
export const MIN_REUSE = 4;

export function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/**
 * How many cached tokens to keep for a prompt: the shared prefix, minus one when the prompt
 * adds nothing (generate needs at least one new token), or 0 when the cache cannot serve.
 * `canCrop` is false when the cache lives on the GPU, where cutting it means a download.
 */
export function planReuse(cachedIds: readonly number[], promptIds: readonly number[], canCrop: boolean): number {
  let keep = commonPrefixLength(cachedIds, promptIds);
  if (keep >= promptIds.length) keep = promptIds.length - 1;
  if (keep < MIN_REUSE) return 0;
  if (keep < cachedIds.length && !canCrop) return 0;
  return keep;
}

function entries(cache: DynamicCache): [string, Tensor][] {
  return Object.entries(cache as Record<string, Tensor>).filter(([name]) => name.startsWith('past_key_values.'));
}

export function onGpu(cache: DynamicCache): boolean {
  return entries(cache).some(([, t]) => t.location === 'gpu-buffer');
}

/** A new cache holding the first `keep` positions ([batch, heads, seq, dim] tensors). */
export function cropCache(cache: DynamicCache, keep: number): DynamicCache {
  const cropped: Record<string, Tensor> = {};
  for (const [name, t] of entries(cache)) cropped[name] = t.slice(null, null, [0, keep], null);
  return new DynamicCache(cropped);
}
