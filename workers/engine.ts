// The engine: one class, used in-process (Node, tests) and behind Comlink in the worker.
import { InterruptableStoppingCriteria, env, type DynamicCache, type Tensor } from '@huggingface/transformers';
import { detectCapabilities } from './capabilities.ts';
import { guardedFetch } from './download-guard.ts';
import { wasmTwin } from './gpu-watch.ts';
import { loadModel, warmUp, type LoadedModel } from './model-loader.ts';
import { failPendingRuns } from './run-guard.ts';
import { EngineError, classifyGenerateError, classifyLoadError } from './errors.ts';
import { cropCache, onGpu, planReuse, type CachedPrefix } from './kv-reuse.ts';
import {
  Counters,
  abortError,
  emptyStats,
  messageOf,
  resolvePrompt,
  samplingProcessors,
  type GenerateOutput,
  type Job,
} from './generate-parts.ts';
import { generateOn, resumeOn } from './generate-run.ts';
import { LoadTracker } from './load-progress.ts';
import { configureModelSource } from './local-files.ts';
import { FimBudgets, completionCheck } from './fim-latency.ts';
import { checkRoom, gpuWeights, repoFiles } from './model-files.ts';
import { planLoad } from './load-plan.ts';
import { chooseRuntime } from './select.ts';
import { TokenStream } from './streaming.ts';
import { provideWasmBinary } from './wasm-binary.ts';
import type {
  Capabilities,
  ChunkListener,
  ConversionInfo,
  EngineApi,
  EngineDiagnostics,
  GenerateRequest,
  GenerateResult,
  LoadPlan,
  LoadResult,
  ModelSpec,
  NoticeListener,
  ProgressListener,
  RuntimeChoice,
  StopReason,
} from './protocol.ts';

export const HUB_HOST = 'https://huggingface.co/';
export const HUB_PATH_TEMPLATE = '{model}/resolve/{revision}/';

export interface EngineOptions {
  /** ONNX Runtime's WASM files, served by the app itself (never a CDN). */
  wasmPaths?: { mjs: string; wasm: string };
  /** Compiles the runtime early (the worker's ONNX Runtime WASM); nothing in Node. */
  warmRuntime?: () => Promise<void>;
  now?: () => number;
}

export class Engine implements EngineApi {
  private caps: Promise<Capabilities> | null = null;
  private prepared: Promise<Capabilities> | null = null;
  private loaded: LoadedModel | null = null;
  private loadAbort: AbortController | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private current: Job | null = null;
  private pending = new Set<Job>();
  /** The last request's KV cache and the ids it covers. */
  private kv: CachedPrefix | null = null;
  private readonly budgets = new FimBudgets();
  private readonly now: () => number;
  private readonly counters = new Counters();
  private notice: NoticeListener | null = null;
  /** Loads the last model again with another runtime (WASM after a lost GPU). */
  private reloadAs: ((c: RuntimeChoice) => Promise<LoadedModel>) | null = null;

  constructor(private readonly options: EngineOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    // A handle for the devtools console and the e2e tests, in the worker only: seekpadEngine.diagnostics().
    const scope = globalThis as { WorkerGlobalScope?: unknown; seekpadEngine?: Engine };
    if (scope.WorkerGlobalScope !== undefined) scope.seekpadEngine = this;
    if (options.wasmPaths && env.backends.onnx.wasm) {
      env.backends.onnx.wasm.wasmPaths = { ...options.wasmPaths };
      // prepare() hands ORT the binary itself (provideWasmBinary); transformers.js would fetch
      // and store a second copy in the Cache API.
      env.useWasmCache = false;
    }
  }

  capabilities(): Promise<Capabilities> {
    this.caps ??= detectCapabilities();
    return this.caps;
  }

  prepare(): Promise<Capabilities> {
    this.prepared ??= (async () => {
      const caps = await this.capabilities();
      // Threads must be set before the runtime starts.
      if (caps.wasmThreads > 0 && env.backends.onnx.wasm) env.backends.onnx.wasm.numThreads = caps.wasmThreads;
      const wasmUrl = this.options.wasmPaths?.wasm;
      if (wasmUrl && env.backends.onnx.wasm) await provideWasmBinary(env.backends.onnx.wasm, wasmUrl);
      try {
        await this.options.warmRuntime?.();
      } catch (err) {
        // Not fatal: the load will compile the runtime itself, and report a real failure.
        console.warn('seekpad: runtime warm-up failed', err);
      }
      return caps;
    })();
    return this.prepared;
  }

