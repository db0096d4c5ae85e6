// Top-p (nucleus) filtering. transformers.js 4.3.1 ignores `top_p` in the generation config and
// its TopPLogitsWarper has no `_call`, so seekpad brings its own processor.
import { LogitsProcessor, LogitsProcessorList, random, type Tensor } from '@huggingface/transformers';
import type { GenerateRequest } from '../../src/contract/engine-api.ts';

/**
 * Sets every logit outside the smallest set of most likely tokens whose probabilities add up to
 * `topP` to -Infinity, in place. At least one token always survives.
 */
export function nucleusFilter(row: Float32Array, topP: number): void {
  if (!(topP > 0 && topP < 1)) return;
  let max = -Infinity;
  for (const v of row) if (v > max) max = v;
  const probs = new Float64Array(row.length);
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    probs[i] = Math.exp(row[i] - max);
    sum += probs[i];
  }
  const order = Array.from(row.keys()).sort((a, b) => probs[b] - probs[a]);
  let cum = 0;
  let kept = 0;
  while (kept < order.length && (kept === 0 || cum < topP * sum)) cum += probs[order[kept++]];
  for (let k = kept; k < order.length; k++) row[order[k]] = -Infinity;
}

export class NucleusLogitsProcessor extends LogitsProcessor {
  constructor(private readonly topP: number) {
    super();
  }

  override _call(_inputIds: bigint[][], logits: Tensor): Tensor {
    const data = logits.data as Float32Array;
    const vocab = logits.dims.at(-1) ?? data.length;
    for (let off = 0; off < data.length; off += vocab) nucleusFilter(data.subarray(off, off + vocab), this.topP);
    return logits;
  }
}

/** Top-p as a processor (transformers.js 4.3.1 applies none), and the seed. */
function samplingProcessors(request: GenerateRequest): LogitsProcessorList {
  const list = new LogitsProcessorList();
  if (request.topP !== undefined && request.topP > 0 && request.topP < 1) list.push(new NucleusLogitsProcessor(request.topP));
  // The sampler draws from transformers.js's global Mersenne Twister: seeding it makes a shared
  // prompt reproduce the same text (one generation runs at a time).
  if (request.seed !== undefined) random.seed(request.seed);
  return list;
}

/** model.generate()'s options for a request: greedy unless it samples, and its stop ids. */
export function generationOptions(request: GenerateRequest, stopIds: number[]): Record<string, unknown> {
  const temperature = request.temperature ?? 0;
  return {
    return_dict_in_generate: true,
    do_sample: temperature > 0,
    ...(temperature > 0 ? { temperature, top_k: request.topK ?? 0, logits_processor: samplingProcessors(request) } : {}),
    ...(request.repetitionPenalty && request.repetitionPenalty !== 1 ? { repetition_penalty: request.repetitionPenalty } : {}),
    eos_token_id: stopIds,
  };
}
