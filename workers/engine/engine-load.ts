// One load, from the repository's files to a warmed-up session: where files come from, which
// dtype, the storage check, the WebGPU 4-bit copy, the load with WASM taking over from a GPU that
// fails, and the warm-up. The Engine owns cancelling and what it keeps afterwards.
import { env } from '@huggingface/transformers';
import { guardedFetch } from './download-guard.ts';
import { abortError, classifyLoadError } from './classify-error.ts';
import type { Counters } from './forward-pass.ts';
import { HUB_HOST, HUB_PATH_TEMPLATE, f32Twin } from '../../src/contract/sets.ts';
import type { LoadTracker } from './load-progress.ts';
import { configureModelSource } from './local-files.ts';
import { loadModel, warmUp, type LoadedModel } from './model-loader.ts';
import { checkRoom, gpuWeights, repoFiles } from './model-files.ts';
import type { Capabilities, ConversionInfo, ModelSpec, RuntimeChoice } from '../../src/contract/engine-api.ts';
import { chooseRuntime, withReason } from './select.ts';
import { status } from '../../src/contract/status-text.ts';

export interface LoadContext {
  caps: Capabilities;
  signal: AbortSignal;
  tracker: LoadTracker;
  counters: Counters;
  now: () => number;
  /** When the load began (for loadMs). */
  started: number;
  /** No warm-up generation (Node tests that need the rates untouched). */
  skipWarmup?: boolean;
}

export interface LoadedSession {
  loaded: LoadedModel;
  /** Loads the same model again with another runtime (WASM after a lost GPU). */
  attempt: (c: RuntimeChoice, tracker?: LoadTracker) => Promise<LoadedModel>;
}

export async function loadSession(spec: ModelSpec, ctx: LoadContext): Promise<LoadedSession> {
  env.allowLocalModels = false;
  env.remoteHost = spec.host ?? HUB_HOST;
  env.remotePathTemplate = spec.pathTemplate ?? HUB_PATH_TEMPLATE;
  // Stalls, cuts and short bodies fail naming the file, so nothing partial is ever cached.
  const download = guardedFetch({ signal: ctx.signal, stallMs: spec.stallTimeoutMs, onRequest: (url) => ctx.tracker.fetchedFromNetwork(url) });
  env.fetch = download;
  const weights = { host: env.remoteHost, pathTemplate: env.remotePathTemplate, hubHost: HUB_HOST, fetch: download, signal: ctx.signal, tracker: ctx.tracker, now: ctx.now, caches: env.useBrowserCache ? globalThis.caches : undefined };
  // In the browser the dtype and file name come from the files the repository really has.
  const files = ctx.caps.runtime === 'node' ? null : await repoFiles(spec, weights);
  const source = configureModelSource(env, spec);
  const modelSpec: ModelSpec = files ? { ...spec, modelFileName: files.baseName } : spec;
  let choice = chooseRuntime(ctx.caps, spec, files);
  let conversion: ConversionInfo | undefined;

  const attempt = (c: RuntimeChoice, t: LoadTracker = ctx.tracker): Promise<LoadedModel> =>
    loadModel(modelSpec, c, { caps: ctx.caps, signal: ctx.signal, tracker: t, counters: ctx.counters });

  let loaded: LoadedModel;
  try {
    await checkRoom(spec, choice, files, weights);
    ({ choice, conversion } = await gpuWeights(spec, modelSpec.modelFileName ?? 'model', choice, weights));
    try {
      loaded = await attempt(choice);
    } catch (err) {
      const typed = ctx.signal.aborted
        ? classifyLoadError(abortError(), { modelId: spec.id })
        : classifyLoadError(err, { modelId: spec.id, lastFile: ctx.tracker.lastFile, lastOnnx: ctx.tracker.lastOnnx });
      // A GPU that fails at load time should not stop the user: WASM takes over.
      if (typed.name !== 'GpuError' || choice.device !== 'webgpu') throw typed;
      // The error's own code, so the page shows it in the user's language too.
      const error = typed.code ? { error: typed.code, params: typed.params ?? {} } : typed.message;
      choice = { device: 'wasm', dtype: f32Twin(choice.dtype), fellBack: true, ...withReason(choice, status('webgpu_failed_load', { error })) };
      loaded = await attempt(choice);
    }
    ctx.tracker.phase('session');
    const loadMs = ctx.now() - ctx.started;
    let warmupMs = 0;
    if (!ctx.skipWarmup) {
      ctx.tracker.phase('warmup');
      const t0 = ctx.now();
      await warmUp(loaded);
      warmupMs = ctx.now() - t0;
    }
    if (ctx.signal.aborted) {
      await loaded.model.dispose();
      throw abortError();
    }
    const cacheWarning = source.cacheWarning();
    const cacheWarningText = source.cacheWarningText();
    const fromCache = ctx.tracker.snapshot().files.every((f) => f.cached);
    loaded.info = { ...loaded.info, loadMs, warmupMs, steps: ctx.tracker.times(), fromCache, rates: loaded.rates.snapshot(), ...(cacheWarning ? { cacheWarning, ...(cacheWarningText ? { cacheWarningText } : {}) } : {}), ...(conversion ? { conversion } : {}), ...(files ? { files } : {}) };
  } catch (err) {
    throw ctx.signal.aborted ? classifyLoadError(abortError(), { modelId: spec.id }) : classifyLoadError(err, { modelId: spec.id, lastFile: ctx.tracker.lastFile, lastOnnx: ctx.tracker.lastOnnx });
  }
  return { loaded, attempt };
}
