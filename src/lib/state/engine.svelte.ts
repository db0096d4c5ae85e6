// Runes state for the model: loading, the chosen runtime, generation and its live stats.
import type { EngineClient } from '../engine/client.ts';
import { EngineError } from '../../contract/errors.ts';
import { DEFAULT_CHANNEL, type Channel } from '../../contract/sets.ts';
import type {
  Capabilities,
  GenerateChunk,
  GenerateRequest,
  GenerateResult,
  FimBudgetInfo,
  LoadProgress,
  LoadPlan,
  LoadResult,
  ModelSpec,
  Rates,
} from '../../contract/engine-api.ts';
import { chunkIntervalMs } from './stream-rate.ts';
import type { DraftsPref } from './drafts.svelte.ts';
import { statusText } from '../i18n/status-text.ts';
import type { Text } from '../i18n/text.ts';

export type Phase = 'idle' | 'loading' | 'ready' | 'error';

export interface LiveStats {
  generatedTokens: number;
  ttftMs: number;
  tokensPerSecond: number;
}

function asEngineError(err: unknown): EngineError {
  if (err instanceof EngineError) return err;
  return EngineError.of('unexpected', { detail: err instanceof Error ? err.message : String(err) });
}

export class EngineState {
  phase = $state<Phase>('idle');
  progress = $state.raw<LoadProgress | null>(null);
  info = $state.raw<LoadResult | null>(null);
  capabilities = $state.raw<Capabilities | null>(null);
  error = $state.raw<EngineError | null>(null);
  generating = $state(false);
  output = $state('');
  live = $state.raw<LiveStats | null>(null);
  result = $state.raw<GenerateResult | null>(null);
  /** Prefill and decode rates measured for the loaded model on this device. */
  rates = $state.raw<Rates | null>(null);
  /** What the last request sent, for the prompt inspector. */
  lastPrompt = $state.raw<{ source: string; text: string; tokens: number; reused: number; budget?: FimBudgetInfo } | null>(null);
  /** Successful loads so far; lets tests and the UI tell one load from the next. */
  loads = $state(0);
  /** The spec of the last load, so Retry repeats it. */
  lastSpec = $state.raw<ModelSpec | null>(null);
  /** Why the loaded model will download again next time (the browser refused to store it). */
  get cacheWarning(): Text | null {
    const info = this.info;
    return info?.cacheWarning ? statusText(info.cacheWarningText, info.cacheWarning) : null;
  }
  /** What the engine did on its own (WASM took over from a lost GPU); also in info.reason. */
  notice = $state<string | null>(null);
  /** Worker crashes since the last successful load: only the first restarts the worker at once. */
  private crashesSinceLoad = 0;

  private client: EngineClient | null = null;
  /** The server the client talks to; null for the in-browser worker. */
  private clientServer: string | null = null;
  /** Monotonic: chunks and results of an older request are dropped. */
  private requestId = 0;

  constructor(
    /** The in-browser worker, or a model server's client when the spec names one. */
    private readonly makeClient: (spec: ModelSpec | null) => EngineClient,
    /** The user's drafts switch, and where the last answer's figures go. */
    private readonly drafts: DraftsPref | null = null,
  ) {}

  private engine(spec: ModelSpec | null = null): EngineClient {
    const server = spec?.server?.endpoint ?? (spec ? null : this.clientServer);
    if (this.client && server !== this.clientServer) {
      // From the browser to a server or back: what the old one holds is no longer needed.
      const old = this.client;
      this.client = null;
      old.terminate();
    }
    if (!this.client) {
      this.clientServer = server;
      const client = this.makeClient(spec);
      client.onCrash((err) => {
        if (this.client !== client) return;
        this.client = null;
        this.error = err;
        this.generating = false;
        this.info = null;
        this.phase = 'error';
        // A fresh worker at once, so Retry (which reloads the model) starts without delay. The
        // model is not reloaded unasked: the crash may have come from it (memory).
        if (++this.crashesSinceLoad === 1) void this.probe();
      });
      void client
        .onNotice((n) => {
          if (this.client !== client) return;
          this.info = n.info;
          this.notice = n.message;
        })
        .catch(() => undefined);
      this.client = client;
    }
    return this.client;
  }

  async probe(): Promise<void> {
    try {
      const engine = this.engine();
      this.capabilities = await engine.capabilities();
      // Compile the runtime while the user picks a model.
      await engine.prepare();
    } catch (err) {
      this.error = asEngineError(err);
    }
  }

