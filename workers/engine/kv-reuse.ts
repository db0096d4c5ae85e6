// KV-prefix reuse: a request whose prompt tokens start like the previous request's sequence
// continues from the cached keys and values instead of recomputing them. transformers.js drops
// as many leading input ids as the cache holds without checking them, so the caller must
// guarantee a token-exact prefix (NOTES.md); this module does.
import type { DynamicCache } from '@huggingface/transformers';
import type { KvCropper } from './kv-crop.ts';

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
 * `canCrop` is false when the cache cannot be cut (a GPU without the crop graph).
 */
export function planReuse(cachedIds: readonly number[], promptIds: readonly number[], canCrop: boolean): number {
  let keep = commonPrefixLength(cachedIds, promptIds);
  if (keep >= promptIds.length) keep = promptIds.length - 1;
  if (keep < MIN_REUSE) return 0;
  if (keep < cachedIds.length && !canCrop) return 0;
  return keep;
}

/** The engine's one KV cache: what the last run left, taken by the next that shares its prefix. */
export class KvStore {
  private kv: CachedPrefix | null = null;

  get current(): CachedPrefix | null {
    return this.kv;
  }

  set(ids: number[], cache: DynamicCache): void {
    this.kv = { ids, cache };
  }

  /** The cache to continue from for these prompt ids, and how many of them it covers. */
  async take(ids: readonly number[], allowed: boolean, crop: KvCropper | null): Promise<{ past: DynamicCache | null; reused: number }> {
    const kv = this.kv;
    // generate() mutates the cache in place: whatever happens, it no longer matches kv.ids.
    this.kv = null;
    if (!kv) return { past: null, reused: 0 };
    const keep = allowed ? planReuse(kv.ids, ids, crop !== null) : 0;
    if (keep === 0) {
      await kv.cache.dispose();
      return { past: null, reused: 0 };
    }
    return { past: keep < kv.ids.length && crop ? await crop(kv.cache, keep) : kv.cache, reused: keep };
  }

  async drop(): Promise<void> {
    const kv = this.kv;
    this.kv = null;
    if (kv) await kv.cache.dispose();
  }

  /** Forgets the cache without waiting: a lost GPU's tensors may never free. */
  abandon(): void {
    const kv = this.kv;
    this.kv = null;
    void kv?.cache.dispose().catch(() => undefined);
  }
}
