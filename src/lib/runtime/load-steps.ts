// Where a load's time went, for the runtime panel and the bench.
import type { LoadResult, LoadStepTimes } from '../../contract/engine-api.ts';

const LABELS: Record<keyof LoadStepTimes, string> = {
  check: 'checks',
  download: 'files',
  convert: '4-bit conversion',
  session: 'session',
  warmup: 'warm-up',
};

function seconds(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function loadStepsLine(info: Pick<LoadResult, 'steps' | 'fromCache'>): string {
  const steps = info.steps;
  if (!steps) return '';
  const parts = (Object.keys(LABELS) as (keyof LoadStepTimes)[])
    .filter((k) => (steps[k] ?? 0) >= 50)
    .map((k) => `${LABELS[k]} ${seconds(steps[k]!)}${k === 'download' ? (info.fromCache ? ' (browser cache)' : ' (network)') : ''}`);
  return parts.length ? `${info.fromCache ? 'Cached load' : 'Load'}: ${parts.join(', ')}.` : '';
}
