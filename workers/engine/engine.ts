// The engine: one class, used in-process (Node, tests) and behind Comlink in the worker.
import { InterruptableStoppingCriteria, env, type Tensor } from '@huggingface/transformers';
import { detectCapabilities } from './capabilities.ts';
import { loadSession } from './engine-load.ts';
import { DEFAULT_CHANNEL, DEFAULT_MAX_NEW_TOKENS, HUB_HOST, HUB_PATH_TEMPLATE, f32Twin, type Channel } from '../../src/contract/sets.ts';
import { EngineError } from '../../src/contract/errors.ts';
import { FimBudgets } from './fim-latency.ts';
import { Counters } from './forward-pass.ts';
import { classifyGenerateError } from './classify-error.ts';
import { emptyStats } from './result.ts';
import { generationOptions } from './sampling.ts';
import { openStream, type Job } from './generate-run.ts';
import { decodeRun, type Decode, type Decoded } from './decode.ts';
import { KvStore } from './kv-reuse.ts';
import { holdLock } from './lifeline.ts';
import { planLoad } from './load-plan.ts';
import { LoadTracker } from './load-progress.ts';
import type { LoadedModel } from './model-loader.ts';
import { resultOf } from './result.ts';
import { failPendingRuns } from './run-guard.ts';
import { provideWasmBinary } from './wasm-binary.ts';
import { prefillStable } from './warm-prefill.ts';
import { explained } from './select.ts';
import { status } from '../../src/contract/status-text.ts';
import type {
  Capabilities,
  ChunkListener,
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
} from '../../src/contract/engine-api.ts';

export interface EngineOptions {
  /** ONNX Runtime's WASM files, served by the app itself (never a CDN). */
  wasmPaths?: { mjs: string; wasm: string };
  /** Compiles the runtime early (the worker's ONNX Runtime WASM); nothing in Node. */
  warmRuntime?: () => Promise<void>;
  now?: () => number;
  /** Loads skip the warm-up generation (Node tests only: the worker always warms up). */
  skipWarmup?: boolean;
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
  private readonly kv = new KvStore();
  private readonly budgets = new FimBudgets();
  private readonly now: () => number;
  private readonly counters = new Counters();
  private notice: NoticeListener | null = null;
  /** Loads the last model again with another runtime (WASM after a lost GPU). */
  private reloadAs: ((c: RuntimeChoice) => Promise<LoadedModel>) | null = null;

  constructor(private readonly options: EngineOptions = {}) {
    this.now = options.now ?? (() => performance.now());
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
    const where = { host: spec.host ?? HUB_HOST, pathTemplate: spec.pathTemplate ?? HUB_PATH_TEMPLATE, hubHost: HUB_HOST };
    return planLoad(spec, await this.capabilities(), { ...where, caches: env.useBrowserCache ? globalThis.caches : undefined }, network);
  }

  async diagnostics(): Promise<EngineDiagnostics> {
    return { ...this.counters.data };
  }

  async countTokens(texts: string[]): Promise<number[] | null> {
    const loaded = this.loaded;
    return loaded ? texts.map((t) => loaded.countTokens(t)) : null;
  }

  async onNotice(listener: NoticeListener): Promise<void> {
    this.notice = listener;
  }

  holdLifeline(name: string): Promise<boolean> {
    return holdLock(name);
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
    const { loaded, attempt } = await loadSession(spec, { caps, signal: abort.signal, tracker, counters: this.counters, now: this.now, started, skipWarmup: this.options.skipWarmup }).finally(() => {
      if (this.loadAbort === abort) this.loadAbort = null;
    });
    this.loaded = loaded;
    this.budgets.reset();
    this.reloadAs = (c) => attempt(c, new LoadTracker(undefined, this.now));
    tracker.phase('ready');
    return loaded.info;
  }