  async plan(spec: ModelSpec, network = false): Promise<LoadPlan> {
    const caps = await this.capabilities();
    const host = spec.host ?? HUB_HOST;
    return planLoad(spec, caps, { host, pathTemplate: spec.pathTemplate ?? HUB_PATH_TEMPLATE, hubHost: HUB_HOST, caches: env.useBrowserCache ? globalThis.caches : undefined }, network);
  }

  async diagnostics(): Promise<EngineDiagnostics> {
    return { ...this.counters.data };
  }

  async onNotice(listener: NoticeListener): Promise<void> {
    this.notice = listener;
  }

  async holdLifeline(name: string): Promise<boolean> {
    const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
    if (!locks) return false;
    // Held until this context dies; the page waits on the same name to learn of it.
    return new Promise<boolean>((held) => {
      void locks.request(name, () => {
        held(true);
        return new Promise<void>(() => undefined);
      });
    });
  }

  async cancelLoad(): Promise<void> {
    this.loadAbort?.abort();
  }

  async load(spec: ModelSpec, onProgress?: ProgressListener): Promise<LoadResult> {
    this.loadAbort?.abort();
    const abort = new AbortController();
    this.loadAbort = abort;
    const started = this.now();
    const tracker = new LoadTracker(onProgress, this.now);
    tracker.phase('check');
    await this.unload();

    const caps = await this.prepare();
    env.allowLocalModels = false;
    env.remoteHost = spec.host ?? HUB_HOST;
    env.remotePathTemplate = spec.pathTemplate ?? HUB_PATH_TEMPLATE;
    // Stalls, cuts and short bodies fail naming the file, so nothing partial is ever cached.
    const download = guardedFetch({ signal: abort.signal, stallMs: spec.stallTimeoutMs, onRequest: (url) => tracker.fetchedFromNetwork(url) });
    env.fetch = download;
    const weights = { host: env.remoteHost, pathTemplate: env.remotePathTemplate, hubHost: HUB_HOST, fetch: download, signal: abort.signal, tracker, now: this.now, caches: env.useBrowserCache ? globalThis.caches : undefined };
    // In the browser the dtype and file name come from the files the repository really has.
    const files = caps.runtime === 'node' ? null : await repoFiles(spec, weights);
    const source = configureModelSource(env, spec);
    const modelSpec: ModelSpec = files ? { ...spec, modelFileName: files.baseName } : spec;
    let choice = chooseRuntime(caps, spec, files);
    let conversion: ConversionInfo | undefined;

    const attempt = (c: RuntimeChoice, t: LoadTracker = tracker): Promise<LoadedModel> =>
      loadModel(modelSpec, c, { caps, signal: abort.signal, tracker: t, counters: this.counters });

    let loaded: LoadedModel;
    try {
      await checkRoom(spec, choice, files, weights);
      ({ choice, conversion } = await gpuWeights(spec, modelSpec.modelFileName ?? 'model', choice, weights));
      try {
        loaded = await attempt(choice);
      } catch (err) {
        const typed = abort.signal.aborted
          ? classifyLoadError(abortError(), { modelId: spec.id })
          : classifyLoadError(err, { modelId: spec.id, lastFile: tracker.lastFile, lastOnnx: tracker.lastOnnx });
        // A GPU that fails at load time should not stop the user: WASM takes over.
        if (typed.name !== 'GpuError' || choice.device !== 'webgpu') throw typed;
        const twin = choice.dtype === 'q4f16' ? 'q4' : choice.dtype === 'fp16' ? 'fp32' : choice.dtype;
        choice = { device: 'wasm', dtype: twin, fellBack: true, reason: `${choice.reason} WebGPU failed (${typed.message}), so WASM took over.` };
        loaded = await attempt(choice);
      }
      tracker.phase('session');
      const loadMs = this.now() - started;
      let warmupMs = 0;
      if (!spec.skipWarmup) {
        tracker.phase('warmup');
        const t0 = this.now();
        await warmUp(loaded);
        warmupMs = this.now() - t0;
      }
      if (abort.signal.aborted) {
        await loaded.model.dispose();
        throw abortError();
      }
      const cacheWarning = source.cacheWarning();
      loaded.info = { ...loaded.info, loadMs, warmupMs, rates: loaded.rates.snapshot(), ...(cacheWarning ? { cacheWarning } : {}), ...(conversion ? { conversion } : {}), ...(files ? { files } : {}) };
    } catch (err) {
      throw abort.signal.aborted ? classifyLoadError(abortError(), { modelId: spec.id }) : classifyLoadError(err, { modelId: spec.id, lastFile: tracker.lastFile, lastOnnx: tracker.lastOnnx });
    } finally {
      if (this.loadAbort === abort) this.loadAbort = null;
    }
    this.loaded = loaded;
    this.budgets.reset();
    this.reloadAs = (c) => attempt(c, new LoadTracker(undefined, this.now));
    tracker.phase('ready');
    return loaded.info;
  }

