// Where a load's time went, for the runtime panel and the bench.
import type { LoadResult, LoadStepTimes } from '../../contract/engine-api.ts';
import type { Text } from '../i18n/text.ts';

type Step = keyof LoadStepTimes;
const ORDER: readonly Step[] = ['check', 'download', 'convert', 'session', 'warmup'];

function seconds(ms: number): Text {
  return { key: 'unit_s', params: { n: (ms / 1000).toFixed(ms >= 10_000 ? 0 : 1) } };
}

function step(k: Step, time: Text, fromCache: boolean | undefined): Text {
  switch (k) {
    case 'check':
      return { key: 'steps_check', params: { time } };
    case 'download':
      return { key: fromCache ? 'steps_download_cache' : 'steps_download_network', params: { time } };
    case 'convert':
      return { key: 'steps_convert', params: { time } };
    case 'session':
      return { key: 'steps_session', params: { time } };
    case 'warmup':
      return { key: 'steps_warmup', params: { time } };
  }
}

/** The steps that took time, in load order; null without a breakdown. */
export function loadStepsLine(info: Pick<LoadResult, 'steps' | 'fromCache'>): Text | null {
  const steps = info.steps;
  if (!steps) return null;
  const parts = ORDER.filter((k) => (steps[k] ?? 0) >= 50).map((k) => step(k, seconds(steps[k]!), info.fromCache));
  return parts.length ? { key: info.fromCache ? 'steps_line_cached' : 'steps_line', params: { steps: { list: parts } } } : null;
}
