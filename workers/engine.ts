// The engine: one class, used in-process (Node, tests) and behind Comlink in the worker.
import {
  AutoConfig,
  AutoModelForCausalLM,
  AutoTokenizer,
  BaseStreamer,
  InterruptableStoppingCriteria,
  LogitsProcessorList,
  StoppingCriteria,
  StoppingCriteriaList,
  env,
  random,
  type DynamicCache,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type Tensor,
  type TextStreamer,
} from '@huggingface/transformers';
import { detectCapabilities } from './capabilities.ts';
import { EngineError, classifyGenerateError, classifyLoadError } from './errors.ts';
import { buildFimPrompt, memoizeCountTokens, type CountTokens } from '../src/lib/prompts/fim.ts';
import { cropCache, onGpu, planReuse, type CachedPrefix } from './kv-reuse.ts';
import { LoadTracker } from './load-progress.ts';
import { chooseRuntime } from './select.ts';
import { NucleusLogitsProcessor } from './sampling.ts';
import { TokenStream } from './streaming.ts';
import type {
  Capabilities,
  ChunkListener,
  EngineApi,
  GenerateRequest,
  GenerateResult,
  LoadResult,
  ModelSpec,
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

type ProgressEvent = { status: string; file?: string; loaded?: number; total?: number };
type LoadedModel = { model: PreTrainedModel; tokenizer: PreTrainedTokenizer; info: LoadResult; countTokens: CountTokens };
type Job = { criteria: InterruptableStoppingCriteria; stream: TokenStream | null; superseded: boolean; channel: string };

/** Ends generation when the stream saw a stop sequence. */
class StopSequenceCriteria extends StoppingCriteria {
  constructor(private readonly job: Job) {
    super();
  }
  override _call(input_ids: number[][]): boolean[] {
    return input_ids.map(() => this.job.stream?.stopSequenceHit === true);
  }
}

/** Feeds each new token id to the TokenStream (the first put is the prompt). */
class IdStreamer extends BaseStreamer {
  private sawPrompt = false;
  constructor(private readonly stream: TokenStream) {
    super();
  }
  override put(value: bigint[][]): void {
    if (!this.sawPrompt) {
      this.sawPrompt = true;
      return;
    }
    for (const id of value[0] ?? []) this.stream.push(Number(id));
  }
  override end(): void {}
}

/** A macrotask turn, so messages waiting for the worker (an interrupt) are handled between tokens. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** generate() only awaits microtasks between tokens on WASM; make each forward pass yield. */
function yieldAfterForward(model: PreTrainedModel): void {
  const forward = model.forward.bind(model);
  model.forward = async (inputs: Record<string, unknown>) => {
    const out = await forward(inputs);
    await yieldToEventLoop();
    return out;
  };
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
  private readonly now: () => number;

  constructor(private readonly options: EngineOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    if (options.wasmPaths && env.backends.onnx.wasm) {
      env.backends.onnx.wasm.wasmPaths = { ...options.wasmPaths };
      // Let ORT stream-compile its WASM from the HTTP cache (V8 caches the compiled code)
      // instead of transformers.js handing it an ArrayBuffer, which is compiled afresh each time.
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
    let choice = chooseRuntime(caps, spec);
    env.allowLocalModels = false;
    env.remoteHost = spec.host ?? HUB_HOST;
    env.remotePathTemplate = spec.pathTemplate ?? HUB_PATH_TEMPLATE;
    env.fetch = (input: string | URL, init?: RequestInit) => {
      tracker.fetchedFromNetwork(String(input));
      return fetch(input, { ...init, signal: abort.signal });
    };

    const attempt = async (c: RuntimeChoice): Promise<LoadedModel> => {
      const progress_callback = (e: ProgressEvent) => tracker.event(e);
      // config.json first: a wrong id or host fails here, in milliseconds, naming the file.
      const config = await AutoConfig.from_pretrained(spec.id, { progress_callback, revision: spec.revision ?? 'main' });
      if (abort.signal.aborted) throw abortError();
      tracker.phase('download');
      const tokenizer = await AutoTokenizer.from_pretrained(spec.id, { progress_callback, revision: spec.revision ?? 'main' });
      if (abort.signal.aborted) throw abortError();
      const model = await AutoModelForCausalLM.from_pretrained(spec.id, {
        config,
        progress_callback,
        revision: spec.revision ?? 'main',
        device: c.device,
        dtype: c.dtype,
        ...(spec.modelFileName ? { model_file_name: spec.modelFileName } : {}),
      });
      if (abort.signal.aborted) {
        await model.dispose();
        throw abortError();
      }
      yieldAfterForward(model);
      const info: LoadResult = {
        ...c,
        modelId: spec.id,
        loadMs: 0,
        warmupMs: 0,
        capabilities: caps,
        eosTokenIds: eosIds(model),
      };
      // Per-line counts, memoized: a keystroke re-counts only the lines it changed.
      const countTokens = memoizeCountTokens((text) => tokenizer.encode(text, { add_special_tokens: false }).length);
      return { model, tokenizer, info, countTokens };
    };

    let loaded: LoadedModel;
    try {
      try {
        loaded = await attempt(choice);
      } catch (err) {
        const typed = abort.signal.aborted ? classifyLoadError(abortError(), { modelId: spec.id }) : classifyLoadError(err, { modelId: spec.id });
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
        // The first run compiles kernels and tiers up V8; pay for it here, not on the first prompt.
        const inputs = loaded.tokenizer('def', { add_special_tokens: true });
        await loaded.model.generate({ ...inputs, max_new_tokens: 1, do_sample: false });
        warmupMs = this.now() - t0;
      }
      if (abort.signal.aborted) {
        await loaded.model.dispose();
        throw abortError();
      }
      loaded.info = { ...loaded.info, loadMs, warmupMs };
    } catch (err) {
      throw abort.signal.aborted ? classifyLoadError(abortError(), { modelId: spec.id }) : classifyLoadError(err, { modelId: spec.id, lastFile: tracker.lastFile });
    } finally {
      if (this.loadAbort === abort) this.loadAbort = null;
    }
    this.loaded = loaded;
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

  private async run(job: Job, request: GenerateRequest, onChunk?: ChunkListener): Promise<GenerateResult> {
    const startedAt = this.now();
    if (job.superseded) {
      return { text: '', prompt: '', stopReason: 'interrupted', stats: emptyStats(0, startedAt, this.now()) };
    }
    const loaded = this.loaded;
    if (!loaded) {
      throw new EngineError({ name: 'NoModelLoadedError', message: 'No model is loaded.', hint: 'Press "Load model" first.' });
    }
    const { model, tokenizer, info } = loaded;
    const built = resolvePrompt(request, loaded.countTokens);
    const prompt = built.prompt;
    const stopIds = [...new Set([...info.eosTokenIds, ...built.stopTokenIds])];
    const stream = new TokenStream(
      { decode: (ids) => tokenizer.decode(ids, { skip_special_tokens: true }) },
      startedAt,
      built.stop,
      new Set(stopIds),
      onChunk,
      this.now,
    );
    job.stream = stream;
    this.current = job;
    const inputs = tokenizer(prompt, { add_special_tokens: built.addSpecialTokens });
    const promptTokens = (inputs.input_ids as Tensor).dims.at(-1) ?? 0;
    const maxNewTokens = Math.max(1, request.maxNewTokens ?? 256);
    const temperature = request.temperature ?? 0;
    const criteria = new StoppingCriteriaList();
    criteria.push(job.criteria);
    criteria.push(new StopSequenceCriteria(job));
    const ids = Array.from((inputs.input_ids as Tensor).data as BigInt64Array, Number);
    const { past, reused } = await this.takeKv(ids, request.reuseCache !== false);
    try {
      const out = (await model.generate({
        ...inputs,
        ...(past ? { past_key_values: past } : {}),
        return_dict_in_generate: true,
        max_new_tokens: maxNewTokens,
        do_sample: temperature > 0,
        ...(temperature > 0 ? { temperature, top_k: request.topK ?? 0 } : {}),
        ...(temperature > 0 ? { logits_processor: samplingProcessors(request) } : {}),
        ...(request.repetitionPenalty && request.repetitionPenalty !== 1 ? { repetition_penalty: request.repetitionPenalty } : {}),
        eos_token_id: stopIds,
        // Typed as TextStreamer in 4.3.1, but generate() only calls put() and end().
        streamer: new IdStreamer(stream) as unknown as TextStreamer,
        stopping_criteria: criteria,
      })) as { sequences: Tensor; past_key_values: DynamicCache };
      const sequence = Array.from(out.sequences.data as BigInt64Array, Number);
      // The cache holds every position but the last sampled token's.
      this.kv = { ids: sequence.slice(0, out.past_key_values.get_seq_length()), cache: out.past_key_values };
    } catch (err) {
      await past?.dispose();
      throw classifyGenerateError(err);
    } finally {
      if (this.current === job) this.current = null;
    }
    stream.flush();
    const last = stream.ids.at(-1);
    let stopReason: StopReason;
    if (job.criteria.interrupted) stopReason = 'interrupted';
    else if (stream.stopSequenceHit) stopReason = 'stop-sequence';
    else if (last !== undefined && stopIds.includes(last)) stopReason = 'eos';
    else stopReason = 'max-tokens';
    const end = this.now();
    return {
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

/** Top-p as a processor (transformers.js 4.3.1 applies none), and the seed. */
function samplingProcessors(request: GenerateRequest): LogitsProcessorList {
  const list = new LogitsProcessorList();
  if (request.topP !== undefined && request.topP > 0 && request.topP < 1) list.push(new NucleusLogitsProcessor(request.topP));
  // The sampler draws from transformers.js's global Mersenne Twister: seeding it makes a shared
  // prompt reproduce the same text (one generation runs at a time).
  if (request.seed !== undefined) random.seed(request.seed);
  return list;
}

/** The prompt text and stops for a request: as given, or built for FIM with the real tokenizer. */
function resolvePrompt(
  request: GenerateRequest,
  countTokens: CountTokens,
): { prompt: string; addSpecialTokens: boolean; stopTokenIds: number[]; stop: string[] } {
  if (request.fim) {
    const fim = buildFimPrompt(request.fim, countTokens);
    return {
      prompt: fim.prompt,
      addSpecialTokens: false,
      stopTokenIds: [...fim.stopTokenIds, ...(request.stopTokenIds ?? [])],
      stop: [...fim.stop, ...(request.stop ?? [])],
    };
  }
  return {
    prompt: request.prompt,
    addSpecialTokens: request.addSpecialTokens ?? true,
    stopTokenIds: request.stopTokenIds ?? [],
    stop: request.stop ?? [],
  };
}

function abortError(): Error {
  const e = new Error('aborted');
  e.name = 'AbortError';
  return e;
}

function emptyStats(promptTokens: number, start: number, end: number): GenerateResult['stats'] {
  return { promptTokens, generatedTokens: 0, ttftMs: 0, totalMs: end - start, tokensPerSecond: 0, tokensAfterInterrupt: null, reusedTokens: 0 };
}

function eosIds(model: PreTrainedModel): number[] {
  const raw = (model.generation_config as { eos_token_id?: number | number[] } | null)?.eos_token_id ??
    (model.config as { eos_token_id?: number | number[] }).eos_token_id;
  if (raw === undefined || raw === null) return [];
  return Array.isArray(raw) ? raw : [raw];
}
