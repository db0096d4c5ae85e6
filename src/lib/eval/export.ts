// A run as files to keep: JSON (settings, summary and every result) and CSV (one row per
// problem), with the reasons in English so they read the same for everyone.
import { render } from '../i18n/render.ts';
import type { EvalRun, ProblemResult } from './run.ts';
import { summarize } from './run.ts';

export function runJson(run: EvalRun, results: readonly ProblemResult[]): string {
  const summary = summarize(run, results);
  return JSON.stringify(
    {
      settings: run.settings,
      runtimes: run.runtimes,
      createdAt: new Date(run.createdAt).toISOString(),
      summary: { n: summary.done, passed: summary.passed, 'pass@1': summary.passAt1, interval95: summary.interval, of: summary.total },
      results: results.map((r) => ({ ...r, reason: render(r.reason, 'en') })),
    },
    null,
    2,
  );
}

/** RFC 4180: quotes around every field that needs them, quotes inside doubled. */
export function csvField(value: string | number | boolean): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function runCsv(results: readonly ProblemResult[]): string {
  const head = ['id', 'passed', 'reason', 'generated_tokens', 'ms', 'stop', 'output'];
  const rows = results.map((r) => [r.id, r.passed, render(r.reason, 'en'), r.generatedTokens, Math.round(r.ms), r.stop, r.output].map(csvField).join(','));
  return [head.join(','), ...rows].join('\r\n') + '\r\n';
}

/** One JSON object a line, `{"id", "output"}`: what `npm run eval -- --score` grades. */
export function runOutputsJsonl(results: readonly ProblemResult[]): string {
  return results.map((r) => JSON.stringify({ id: r.id, output: r.output })).join('\n') + '\n';
}
