// Cutting a KV cache back to its first positions: after a rejected draft, and when a new prompt
// shares only part of the cached one. Tensors are [batch, heads, seq, dim], so the positions
// kept are one run per (batch, head): a few block copies, not an element-wise slice.
import { DynamicCache, Tensor as TensorClass, type Tensor } from '@huggingface/transformers';

/** A new cache holding the first `keep` positions of every tensor in `cache`. */
export type KvCropper = (cache: DynamicCache, keep: number) => Promise<DynamicCache>;

export function cacheEntries(cache: DynamicCache): [string, Tensor][] {
  return Object.entries(cache as Record<string, Tensor>).filter(([name]) => name.startsWith('past_key_values.'));
}

export function onGpu(cache: DynamicCache): boolean {
  return cacheEntries(cache).some(([, t]) => t.location === 'gpu-buffer');
}

type Block = { length: number; subarray(a: number, b: number): Block; set(src: Block, at: number): void };

/** The first `keep` positions of one CPU tensor (the source is left as it was). */
export function cropTensor(t: Tensor, keep: number): Tensor {
  const [b, h, seq, dim] = t.dims;
  if (keep >= seq) return t;
  const src = t.data as unknown as Block & { constructor: new (n: number) => Block };
  const out = new src.constructor(b * h * keep * dim);
  const run = keep * dim;
  for (let i = 0; i < b * h; i++) out.set(src.subarray(i * seq * dim, i * seq * dim + run), i * run);
  return new TensorClass(t.type, out as unknown as Float32Array, [b, h, keep, dim]);
}

/** The cropper for caches in CPU memory (WASM, Node). */
export const cropOnCpu: KvCropper = async (cache, keep) => {
  const cropped: Record<string, Tensor> = {};
  for (const [name, t] of cacheEntries(cache)) cropped[name] = cropTensor(t, keep);
  return new DynamicCache(cropped);
};