  async load(spec: ModelSpec): Promise<void> {
    this.lastSpec = spec;
    this.phase = 'loading';
    this.error = null;
    this.info = null;
    this.progress = null;
    this.requestId++;
    try {
      const info = await this.engine(spec).load(spec, (p) => {
        this.progress = p;
      });
      this.info = info;
      this.rates = info.rates ?? null;
      // A server says nothing of this browser: the probe's answer stands.
      if (!info.server) this.capabilities = info.capabilities;
      this.phase = 'ready';
      this.notice = null;
      this.crashesSinceLoad = 0;
      this.loads++;
    } catch (err) {
      this.error = asEngineError(err);
      this.phase = 'error';
    }
  }

  /** Ends the worker and what it holds (a model no longer needed). */
  async dispose(): Promise<void> {
    const client = this.client;
    // Cleared first: the crash its termination reports is then not this state's error.
    this.client = null;
    this.phase = 'idle';
    this.info = null;
    this.progress = null;
    client?.terminate();
  }

  async cancelLoad(): Promise<void> {
    await this.client?.cancelLoad();
  }

  async generate(request: GenerateRequest): Promise<GenerateResult | null> {
    const id = ++this.requestId;
    this.generating = true;
    this.error = null;
    this.output = '';
    this.live = null;
    this.result = null;
    try {
      const result = await this.engine().generate(this.paced(this.withDrafts({ ...request, channel: 'generate' })), (chunk) => {
        if (id !== this.requestId) return;
        this.output += chunk.delta;
        this.live = { generatedTokens: chunk.generatedTokens, ttftMs: chunk.ttftMs, tokensPerSecond: chunk.tokensPerSecond };
      });
      if (id !== this.requestId) return null;
      this.recordPrompt('generate', result);
      this.result = result;
      this.live = {
        generatedTokens: result.stats.generatedTokens,
        ttftMs: result.stats.ttftMs,
        tokensPerSecond: result.stats.tokensPerSecond,
      };
      return result;
    } catch (err) {
      if (id === this.requestId) this.error = asEngineError(err);
      return null;
    } finally {
      if (id === this.requestId) this.generating = false;
    }
  }

  /** Stops the user's generation (the `generate` channel), never a completion's. */
  async stop(): Promise<void> {
    await this.client?.interrupt('generate');
  }

  /**
   * A request that leaves the output panel alone (completions). Resolves null when the engine
   * is not ready; throws typed engine errors.
   */
  async request(request: GenerateRequest, onChunk?: (chunk: GenerateChunk) => void): Promise<GenerateResult | null> {
    if (this.phase !== 'ready' || !this.client) return null;
    const withDrafts = this.withDrafts(request);
    const result = await this.client.generate(onChunk ? this.paced(withDrafts) : withDrafts, onChunk);
    this.recordPrompt(request.channel ?? DEFAULT_CHANNEL, result);
    return result;
  }

  /** Each text's length in the loaded model's tokens; null when no model is ready. */
  async countTokens(texts: string[]): Promise<number[] | null> {
    if (this.phase !== 'ready') return null;
    try {
      return await this.engine().countTokens(texts);
    } catch {
      return null;
    }
  }

  /** What a load of `spec` would do here (dtype, download, room, speed); null if unknown. */
  plan = $state.raw<LoadPlan | null>(null);
  private planId = 0;

  /** Asks the engine for a load's plan; a newer request's answer wins, an older one is dropped. */
  async planFor(spec: ModelSpec | null, network = false): Promise<void> {
    const id = ++this.planId;
    // A server's model downloads nothing here; a browser model's plan waits for its worker.
    if (!spec || spec.server || this.clientServer) {
      this.plan = null;
      return;
    }
    try {
      const plan = await this.engine().plan(spec, network);
      if (id === this.planId) this.plan = plan;
    } catch {
      if (id === this.planId) this.plan = null;
    }
  }

  async interrupt(channel: Channel): Promise<void> {
    await this.client?.interrupt(channel);
  }

  /** A streamed request, at the rate this runtime can afford (unless the request names one). */
  private paced(request: GenerateRequest): GenerateRequest {
    return { chunkIntervalMs: chunkIntervalMs(this.info), ...request };
  }

  private withDrafts(request: GenerateRequest): GenerateRequest {
    return this.drafts && request.drafts === undefined ? { ...request, drafts: this.drafts.on } : request;
  }

  private recordPrompt(source: string, result: GenerateResult): void {
    if (result.rates) this.rates = result.rates;
    // Answers, not ghost text: a completion every keystroke would hide them.
    if (this.drafts && (source === 'generate' || source === 'chat')) this.drafts.last = result.drafts ?? null;
    if (!result.prompt) return;
    this.lastPrompt = {
      source,
      text: result.prompt,
      tokens: result.stats.promptTokens,
      reused: result.stats.reusedTokens,
      ...(result.fimBudget ? { budget: result.fimBudget } : {}),
    };
  }
}
