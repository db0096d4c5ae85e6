// One model.generate() call as the Engine makes it, and its resumption on WASM after a lost GPU.
import {
  BaseStreamer,
  InterruptableStoppingCriteria,
  StoppingCriteria,
  StoppingCriteriaList,
  Tensor as TensorClass,
  type DynamicCache,
  type Tensor,
  type TextStreamer,
} from '@huggingface/transformers';
import type { LoadedModel } from './model-loader.ts';
import { TokenStream } from './streaming.ts';
import { completionCheck } from './fim-latency.ts';
import type { ChunkListener, GenerateRequest } from '../../src/contract/engine-api.ts';
import type { Channel } from '../../src/contract/sets.ts';

export type Job = {
  criteria: InterruptableStoppingCriteria;
  stream: TokenStream | null;
  superseded: boolean;
  channel: Channel;
  /** A background prefill: any other request cancels it. */
  warm?: boolean;
};

export type GenerateOutput = { sequences: Tensor; past_key_values: DynamicCache };

/** Ends generation when the stream saw a stop sequence. */
class StopSequenceCriteria extends StoppingCriteria {
  constructor(private readonly job: Job) {
    super();
  }
  override _call(input_ids: number[][]): boolean[] {
    return input_ids.map(() => this.job.stream?.stopSequenceHit === true);
  }
}

/** Feeds each new token id to the TokenStream (the first put is the prompt). */
class IdStreamer extends BaseStreamer {
  private sawPrompt = false;
  /** Set when its generation was abandoned (lost GPU): late tokens must not reach the stream. */
  detached = false;
  constructor(private readonly stream: TokenStream) {
    super();
  }
  override put(value: bigint[][]): void {
    if (!this.sawPrompt) {
      this.sawPrompt = true;
      return;
    }
    if (this.detached) return;
    for (const id of value[0] ?? []) this.stream.push(Number(id));
  }
  override end(): void {}
}

/** One model.generate() streaming into `stream`; on WebGPU it fails as soon as the device is lost. */
export async function generateOn(loaded: LoadedModel, job: Job, stream: TokenStream, args: Record<string, unknown>): Promise<GenerateOutput> {
  const streamer = new IdStreamer(stream);
  // Stops this call alone, if it is abandoned on a lost GPU.
  const halt = new InterruptableStoppingCriteria();
  const criteria = new StoppingCriteriaList();
  criteria.push(job.criteria);
  criteria.push(new StopSequenceCriteria(job));
  criteria.push(halt);
  const run = loaded.model.generate({
    ...args,
    // Typed as TextStreamer in 4.3.1, but generate() only calls put() and end().
    streamer: streamer as unknown as TextStreamer,
    stopping_criteria: criteria,
  }) as Promise<GenerateOutput>;
  return failOnGpuLoss(loaded, run, () => {
    streamer.detached = true;
    halt.interrupt();
  });
}

/**
 * A run on this model that fails as soon as its GPU is lost (a run on a lost device may never
 * answer); `abandon` then stops the run from reaching the stream.
 */
export async function failOnGpuLoss<T>(loaded: LoadedModel, run: Promise<T>, abandon: () => void): Promise<T> {
  if (!loaded.gpu) return run;
  run.catch(() => undefined);
  try {
    return await Promise.race([run, loaded.gpu.whenLost]);
  } catch (err) {
    abandon();
    throw err;
  }
}

export interface Resume {
  promptIds: number[];
  maxNewTokens: number;
  stopIds: number[];
  /** generate()'s options for the request, as the first call had them. */
  options: Record<string, unknown>;
}

/** Continues from the prompt and the tokens that already streamed; null when nothing is left to do. */
export function resumeOn(loaded: LoadedModel, job: Job, stream: TokenStream, r: Resume): Promise<GenerateOutput> | null {
  const left = r.maxNewTokens - stream.ids.length;
  const last = stream.ids.at(-1);
  if (left <= 0 || stream.stopSequenceHit || job.criteria.interrupted || (last !== undefined && r.stopIds.includes(last))) return null;
  const all = [...r.promptIds, ...stream.ids];
  const input_ids = new TensorClass('int64', BigInt64Array.from(all, BigInt), [1, all.length]);
  const attention_mask = new TensorClass('int64', new BigInt64Array(all.length).fill(1n), [1, all.length]);
  return generateOn(loaded, job, stream, { input_ids, attention_mask, ...r.options, max_new_tokens: left });
}

/** The stream a run's tokens go through: decoded text, stop sequences and ids, chunks to the page. */
export function openStream(
  loaded: LoadedModel,
  request: GenerateRequest,
  built: { stop: string[] },
  stopIds: number[],
  at: { startedAt: number; now: () => number; onChunk?: ChunkListener },
): TokenStream {
  const { tokenizer } = loaded;
  return new TokenStream(
    // transformers.js throws on an empty list.
    { decode: (ids) => (ids.length === 0 ? '' : tokenizer.decode(ids, { skip_special_tokens: true })) },
    at.startedAt,
    built.stop,
    new Set(stopIds),
    at.onChunk,
    at.now,
    request.chunkIntervalMs,
    completionCheck(request.fim),
  );
}