  generate(request: GenerateRequest, onChunk?: ChunkListener): Promise<GenerateResult> {
    const channel = request.channel ?? DEFAULT_CHANNEL;
    const warm = request.fim?.prefillOnly === true;
    const job: Job = { criteria: new InterruptableStoppingCriteria(), stream: null, superseded: false, channel, warm };
    // Any real request cancels a background prefill, running or waiting.
    if (!warm && this.current?.warm) this.interruptJob(this.current);
    for (const p of this.pending) if (!warm && p.warm) p.superseded = true;
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

  async interrupt(channel?: Channel): Promise<void> {
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
    await this.kv.drop();
    const old = this.loaded;
    this.loaded = null;
    if (old) await old.model.dispose();
  }

  private async warm(job: Job, request: GenerateRequest, loaded: LoadedModel): Promise<GenerateResult> {
    this.current = job;
    this.counters.enter('generation');
    try {
      return await prefillStable(job, request, { loaded, kv: this.kv, budgets: this.budgets, now: this.now });
    } catch (err) {
      throw classifyGenerateError(err);
    } finally {
      this.counters.leave('generation');
      if (this.current === job) this.current = null;
    }
  }

  /** Reloads the model on WASM after the GPU failed, and tells the page why. */
  private async fallBackToWasm(old: LoadedModel, why: string): Promise<LoadedModel> {
    if (!this.reloadAs) throw classifyGenerateError(new Error(`GPU lost: ${why}`));
    this.loaded = null;
    this.kv.abandon();
    // A run on the lost device may never answer, and every later run would queue behind it.
    failPendingRuns(new Error(`GPU lost: ${why}`));
    void old.model.dispose().catch(() => undefined);
    const { reason, reasonText } = explained([status('gpu_failed_generation', { detail: why })]);
    const started = this.now();
    const next = await this.reloadAs({ device: 'wasm', dtype: f32Twin(old.info.dtype), reason, reasonText, fellBack: true });
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
    const loaded = await this.usableModel();
    if (job.warm) return this.warm(job, request, loaded);
    const fimBudget = this.budgets.choose(request, loaded, this.kv.current);
    const built = this.budgets.build(request, fimBudget, loaded.countTokens);
    const stopIds = [...new Set([...loaded.info.eosTokenIds, ...built.stopTokenIds])];
    const stream = openStream(loaded, request, built, stopIds, { startedAt, now: this.now, onChunk });
    job.stream = stream;
    this.current = job;
    const inputs = loaded.tokenizer(built.prompt, { add_special_tokens: built.addSpecialTokens });
    const ids = Array.from((inputs.input_ids as Tensor).data as BigInt64Array, Number);
    const { past, reused } = await this.kv.take(ids, request.reuseCache !== false, loaded.crop);
    const maxNewTokens = Math.max(1, request.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS);
    const decode: Decode = { job, stream, inputs, past, drafts: request.drafts !== false, resume: { promptIds: ids, maxNewTokens, stopIds, options: generationOptions(request, stopIds) } };
    this.counters.enter('generation');
    let done: Decoded;
    try {
      done = await decodeRun(loaded, decode, this.kv, (lost, why) => this.fallBackToWasm(lost, why));
    } catch (err) {
      throw classifyGenerateError(err);
    } finally {
      this.counters.leave('generation');
      if (this.current === job) this.current = null;
    }
    stream.flush();
    const result = resultOf(stream, job, { prompt: built.prompt, promptTokens: ids.length, reused, stopIds, startedAt, end: this.now(), rates: done.ran.rates.snapshot(), fimBudget });
    return done.drafts ? { ...result, drafts: done.drafts } : result;
  }

  /** The loaded model, on WASM already if the GPU was lost while idle. */
  private async usableModel(): Promise<LoadedModel> {
    const loaded = this.loaded;
    if (!loaded) {
      throw EngineError.of('no_model', {});
    }
    return loaded.gpu?.lost ? this.fallBackToWasm(loaded, loaded.gpu.lost) : loaded;
  }
}
