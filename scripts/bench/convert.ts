// `npm run bench -- --convert [--shape deepseek-coder-1.3b]`: the 8-bit-to-4-bit conversion.
// Node: `npm run convert` on the fixture's 8-bit file (time, peak resident memory). Chromium:
// the app converting in its worker, on a mirror that holds only the 8-bit file, as a user meets
// it (time from the engine's own record; peak memory of all Chromium processes above the idle
// page); the 1.3B load is cancelled once the conversion is done (SwiftShader would take many
// minutes to build its session). Tiny fixture only: where ORT placed the converted graph's nodes
// on SwiftShader WebGPU against the 8-bit graph's (placement, not speed).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DEFAULT_OUT_DIR, generateFixtures } from '../fixtures/generate.ts';
import { formatBytes, modelDir } from '../fixtures/layout.ts';
import { CODER_1_3B_RANDOM, TINY_CODER_BASE, onnxBaseName, type LlamaFixture } from '../fixtures/shapes.ts';
import { serve } from '../serve.ts';
import { disableCompletions, openApp } from './app-page.ts';
import { checkoutCommit } from './builds.ts';
import { freshProfile } from './profile.ts';

const APP_PORT = 4283;
const MODELS_PORT = 4284;

/** Resident memory of every Chromium process, in bytes. */
function chromiumRss(): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!/^Name:\s*(chromium|chrome)/m.test(status)) continue;
      total += Number(/^VmRSS:\s*(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // The process ended.
    }
  }
  return total;
}

/** A mirror of the model with its 8-bit file only (links, not copies). */
function mirrorOf(f: LlamaFixture, root: string): string {
  const src = modelDir(DEFAULT_OUT_DIR, f.name);
  const dst = modelDir(root, f.name);
  fs.mkdirSync(path.join(dst, 'onnx'), { recursive: true });
  for (const name of fs.readdirSync(src)) if (name !== 'onnx') fs.symlinkSync(path.join(src, name), path.join(dst, name));
  const q8 = `onnx/${onnxBaseName(f)}_quantized.onnx`;
  fs.symlinkSync(path.join(src, q8), path.join(dst, q8));
  return dst;
}

async function placement(page: Page): Promise<{ offGpu: number; matmuls: number; ops: string[] }> {
  const el = page.getByTestId('placement');
  await el.waitFor({ state: 'attached', timeout: 600_000 });
  const ops = await el.locator('li code').allTextContents();
  return { offGpu: ops.length, matmuls: ops.filter((o) => /MatMul|DynamicQuantizeLinear/.test(o)).length, ops: [...new Set(ops)] };
}

/** The engine's record of the conversion, once it is in the cache. */
function conversionRecord(page: Page): Promise<{ ms: number; bytesOut: number } | null> {
  return page.evaluate(async () => {
    const cache = await caches.open('transformers-cache');
    for (const req of await cache.keys()) if (req.url.endsWith('.conversion.json')) return (await cache.match(req))!.json();
    return null;
  });
}

/** Load; wait until ready, or (the 1.3B on SwiftShader) only until the conversion is recorded. */
async function loadAndWait(page: Page, until: 'ready' | 'converted'): Promise<void> {
  await page.getByRole('button', { name: 'Load model' }).click();
  if (until === 'ready') {
    await page.locator('aside[data-phase="ready"]').waitFor({ state: 'attached', timeout: 900_000 });
    return;
  }
  const deadline = Date.now() + 900_000;
  while (!(await conversionRecord(page))) {
    if (Date.now() > deadline) throw new Error('no conversion in 15 minutes');
    if (await page.locator('aside[data-phase="error"]').count()) throw new Error('the load failed');
    await page.waitForTimeout(250);
  }
}

export async function runConvertBench(big: boolean, chromium: string, outFile: string, log: (s: string) => void): Promise<void> {
  const f = big ? CODER_1_3B_RANDOM : TINY_CODER_BASE;
  await generateFixtures({ outDir: DEFAULT_OUT_DIR, fixtures: [f], log: (l) => log(`fixtures: ${l}`) });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'seekpad-convert-bench-'));
  const report: Record<string, unknown> = { date: new Date().toISOString(), commit: checkoutCommit(), model: f.name, cpus: os.cpus().length, node: process.version };
  try {
    const mirror = mirrorOf(f, path.join(work, 'mirror'));
    const source = fs.statSync(path.join(mirror, `onnx/${onnxBaseName(f)}_quantized.onnx`)).size;

    // Node: the same converter, from the command line, in its own process.
    const nodeDir = path.join(work, 'node');
    fs.mkdirSync(path.join(nodeDir, 'onnx'), { recursive: true });
    fs.symlinkSync(path.join(mirror, `onnx/${onnxBaseName(f)}_quantized.onnx`), path.join(nodeDir, `onnx/${onnxBaseName(f)}_quantized.onnx`));
    const run = spawnSync('npx', ['tsx', 'scripts/convert.ts', nodeDir], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`npm run convert failed: ${run.stderr}`);
    const node = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { converted: { bytesOut: number; seconds: number }[]; peakRssBytes: number };
    report.node = { seconds: node.converted[0].seconds, peakRssBytes: node.peakRssBytes, bytesIn: source, bytesOut: node.converted[0].bytesOut };
    log(`Node: ${formatBytes(source)} -> ${formatBytes(node.converted[0].bytesOut)} in ${node.converted[0].seconds} s, peak resident ${formatBytes(node.peakRssBytes)}`);

    // Chromium: the app, on WebGPU (SwiftShader here), converting in its engine worker.
    const server = await serve({ root: 'dist', port: APP_PORT, models: path.join(work, 'mirror'), modelsPort: MODELS_PORT });
    const profile = await freshProfile(chromium);
    try {
      const model = `seekpad/${f.name}`;
      const host = `http://127.0.0.1:${MODELS_PORT}/`;
      const page = await openApp(profile.context, `http://127.0.0.1:${APP_PORT}/?${new URLSearchParams({ model, host, device: 'webgpu' })}`);
      await disableCompletions(page);
      const idle = chromiumRss();
      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 100);
      await loadAndWait(page, big ? 'converted' : 'ready');
      clearInterval(sampler);
      const record = await conversionRecord(page);
      if (!record) throw new Error('the app did not record a conversion');
      const browser = { ms: record.ms, bytesOut: record.bytesOut, peakRssAboveIdleBytes: peak - idle, idleRssBytes: idle };
      report.chromium = browser;
      log(`Chromium: converted in ${(record.ms / 1000).toFixed(1)} s (the download into Cache Storage before it not counted); Chromium processes' resident memory peaked ${formatBytes(peak - idle)} above the idle page (${formatBytes(idle)})`);
      if (big) {
        await page.getByRole('button', { name: 'Cancel' }).click();
      } else {
        const converted = await placement(page);
        await page.goto(`http://127.0.0.1:${APP_PORT}/?${new URLSearchParams({ model, host, device: 'webgpu', dtype: 'q8' })}`);
        await disableCompletions(page);
        await loadAndWait(page, 'ready');
        const q8 = await placement(page);
        report.placement = { converted, q8 };
        log(`Placement on SwiftShader WebGPU: converted graph ${converted.offGpu} nodes off the GPU (${converted.matmuls} matmul-class); 8-bit graph ${q8.offGpu} (${q8.matmuls} matmul-class)`);
      }
      report.chromiumVersion = profile.context.browser()?.version() ?? execFileSync(chromium, ['--version'], { encoding: 'utf8' }).trim();
    } finally {
      await profile.close();
      await server.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), outFile)}`);
}