  generate(request: GenerateRequest, onChunk?: ChunkListener): Promise<GenerateResult> {
    const channel = request.channel ?? 'default';
    const job: Job = { criteria: new InterruptableStoppingCriteria(), stream: null, superseded: false, channel };
    if (request.mode === 'supersede') {
      // The newest request of a channel wins: stop its running one and drop any still waiting.
      if (this.current?.channel === channel) this.interruptJob(this.current);
      for (const p of this.pending) if (p.channel === channel) p.superseded = true;
    }
    this.pending.add(job);
    const run = this.queue.then(() => {
      this.pending.delete(job);
      return this.run(job, request, onChunk);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async interrupt(channel?: string): Promise<void> {
    if (channel === undefined || this.current?.channel === channel) this.interruptJob(this.current);
  }

  async dispose(): Promise<void> {
    this.loadAbort?.abort();
    await this.unload();
  }

  private interruptJob(job: Job | null): void {
    if (!job) return;
    job.criteria.interrupt();
    job.stream?.markInterrupted();
  }

  private async unload(): Promise<void> {
    this.interruptJob(this.current);
    for (const p of this.pending) p.superseded = true;
    await this.queue;
    await this.dropKv();
    const old = this.loaded;
    this.loaded = null;
    if (old) await old.model.dispose();
  }

  private async dropKv(): Promise<void> {
    const kv = this.kv;
    this.kv = null;
    if (kv) await kv.cache.dispose();
  }

  /** The cache to continue from for these prompt ids, and how many of them it covers. */
  private async takeKv(ids: number[], allowed: boolean): Promise<{ past: DynamicCache | null; reused: number }> {
    const kv = this.kv;
    // generate() mutates the cache in place: whatever happens, it no longer matches kv.ids.
    this.kv = null;
    if (!kv) return { past: null, reused: 0 };
    const keep = allowed ? planReuse(kv.ids, ids, !onGpu(kv.cache)) : 0;
    if (keep === 0) {
      await kv.cache.dispose();
      return { past: null, reused: 0 };
    }
    return { past: keep < kv.ids.length ? cropCache(kv.cache, keep) : kv.cache, reused: keep };
  }

  /** Reloads the model on WASM after the GPU failed, and tells the page why. */
  private async fallBackToWasm(old: LoadedModel, why: string): Promise<LoadedModel> {
    if (!this.reloadAs) throw classifyGenerateError(new Error(`GPU lost: ${why}`));
    this.loaded = null;
    const kv = this.kv;
    this.kv = null;
    void kv?.cache.dispose().catch(() => undefined);
    // A run on the lost device may never answer, and every later run would queue behind it.
    failPendingRuns(new Error(`GPU lost: ${why}`));
    void old.model.dispose().catch(() => undefined);
    const reason = `The GPU failed during generation (${why}), so WASM took over: the model was reloaded on WASM and generation went on.`;
    const started = this.now();
    const next = await this.reloadAs({ device: 'wasm', dtype: wasmTwin(old.info.dtype), reason, fellBack: true });
    next.info = { ...next.info, loadMs: this.now() - started };
    this.loaded = next;
    this.counters.data.gpuFallbacks++;
    const notice = this.notice;
    if (notice) void Promise.resolve(notice({ kind: 'runtime-changed', message: reason, info: next.info })).catch(() => undefined);
    return next;
  }

  private async run(job: Job, request: GenerateRequest, onChunk?: ChunkListener): Promise<GenerateResult> {
    const startedAt = this.now();
    if (job.superseded) {
      return { text: '', prompt: '', stopReason: 'interrupted', stats: emptyStats(0, startedAt, this.now()) };
    }
    let loaded = this.loaded;
    if (!loaded) {
      throw new EngineError({ name: 'NoModelLoadedError', message: 'No model is loaded.', hint: 'Press "Load model" first.' });
    }
    // Lost while idle: switch before generating.
    if (loaded.gpu?.lost) loaded = await this.fallBackToWasm(loaded, loaded.gpu.lost);
    const { tokenizer, info } = loaded;
    const fimBudget = this.budgets.choose(request, loaded, this.kv);
    const built = resolvePrompt(fimBudget ? { ...request, fim: { ...request.fim!, budgetTokens: fimBudget.budgetTokens } } : request, loaded.countTokens);
    const prompt = built.prompt;
    const stopIds = [...new Set([...info.eosTokenIds, ...built.stopTokenIds])];
    const stream = new TokenStream(
      // transformers.js throws on an empty list.
      { decode: (ids) => (ids.length === 0 ? '' : tokenizer.decode(ids, { skip_special_tokens: true })) },
      startedAt,
      built.stop,
      new Set(stopIds),
      onChunk,
      this.now,
      request.chunkIntervalMs,
      completionCheck(request.fim),
    );
    job.stream = stream;
    this.current = job;
    const inputs = tokenizer(prompt, { add_special_tokens: built.addSpecialTokens });
    const promptTokens = (inputs.input_ids as Tensor).dims.at(-1) ?? 0;
    const maxNewTokens = Math.max(1, request.maxNewTokens ?? 256);
    const temperature = request.temperature ?? 0;
    const ids = Array.from((inputs.input_ids as Tensor).data as BigInt64Array, Number);
    const { past, reused } = await this.takeKv(ids, request.reuseCache !== false);
    const options = {
        return_dict_in_generate: true,
        do_sample: temperature > 0,
        ...(temperature > 0 ? { temperature, top_k: request.topK ?? 0 } : {}),
        ...(temperature > 0 ? { logits_processor: samplingProcessors(request) } : {}),
        ...(request.repetitionPenalty && request.repetitionPenalty !== 1 ? { repetition_penalty: request.repetitionPenalty } : {}),
        eos_token_id: stopIds,
    };
    this.counters.enter('generation');
    try {
      let out: GenerateOutput | null;
      try {
        out = await generateOn(loaded, job, stream, {
          ...inputs,
          ...(past ? { past_key_values: past } : {}),
          ...options,
          max_new_tokens: maxNewTokens,
        });
      } catch (err) {
        const gpuFailed = loaded.gpu?.lost ?? (loaded.info.device === 'webgpu' && classifyGenerateError(err).name === 'GpuError' ? messageOf(err) : null);
        if (gpuFailed === null) {
          await past?.dispose();
          throw err;
        }
        // The GPU is gone: its tensors may never free; don't wait for them.
        void past?.dispose().catch(() => undefined);
        loaded = await this.fallBackToWasm(loaded, gpuFailed);
        out = await resumeOn(loaded, job, stream, { promptIds: ids, maxNewTokens, stopIds, options });
      }
      if (out) {
        const sequence = Array.from(out.sequences.data as BigInt64Array, Number);
        // The cache holds every position but the last sampled token's.
        this.kv = { ids: sequence.slice(0, out.past_key_values.get_seq_length()), cache: out.past_key_values };
      }
    } catch (err) {
      throw classifyGenerateError(err);
    } finally {
      this.counters.leave('generation');
      if (this.current === job) this.current = null;
    }
    stream.flush();
    const last = stream.ids.at(-1);
    let stopReason: StopReason;
    if (job.criteria.interrupted) stopReason = 'interrupted';
    else if (stream.completeHit) stopReason = 'complete';
    else if (stream.stopSequenceHit) stopReason = 'stop-sequence';
    else if (last !== undefined && stopIds.includes(last)) stopReason = 'eos';
    else stopReason = 'max-tokens';
    const end = this.now();
    return {
      rates: loaded.rates.snapshot(),
      ...(fimBudget ? { fimBudget } : {}),
      text: stream.text,
      prompt,
      stopReason,
      stats: {
        promptTokens,
        generatedTokens: stream.ids.length,
        ttftMs: stream.ttftMs(),
        totalMs: end - startedAt,
        tokensPerSecond: stream.tokensPerSecond(),
        tokensAfterInterrupt: stream.tokensAfterInterrupt,
        reusedTokens: reused,
      },
    };
  }
}

