// `npm run bench -- --load`: where a model load's time goes. Each round, side by side: the app's
// cold load (fresh profile) and cached load (reload) with the engine's own per-phase split, then
// onnxruntime-node creating a session from the same file on the same threads (the floor a browser
// can hope for), and transformers.js in Node (tokenizer and config included).
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { DTYPE_SUFFIX } from '../../src/contract/sets.ts';
import { runtime } from './app-page.ts';
import { NodeSide } from './node-side.ts';
import { runLoad, type LoadSide } from './load.ts';
import type { BenchConfig, Variant } from './options.ts';
import type { Urls } from './results.ts';
import { fmt, ratio, summarize, type Summary } from './stats.ts';

export interface LoadBenchResult {
  threads: number;
  cold: LoadSide;
  cached: LoadSide;
  /** onnxruntime-node InferenceSession.create from the file, same threads. */
  nodeSessionMs: Summary;
  /** transformers.js from_pretrained in Node (config, tokenizer, session). */
  nodeTransformersMs: Summary;
  /** cold / cached (goal >= 3) and cached / Node session (goal <= 1.5). */
  coldOverCached: number;
  cachedOverNode: number;
}

async function nodeSession(file: string, threads: number): Promise<number> {
  const t0 = performance.now();
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: threads, executionProviders: ['cpu'] });
  const ms = performance.now() - t0;
  await session.release();
  return ms;
}

const STEPS = ['check', 'download', 'convert', 'session', 'warmup'] as const;

function stepCells(side: LoadSide): string {
  return STEPS.filter((k) => side.steps[k]).map((k) => `${k} ${fmt(side.steps[k].median / 1000)} s`).join(', ');
}

export async function runLoadBench(urls: Urls, v: Variant, cfg: BenchConfig, log: (s: string) => void): Promise<LoadBenchResult> {
  const file = path.join(urls.modelDir, 'onnx', `model${DTYPE_SUFFIX[v.dtype]}.onnx`);
  const { result, profile, app } = await runLoad(urls, v, cfg, log);
  const threads = (await runtime(app)).wasmThreads || 1;
  await profile.close();
  const session: number[] = [];
  const transformers: number[] = [];
  for (let r = 0; r < cfg.rounds; r++) {
    session.push(await nodeSession(file, threads));
    const side = await NodeSide.load(urls.modelDir, v.dtype, threads);
    transformers.push(side.loadMs);
    await side.dispose();
    log(`  node round ${r + 1}/${cfg.rounds}: session ${session[r].toFixed(0)} ms, transformers.js ${transformers[r].toFixed(0)} ms`);
  }
  const out: LoadBenchResult = {
    threads,
    cold: result.cold,
    cached: result.cached,
    nodeSessionMs: summarize(session),
    nodeTransformersMs: summarize(transformers),
    coldOverCached: result.speedup,
    cachedOverNode: ratio(result.cached.ms.median, summarize(session).median),
  };
  log(
    [
      `load, ${v.modelId} ${v.dtype} on ${v.device}, ${threads} threads, ${cfg.rounds} rounds (medians):`,
      `  app cold    ${fmt(out.cold.ms.median / 1000)} s  (${stepCells(out.cold)})`,
      `  app cached  ${fmt(out.cached.ms.median / 1000)} s  (${stepCells(out.cached)})`,
      `  node: onnxruntime-node session ${fmt(out.nodeSessionMs.median / 1000)} s, transformers.js load ${fmt(out.nodeTransformersMs.median / 1000)} s`,
      `  cold / cached ${fmt(out.coldOverCached, 2)}x (goal >= 3); cached / node session ${fmt(out.cachedOverNode, 2)}x (goal <= 1.5)`,
    ].join('\n'),
  );
  return out;
}
