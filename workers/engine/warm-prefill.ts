// Background prefill: while the user reads or types, compute the KV cache of the part of the next
// FIM prompt that typing on the cursor's line leaves alone (context files, the file up to that
// line), so the first suggestion after opening a file or moving to another function is not a
// cold start. It runs in chunks of about half a second: any real request waits at most one.
import { Tensor } from '@huggingface/transformers';
import { prefillRateAt } from './rate-tracker.ts';
import type { FimBudgets } from './fim-latency.ts';
import type { GenerateOutput, Job } from './generate-run.ts';
import { emptyStats } from './result.ts';
import { commonPrefixLength, type KvStore } from './kv-reuse.ts';
import type { LoadedModel } from './model-loader.ts';
import type { GenerateRequest, GenerateResult, Rates, StopReason } from '../../src/contract/engine-api.ts';

/** The longest a real request should wait behind a background prefill. */
const CHUNK_SECONDS = 0.5;

/** Tokens per chunk at this device's measured prefill rate. */
export function chunkTokens(rates: Rates, around: number): number {
  const rate = prefillRateAt(rates, around) ?? 32;
  return Math.max(16, Math.min(512, Math.round(rate * CHUNK_SECONDS)));
}

export interface WarmContext {
  loaded: LoadedModel;
  kv: KvStore;
  budgets: FimBudgets;
  now: () => number;
}

export async function prefillStable(job: Job, request: GenerateRequest, { loaded, kv, budgets, now }: WarmContext): Promise<GenerateResult> {
  const startedAt = now();
  const choice = budgets.choose(request, loaded, kv.current);
  const built = budgets.build(request, choice, loaded.countTokens);
  const ids = loaded.tokenizer.encode(built.prompt.slice(0, built.stableEnd ?? 0), { add_special_tokens: false });
  const have = kv.current ? commonPrefixLength(kv.current.ids, ids) : 0;
  // Already computed: leave the cache whole (the last request's own state may come back).
  if (have >= ids.length - 1) return result(ids.length, have, 'prefilled');
  const taken = await kv.take(ids, true, loaded.crop);
  const reused = taken.reused;
  let past = taken.past;
  let done = reused;
  const step = chunkTokens(loaded.rates.snapshot(), ids.length);
  try {
    // A chunk must add at least one token; the last stable token is left to the real request.
    while (done < ids.length - 1 && !job.criteria.interrupted && !job.superseded) {
      const to = Math.min(ids.length - 1, done + step);
      const input_ids = new Tensor('int64', BigInt64Array.from(ids.slice(0, to), BigInt), [1, to]);
      const attention_mask = new Tensor('int64', new BigInt64Array(to).fill(1n), [1, to]);
      const out = (await loaded.model.generate({
        input_ids,
        attention_mask,
        ...(past ? { past_key_values: past } : {}),
        max_new_tokens: 1,
        do_sample: false,
        return_dict_in_generate: true,
      })) as GenerateOutput;
      past = out.past_key_values;
      done = to;
    }
  } catch (err) {
    await past?.dispose();
    throw err;
  }
  if (past) kv.set(ids.slice(0, done), past);
  return result(ids.length, reused, done >= ids.length - 1 ? 'prefilled' : 'interrupted');

  function result(tokens: number, reusedTokens: number, stopReason: StopReason): GenerateResult {
    return {
      rates: loaded.rates.snapshot(),
      ...(choice ? { fimBudget: choice } : {}),
      text: '',
      // Empty: the prompt inspector keeps showing the last real request's prompt.
      prompt: '',
      stopReason,
      stats: { ...emptyStats(tokens, startedAt, now()), reusedTokens },
    };
  }
}
