// The engine's API on a model server: the page's EngineState drives it exactly as it drives the
// worker, so chat, actions, maths, ghost text and evaluation work unchanged. One AbortController
// per channel: Stop, and every keystroke superseding a completion, abort the request itself.
import { EngineError } from '../../contract/errors.ts';
import { BOS_TEXT } from '../../contract/prompts/families.ts';
import { DEFAULT_CHANNEL, DEFAULT_CHUNK_INTERVAL_MS, DEFAULT_MAX_NEW_TOKENS, type Channel } from '../../contract/sets.ts';
import type { Capabilities, ChunkListener, EngineDiagnostics, GenerateRequest, GenerateResult, LoadPlan, LoadResult, ModelSpec, StopReason } from '../../contract/engine-api.ts';
import type { EngineClient } from '../engine/client.ts';
import { RemoteError, streamRequest } from './client.ts';
import { serverError, shownEndpoint } from './errors.ts';
import { chatRequest, completionRequest, estimateTokens, fimRequest, modelsRequest, type Endpoint, type HttpRequest, type Sampling } from './requests.ts';
import { listModels } from './models.ts';

interface Run {
  controller: AbortController;
  done: Promise<unknown>;
}

/** What the page knows of itself; a server has no GPU of the browser's to probe. */
function browserFacts(): Capabilities {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return {
    runtime: 'window',
    gpu: null,
    gpuUnavailableReason: 'the model runs on a server',
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
    sharedMemory: typeof SharedArrayBuffer !== 'undefined',
    wasmThreads: 1,
    hardwareConcurrency: nav?.hardwareConcurrency ?? 1,
  };
}

function stopReason(finish: string | null): StopReason {
  return finish === 'length' ? 'max-tokens' : 'eos';
}

/** The text a request sent, for the prompt inspector: the prompt, or the turns. */
function sentText(req: HttpRequest): string {
  const body = JSON.parse(req.body ?? '{}') as { prompt?: string; suffix?: string; input_prefix?: string; input_suffix?: string; messages?: { role: string; content: string }[] };
  if (body.messages) return body.messages.map((m) => `[${m.role}]\n${m.content}`).join('\n\n');
  if (body.input_prefix !== undefined) return `[input_prefix]\n${body.input_prefix}\n\n[input_suffix]\n${body.input_suffix ?? ''}`;
  if (body.suffix !== undefined) return `[prompt]\n${body.prompt ?? ''}\n\n[suffix]\n${body.suffix}`;
  return body.prompt ?? '';
}

export class RemoteEngine implements EngineClient {
  private spec: (ModelSpec & { server: NonNullable<ModelSpec['server']> }) | null = null;
  private readonly runs = new Map<Channel, Run>();
  private loading: AbortController | null = null;
  private generations = 0;

  constructor(
    /** The API key as the user typed it, read at each request (never stored here). */
    private readonly key: () => string | null,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly now: () => number = () => performance.now(),
  ) {}

  capabilities(): Promise<Capabilities> {
    return Promise.resolve(browserFacts());
  }

  prepare(): Promise<Capabilities> {
    return this.capabilities();
  }

  private endpoint(): Endpoint {
    if (!this.spec) throw EngineError.of('no_model', {});
    const key = this.key();
    return { base: this.spec.server.endpoint, model: this.spec.id, ...(key ? { key } : {}) };
  }

  /** Asks the server for its models: the load succeeds when it serves this one. */
  async load(spec: ModelSpec): Promise<LoadResult> {
    if (!spec.server) throw EngineError.of('unexpected', { detail: 'a server load without an endpoint' });
    const server = spec.server;
    this.loading?.abort();
    const controller = (this.loading = new AbortController());
    const started = this.now();
    const key = this.key();
    const ctx = { endpoint: server.endpoint, model: spec.id, route: '/models', modelKnown: true };
    let models: string[];
    try {
      models = await listModels(modelsRequest({ base: server.endpoint, ...(key ? { key } : {}) }), controller.signal, this.fetcher);
    } catch (err) {
      if (controller.signal.aborted) throw EngineError.of('load_cancelled', {});
      throw err instanceof RemoteError ? serverError(err, ctx) : err;
    }
    if (!models.includes(spec.id)) {
      throw EngineError.of('server_no_model', { endpoint: shownEndpoint(server.endpoint), model: spec.id, detail: `it serves ${models.join(', ') || 'no model'}` });
    }
    this.spec = { ...spec, server };
    const caps = browserFacts();
    return {
      device: 'server',
      dtype: 'server',
      reason: `${spec.id} on ${shownEndpoint(server.endpoint)}`,
      fellBack: false,
      modelId: spec.id,
      loadMs: this.now() - started,
      warmupMs: 0,
      capabilities: caps,
      eosTokenIds: [],
      server,
    };
  }

  cancelLoad(): Promise<void> {
    this.loading?.abort();
    return Promise.resolve();
  }

