// The speed-up drafts would give on a model whose pass costs were measured, from one answer's
// drafts measured on another (the scripted fixture): the same passes, priced at the model's cost.
import type { DraftFigures } from '../../src/contract/engine-api.ts';
import type { PassCostResult } from './protocol.ts';

/** Milliseconds of a pass of 1 + k tokens, interpolated linearly between the measured k. */
export function passMs(cost: PassCostResult, k: number): number {
  const points = cost.passes.map((p) => [p.k, p.ms.median] as const);
  if (k <= points[0][0]) return points[0][1];
  for (let i = 1; i < points.length; i++) {
    const [k0, m0] = points[i - 1];
    const [k1, m1] = points[i];
    if (k <= k1) return m0 + ((m1 - m0) * (k - k0)) / (k1 - k0);
  }
  const [kl, ml] = points[points.length - 1];
  const [kp, mp] = points[points.length - 2] ?? points[points.length - 1];
  return kl === kp ? ml : ml + ((ml - mp) * (k - kl)) / (kl - kp);
}

/**
 * One token per pass against the answer's own passes: its one-token passes, its verifying passes
 * at their mean draft length, and a crop after every verifying pass (an upper bound: a fully
 * accepted draft needs none). The prompt's pass is left out on both sides.
 */
export function projectSpeedup(f: DraftFigures, cost: PassCostResult): number {
  const decodeTokens = f.generated - 1;
  const plainPasses = Math.max(0, f.forwards - 1 - f.steps);
  const meanK = f.steps > 0 ? f.drafted / f.steps : 0;
  const withDrafts = plainPasses * passMs(cost, 0) + f.steps * (passMs(cost, meanK) + cost.cropMs.median);
  return withDrafts > 0 ? (decodeTokens * passMs(cost, 0)) / withDrafts : Number.NaN;
}
