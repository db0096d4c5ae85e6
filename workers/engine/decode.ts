// One request's decoding: with n-gram drafts when greedy (speculative.ts), else model.generate();
// a GPU that fails midway hands over to WASM, which continues from the tokens already streamed.
// The KV cache it leaves is kept for the next request.
import type { DynamicCache } from '@huggingface/transformers';
import { classifyGenerateError, messageOf } from './classify-error.ts';
import { failOnGpuLoss, generateOn, resumeOn, type GenerateOutput, type Job, type Resume } from './generate-run.ts';
import type { KvStore } from './kv-reuse.ts';
import type { LoadedModel } from './model-loader.ts';
import { isGreedy, speculate, type Speculated } from './speculative.ts';
import type { TokenStream } from './streaming.ts';
import type { DraftFigures } from '../../src/contract/engine-api.ts';

/** One run's generation: the job, its stream, the tokenized prompt and the cache it continues. */
export interface Decode {
  job: Job;
  stream: TokenStream;
  inputs: Record<string, unknown>;
  past: DynamicCache | null;
  resume: Resume;
  /** The request allows drafts. */
  drafts: boolean;
}

export interface Decoded {
  /** The model that finished the run (WASM after a lost GPU). */
  ran: LoadedModel;
  drafts?: DraftFigures;
}

type FallBack = (lost: LoadedModel, why: string) => Promise<LoadedModel>;

/** Drafts run where the request allows them, decoding is greedy and the cache can be cut. */
function draftsFit(loaded: LoadedModel, d: Decode): boolean {
  return d.drafts && loaded.crop !== null && isGreedy(loaded.model, d.resume.options);
}

/** speculate(), failing at once when the GPU is lost (as generateOn does). */
function speculateOn(loaded: LoadedModel, d: Decode): Promise<Speculated> {
  const halt = { halted: false };
  const run = speculate(loaded.model, d.job, d.stream, {
    promptIds: d.resume.promptIds,
    past: d.past,
    maxNewTokens: d.resume.maxNewTokens,
    stopIds: d.resume.stopIds,
    options: d.resume.options,
    crop: loaded.crop!,
    halt,
  });
  return failOnGpuLoss(loaded, run, () => (halt.halted = true));
}

/** With no one-token pass in the answer, the speed-up is against this device's measured decode rate. */
function withSpeedup(f: DraftFigures, loaded: LoadedModel): DraftFigures {
  if (f.speedup !== null || f.decodeMs <= 0 || f.generated < 2) return f;
  const rate = loaded.rates.snapshot().decodeTokensPerSecond;
  return { ...f, speedup: rate ? ((f.generated - 1) * 1000) / rate / f.decodeMs : null };
}

export async function decodeRun(loaded: LoadedModel, d: Decode, kv: KvStore, fallBack: FallBack): Promise<Decoded> {
  let out: GenerateOutput | null;
  try {
    if (draftsFit(loaded, d)) {
      const s = await speculateOn(loaded, d);
      kv.set(s.sequence.slice(0, s.cache.get_seq_length()), s.cache);
      return { ran: loaded, drafts: withSpeedup(s.figures, loaded) };
    }
    out = await generateOn(loaded, d.job, d.stream, {
      ...d.inputs,
      ...(d.past ? { past_key_values: d.past } : {}),
      ...d.resume.options,
      max_new_tokens: d.resume.maxNewTokens,
    });
  } catch (err) {
    const gpuFailed = loaded.gpu?.lost ?? (loaded.info.device === 'webgpu' && classifyGenerateError(err).name === 'GpuError' ? messageOf(err) : null);
    if (gpuFailed === null) {
      await d.past?.dispose();
      throw err;
    }
    // The GPU is gone: its tensors may never free; don't wait for them.
    void d.past?.dispose().catch(() => undefined);
    loaded = await fallBack(loaded, gpuFailed);
    out = await resumeOn(loaded, d.job, d.stream, d.resume);
  }
  if (out) {
    const sequence = Array.from(out.sequences.data as BigInt64Array, Number);
    // The cache holds every position but the last sampled token's.
    kv.set(sequence.slice(0, out.past_key_values.get_seq_length()), out.past_key_values);
  }
  return { ran: loaded };
}
