// Greedy decoding with n-gram drafts (prompt-lookup speculative decoding): each forward pass
// feeds the last token plus up to k guessed ones, keeps the guesses the model agrees with, and
// adds the model's own next token, so a pass yields 1 to k+1 tokens. The text is the one
// model.generate() gives greedily: every kept token is the argmax after the same ids, through
// the same logits processors generate() would build.
import { DynamicCache, Tensor as TensorClass, type PreTrainedModel, type Tensor } from '@huggingface/transformers';
import { NgramDrafter, type DraftOptions, type DraftSource } from './ngram-draft.ts';
import { VERIFYING } from './forward-pass.ts';
import type { KvCropper } from './kv-crop.ts';
import type { Job } from './generate-run.ts';
import type { TokenStream } from './streaming.ts';
import type { DraftFigures } from '../../src/contract/engine-api.ts';

export interface SpeculateArgs {
  promptIds: number[];
  /** The cache covering the first `past.get_seq_length()` prompt ids, or null. */
  past: DynamicCache | null;
  maxNewTokens: number;
  stopIds: readonly number[];
  /** generate()'s options for the request: the logits processors come from them. */
  options: Record<string, unknown>;
  crop: KvCropper;
  draft?: DraftOptions;
  /** Another draft source (tests); an NgramDrafter over the prompt by default. */
  drafter?: DraftSource;
  /** Set when the run was abandoned (lost GPU): nothing more may reach the stream. */
  halt?: { halted: boolean };
}

export interface Speculated {
  /** Prompt and generated ids. */
  sequence: number[];
  /** Keys and values of every id in `sequence` but the last. */
  cache: DynamicCache;
  figures: DraftFigures;
}

type Processors = (ids: bigint[][], logits: Tensor) => Tensor;
/** The generate() internals that give the logits processors exactly as it builds them. */
interface GenerationInternals {
  _prepare_generation_config(config: null, kwargs: Record<string, unknown>): { do_sample: boolean };
  _get_logits_processor(config: unknown, inputLength: number, extra: null): Processors & { processors?: unknown[] };
}

/** True when these options decode greedily, the only case drafts may serve unchanged. */
export function isGreedy(model: PreTrainedModel, options: Record<string, unknown>): boolean {
  return !(model as unknown as GenerationInternals)._prepare_generation_config(null, options).do_sample;
}

function int64(ids: readonly number[]): Tensor {
  return new TensorClass('int64', BigInt64Array.from(ids, BigInt), [1, ids.length]);
}

/** The rows' argmaxes, the first index on a tie (as generate()'s greedy sampler). */
function argmaxRows(logits: Tensor, rows: number, prefix: readonly number[], drafted: readonly number[], processors: Processors | null): number[] {
  const [, total, vocab] = logits.dims;
  // Only the rows read are converted (a prompt's pass may return a row per prompt token).
  const f32 = logits.type === 'float32' ? logits : logits.slice(null, [total - rows, total], null).to('float32');
  const data = f32.data as Float32Array;
  const first = logits.type === 'float32' ? total - rows : 0;
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const start = (first + r) * vocab;
    let row = data.subarray(start, start + vocab);
    if (processors) {
      const ids = [[...prefix, ...drafted.slice(0, r)].map(BigInt)];
      row = processors(ids, new TensorClass('float32', row.slice(), [1, vocab])).data as Float32Array;
    }
    let best = 0;
    for (let i = 1; i < vocab; i++) if (row[i] > row[best]) best = i;
    out.push(best);
  }
  return out;
}

/** The forward pass's new keys and values, named as the next pass takes them. */
function presentOf(out: Record<string, Tensor>): Record<string, Tensor> {
  const next: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(out)) if (name.startsWith('present')) next[name.replace('present', 'past_key_values')] = t;
  return next;
}

/**
 * What one more verified token costs against a one-token pass, from this answer's passes:
 * moving averages of one-token passes and of the extra time per drafted token.
 */
