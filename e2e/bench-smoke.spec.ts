// `npm run bench -- --smoke` end to end: its own servers (4273/4274) and browser, the built app
// and bench page, the tiny fixture. Checks the report's shape, never speed or ratios.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { BenchReport } from '../scripts/bench/report.ts';
import type { Summary } from '../scripts/bench/stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function runBench(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const opts = { cwd: ROOT, timeout: 170_000 };
    execFile(process.execPath, ['--import', 'tsx', 'scripts/bench/main.ts', ...args], opts, (err, stdout, stderr) => {
      if (err) reject(new Error(`bench failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

const positive = (s: Summary | null | undefined): void => {
  expect(s?.samples.length).toBeGreaterThan(0);
  expect(s?.median).toBeGreaterThan(0);
};

test('bench --smoke writes every section with positive numbers', async () => {
  test.setTimeout(180_000);
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'seekpad-bench-')), 'smoke.json');
  const stdout = await runBench(['--smoke', '--out', out]);
  expect(stdout).toContain('1 own overhead');

  const report = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
  expect(report.rounds).toBe(1);
  expect(report.variants).toHaveLength(1);
  const [v] = report.variants;
  expect(v).toMatchObject({ model: 'seekpad/tiny-deepseek-coder-ascii', device: 'wasm', dtype: 'fp32' });

  const g = v.generation;
  expect(g.runtime).toMatchObject({ device: 'wasm', dtype: 'fp32', crossOriginIsolated: true });
  expect(g.runtime.wasmThreads).toBeGreaterThan(0);
  expect(g.runtime.nodeThreads).toBe(g.runtime.wasmThreads);
  expect(g.runtime.engineThreads).toBe(g.runtime.wasmThreads);
  // --smoke warms up once: the rounds come from the options, not from the rates.
  expect(g.runtime.warmUpRounds).toBe(1);
  // The default model writes code-like ASCII, as a code model mostly does.
  expect(g.outputs.bare.length).toBeGreaterThan(0);
  expect(g.outputs.app).toMatch(/^[\x20-\x7e\t\n]+$/);
  const o = g.overhead;
  for (const s of [o.appPage, o.appReported, o.engineNoUi, o.bare]) {
    positive(s?.ttftMs);
    positive(s?.generatedTokens);
  }
  for (const s of [o.appReported, o.engineNoUi, o.bare, ...o.barePages]) positive(s?.tokensPerSecond);
  // The baseline is the two bare pages' mean, round by round; the A/A control compares them.
  const [bare1, bare2] = o.barePages;
  expect(o.bare.tokensPerSecond.samples[0]).toBeCloseTo((bare1.tokensPerSecond.samples[0] + bare2.tokensPerSecond.samples[0]) / 2, 2);
  expect(o.aa.decode).toBeCloseTo(bare2.tokensPerSecond.median / bare1.tokensPerSecond.median, 5);
  expect(o.sameOutput.bareAgain).toBe(true);
  // The page's own rate: the worker sends the first token's text at once and the rest later, so
  // the page renders at least two counts (0 would mean it got every token in one update).
  positive(o.appPage.tokensPerSecond);
  // The main thread's CPU time is read too, and a task cannot use more CPU than its own length.
  positive(o.appMainThreadCpuMs);
  expect(o.appMainThreadCpuMs.median).toBeLessThanOrEqual(o.appMainThreadMs.median + 1);

  expect('skipped' in g.wasmVsNode).toBe(false);
  if (!('skipped' in g.wasmVsNode)) {
    positive(g.wasmVsNode.node.tokensPerSecond);
    positive(g.wasmVsNode.node.ttftMs);
    expect(g.wasmVsNode.threads.node).toBe(g.wasmVsNode.threads.wasm);
  }

  positive(g.prefixReuse.miss.ttftPageMs);
  positive(g.prefixReuse.hit.ttftPageMs);
  expect(g.fimReuse).toHaveLength(1);
  const [fim] = g.fimReuse;
  expect(fim.promptTokens).toBeGreaterThan(300);
  // Reuse keeps the prefix up to the keystroke: fewer prompt tokens are computed than without.
  expect(fim.reuse.computed.median).toBeLessThan(fim.fresh.computed.median);
  expect(fim.fresh.computed.median).toBe(fim.promptTokens);
  positive(fim.reuse.ttftMs);
  positive(fim.fresh.ttftMs);

  positive(v.load.cold.ms);
  positive(v.load.cached.ms);
  expect(v.load.cold.modelRequests[0]).toBeGreaterThan(0);
  expect(v.load.cached.modelRequests).toEqual([0]);
});
