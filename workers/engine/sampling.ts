// Top-p (nucleus) filtering. transformers.js 4.3.1 ignores `top_p` in the generation config and
// its TopPLogitsWarper has no `_call`, so seekpad brings its own processor.
import { LogitsProcessor, type Tensor } from '@huggingface/transformers';

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