export class PassCost {
  /** A one-token pass, the argmax included. */
  plainMs: number | null = null;
  private perTokenMs: number | null = null;
  record(drafted: number, ms: number): void {
    if (!(ms > 0)) return;
    if (drafted === 0) this.plainMs = this.plainMs === null ? ms : 0.7 * this.plainMs + 0.3 * ms;
    else if (this.plainMs !== null) {
      const extra = Math.max(0, ms - this.plainMs) / drafted;
      this.perTokenMs = this.perTokenMs === null ? extra : 0.7 * this.perTokenMs + 0.3 * extra;
    }
  }
  /** Null until both kinds of pass were seen. */
  get cost(): number | null {
    return this.plainMs && this.perTokenMs !== null ? this.perTokenMs / this.plainMs : null;
  }
}

export async function speculate(model: PreTrainedModel, job: Job, stream: TokenStream, a: SpeculateArgs): Promise<Speculated> {
  const internals = model as unknown as GenerationInternals;
  const config = internals._prepare_generation_config(null, a.options);
  const list = internals._get_logits_processor(config, a.promptIds.length, null);
  const processors = (list.processors?.length ?? 1) > 0 ? list : null;
  const drafter = a.drafter ?? new NgramDrafter(a.promptIds, a.draft);
  const sequence = [...a.promptIds];
  const stops = new Set(a.stopIds);
  let cache = a.past ?? new DynamicCache();
  let feed = a.promptIds.slice(cache.get_seq_length());
  let generated = 0;
  let forwards = 0;
  let done = false;
  let firstAt = 0;
  const passCost = new PassCost();
  try {
    while (!done && !job.criteria.interrupted && !a.halt?.halted) {
      // Always room for the model's own token after the draft.
      const draft = generated === 0 ? [] : drafter.draft().slice(0, Math.max(0, a.maxNewTokens - generated - 1));
      const input = [...feed, ...draft];
      const inputs: Record<string | symbol, unknown> = {
        input_ids: int64(input),
        attention_mask: new TensorClass('int64', new BigInt64Array(sequence.length + draft.length).fill(1n), [1, sequence.length + draft.length]),
        past_key_values: cache,
      };
      if (draft.length > 0) inputs[VERIFYING] = true;
      const passStart = performance.now();
      const out = (await model.forward(inputs)) as Record<string, Tensor>;
      forwards++;
      if (a.halt?.halted) break;
      cache.update(presentOf(out));
      const predicted = argmaxRows(out.logits, draft.length + 1, sequence, draft, processors);
      let accepted = 0;
      while (accepted < draft.length && predicted[accepted] === draft[accepted]) accepted++;
      drafter.record(draft.length, accepted);
      // The prompt's pass is a prefill, not a decode step.
      if (generated > 0) passCost.record(draft.length, performance.now() - passStart);
      const cost = passCost.cost;
      if (cost !== null) drafter.setCost(cost);
      for (const id of [...draft.slice(0, accepted), predicted[accepted]]) {
        sequence.push(id);
        drafter.push(id);
        stream.push(id);
        if (generated++ === 0) firstAt = performance.now();
        if (stops.has(id) || stream.stopSequenceHit || job.criteria.interrupted || generated >= a.maxNewTokens) {
          done = true;
          break;
        }
      }
      // Rejected positions (and accepted ones past a stop) leave the cache: it keeps every
      // position but the last token's, which the next pass feeds.
      const keep = sequence.length - 1;
      if (cache.get_seq_length() > keep) cache = await a.crop(cache, keep);
      feed = [sequence.at(-1)!];
    }
  } catch (err) {
    // The caller disposes the cache it passed; a cut copy is this loop's own.
    if (cache !== a.past) void cache.dispose().catch(() => undefined);
    throw err;
  }
  const decodeMs = generated > 1 ? performance.now() - firstAt : 0;
  // Against one token per pass at this answer's own one-token pass time.
  const plain = passCost.plainMs;
  const speedup = plain !== null && decodeMs > 0 ? ((generated - 1) * plain) / decodeMs : null;
  return { sequence, cache, figures: { ...drafter.stats, forwards, generated, decodeMs, speedup } };
}
