// What a forward pass of 1 + k tokens costs after a cached context, against a pass of one token:
// the bound on what k drafted tokens can gain on a model (issue 19). The same code runs in the
// bench page's worker (onnxruntime-web) and in Node (onnxruntime-node).
import { DynamicCache, Tensor, type PreTrainedModel } from '@huggingface/transformers';
import { cropOnCpu } from '../../workers/engine/kv-crop.ts';
import type { PassCostRequest, PassCostResult } from './protocol.ts';
import { summarize } from './stats.ts';

const ids = (n: number, from: number): Tensor => new Tensor('int64', BigInt64Array.from({ length: n }, (_, i) => BigInt(100 + ((from + i) % 500))), [1, n]);
const ones = (n: number): Tensor => new Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]);

export async function measurePassCost(model: PreTrainedModel, r: PassCostRequest): Promise<PassCostResult> {
  const n = r.contextTokens;
  const out = (await model.forward({ input_ids: ids(n, 0), attention_mask: ones(n) })) as Record<string, Tensor>;
  const past: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(out)) if (name.startsWith('present')) past[name.replace('present', 'past_key_values')] = t;
  const ks = [0, ...r.ks.filter((k) => k > 0)];
  const times = new Map<number, number[]>(ks.map((k) => [k, []]));
  // Rounds over every k in turn, so drift falls on all of them alike.
  for (let rep = 0; rep < r.reps + 1; rep++) {
    for (const k of rep % 2 ? [...ks].reverse() : ks) {
      const t0 = performance.now();
      // A fresh cache object each time: the pass reads the context, never changes it.
      await model.forward({ input_ids: ids(1 + k, n), attention_mask: ones(n + 1 + k), past_key_values: new DynamicCache({ ...past }) });
      // The first round warms up every shape.
      if (rep > 0) times.get(k)!.push(performance.now() - t0);
    }
  }
  const crop: number[] = [];
  for (let rep = 0; rep < r.reps; rep++) {
    // The crop works in place: a fresh copy of the context each time (not timed).
    const copy: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(past)) copy[name] = new Tensor(t.type, (t.data as Float32Array).slice(), t.dims);
    const t0 = performance.now();
    await cropOnCpu(new DynamicCache(copy), n - 8);
    crop.push(performance.now() - t0);
  }
  return { contextTokens: n, passes: ks.map((k) => ({ k, ms: summarize(times.get(k)!) })), cropMs: summarize(crop) };
}