  private request(r: GenerateRequest, e: Endpoint): HttpRequest {
    const s: Sampling = {
      maxTokens: r.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS,
      temperature: r.temperature ?? 0,
      ...(r.topP !== undefined ? { topP: r.topP } : {}),
      ...(r.seed !== undefined ? { seed: r.seed } : {}),
      ...(r.stop?.length ? { stop: r.stop } : {}),
    };
    if (r.fim) return fimRequest(e, this.spec!.server.fimShape, r.fim, s);
    if (r.messages?.length && r.messages.at(-1)?.role === 'user') return chatRequest(e, r.messages, s);
    // The server puts its own BOS before a prompt it tokenizes.
    return completionRequest(e, r.prompt.startsWith(BOS_TEXT) ? r.prompt.slice(BOS_TEXT.length) : r.prompt, s);
  }

  async generate(request: GenerateRequest, onChunk?: ChunkListener): Promise<GenerateResult> {
    const channel = request.channel ?? DEFAULT_CHANNEL;
    const before = this.runs.get(channel);
    if (before && request.mode === 'queue') await before.done.catch(() => undefined);
    else before?.controller.abort();
    const controller = new AbortController();
    const work = this.run(request, controller, onChunk);
    const run: Run = { controller, done: work };
    this.runs.set(channel, run);
    try {
      return await work;
    } finally {
      if (this.runs.get(channel) === run) this.runs.delete(channel);
    }
  }

  private async run(request: GenerateRequest, controller: AbortController, onChunk?: ChunkListener): Promise<GenerateResult> {
    const e = this.endpoint();
    const req = this.request(request, e);
    const prompt = sentText(req);
    const started = this.now();
    const result = (text: string, stopReason: StopReason, generated: number, promptTokens: number, ttft: number): GenerateResult => {
      const totalMs = this.now() - started;
      const decodeMs = totalMs - ttft;
      return {
        text,
        prompt,
        stopReason,
        stats: { promptTokens, generatedTokens: generated, ttftMs: ttft, totalMs, tokensPerSecond: generated > 1 && decodeMs > 0 ? ((generated - 1) * 1000) / decodeMs : 0, tokensAfterInterrupt: null, reusedTokens: 0 },
      };
    };
    // A server keeps its own prefix cache: there is nothing to warm from here.
    if (request.fim?.prefillOnly) return result('', 'prefilled', 0, 0, 0);
    this.generations++;
    const interval = request.chunkIntervalMs ?? DEFAULT_CHUNK_INTERVAL_MS;
    let pending = '';
    let pieces = 0;
    let ttft = 0;
    let lastFlush = 0;
    const flush = () => {
      if (!pending || !onChunk) return;
      // One streamed piece is about one token; the server's usage gives the exact count at the end.
      const decodeMs = this.now() - started - ttft;
      onChunk({ delta: pending, generatedTokens: pieces, ttftMs: ttft, tokensPerSecond: pieces > 1 && decodeMs > 0 ? ((pieces - 1) * 1000) / decodeMs : 0 });
      pending = '';
      lastFlush = this.now();
    };
    try {
      const out = await streamRequest(
        req,
        (delta) => {
          if (pieces++ === 0) ttft = this.now() - started;
          pending += delta;
          if (this.now() - lastFlush >= interval) flush();
        },
        controller.signal,
        this.fetcher,
      );
      flush();
      // A server that parses R1's reasoning out sends it apart: put it back where R1 writes it.
      const text = out.reasoning ? `${out.reasoning}\n</think>\n\n${out.text}` : out.text;
      return result(text, stopReason(out.finish), out.usage?.completionTokens ?? pieces, out.usage?.promptTokens ?? estimateTokens(prompt), ttft);
    } catch (err) {
      flush();
      if (err instanceof RemoteError && err.code === 'aborted') return result(err.details.partial ?? '', 'interrupted', pieces, estimateTokens(prompt), ttft);
      const route = new URL(req.url).pathname;
      throw err instanceof RemoteError ? serverError(err, { endpoint: e.base, model: e.model, route, modelKnown: true }) : err;
    }
  }

  interrupt(channel?: Channel): Promise<void> {
    for (const [c, run] of this.runs) if (channel === undefined || c === channel) run.controller.abort();
    return Promise.resolve();
  }

  async dispose(): Promise<void> {
    await this.interrupt();
    this.loading?.abort();
    this.spec = null;
  }

  diagnostics(): Promise<EngineDiagnostics> {
    return Promise.resolve({ generations: this.generations, maxConcurrentGenerations: 1, forwards: 0, maxConcurrentForwards: 0, gpuFallbacks: 0, gpuCrops: 0 });
  }

  /** The server's tokenizer is out of reach: callers fall back to their estimates. */
  countTokens(): Promise<number[] | null> {
    return Promise.resolve(null);
  }

  plan(): Promise<LoadPlan> {
    return Promise.reject(EngineError.of('unexpected', { detail: 'a server model has no download plan' }));
  }

  onNotice(): Promise<void> {
    return Promise.resolve();
  }

  holdLifeline(): Promise<boolean> {
    return Promise.resolve(false);
  }

  /** A server's failures are per request: there is no worker to crash. */
  onCrash(): void {}

  terminate(): void {
    void this.dispose();
  }
}
