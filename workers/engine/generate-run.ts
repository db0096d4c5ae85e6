// One model.generate() call as the Engine makes it, and its resumption on WASM after a lost GPU.
import {
  InterruptableStoppingCriteria,
  StoppingCriteriaList,
  Tensor as TensorClass,
  type TextStreamer,
} from '@huggingface/transformers';
import { IdStreamer, StopSequenceCriteria, type GenerateOutput, type Job } from './generate-parts.ts';
import type { LoadedModel } from './model-loader.ts';
import type { TokenStream } from './streaming.ts';

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
  if (!loaded.gpu) return run;
  run.catch(() => undefined);
  try {
    return await Promise.race([run, loaded.gpu.whenLost]);
  } catch (err) {
    streamer.detached = true;
    halt.interrupt();
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
