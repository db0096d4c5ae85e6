// The engine's API, as the page calls it through the worker proxy and Node tests call it in-process.

import type { ConversionInfo, DraftFigures, EngineDiagnostics, FimBudgetInfo, LatencyTargets, LoadPlan, PlacementInfo, Rates, RepoFiles } from './engine-reports.ts';
export type { ConversionInfo, DraftFigures, EngineDiagnostics, FimBudgetInfo, LatencyTargets, LoadPlan, PlacementInfo, Rates, RepoFiles } from './engine-reports.ts';
import type { StatusText } from './status-text.ts';

import type { BrowserDevice, Channel, DType, Device, Family, FimShape } from './sets.ts';
export type { DType, Device } from './sets.ts';

export interface GpuInfo {
  vendor: string;
  architecture: string;
  description: string;
  isFallbackAdapter: boolean;
  shaderF16: boolean;
  limits: {
    maxBufferSize: number;
    maxStorageBufferBindingSize: number;
    maxComputeWorkgroupStorageSize: number;
    maxComputeInvocationsPerWorkgroup: number;
  };
}

export interface Capabilities {
  runtime: 'worker' | 'window' | 'node';
  /** null when there is no usable adapter; `gpuUnavailableReason` then says why. */
  gpu: GpuInfo | null;
  gpuUnavailableReason: string | null;
  /** The same, as a code the page shows in the user's language (status-text.ts). */
  gpuUnavailableText?: StatusText;
  crossOriginIsolated: boolean;
  /** SharedArrayBuffer exists: WebKitGTK leaves it out even on an isolated page. */
  sharedMemory: boolean;
  /** Threads ONNX Runtime's WASM backend will use (1 without isolation or shared memory). */
  wasmThreads: number;
  hardwareConcurrency: number;
}

/** dtype preference per device, best first; the catalog supplies it. */
export type DTypePreferences = Record<BrowserDevice, DType[]>;

export interface ModelSpec {
  /** Hub id, e.g. `onnx-community/deepseek-coder-1.3b-instruct-ONNX`. */
  id: string;
  /** Base URL of a host that mirrors the Hub layout; defaults to the Hub. */
  host?: string;
  /** Path under `host`; defaults to the Hub's `{model}/resolve/{revision}/`. */
  pathTemplate?: string;
  revision?: string;
  device?: Device | 'auto';
  dtype?: DType | 'auto';
  dtypes?: DTypePreferences;
  /** Base ONNX file name, e.g. `decoder_model_merged` for the Xenova exports. */
  modelFileName?: string;
  /** A download that sends no bytes for this long fails, naming the file (default 30 s). */
  stallTimeoutMs?: number;
  /** Files of a folder the user picked (Hub layout); the load then makes no request at all. */
  localFiles?: LocalModelFile[];
  /** Convert 8-bit weights to 4-bit for WebGPU when those are all it has (default true). */
  convert?: boolean;
  /** Load even when the files will not fit the site's storage (they are then not kept). */
  ignoreStorageQuota?: boolean;
  /** Run `id` on this model server instead of in the browser; the key, if any, is never in a spec. */
  server?: ServerTarget;
}

/** A model on an OpenAI-compatible server: `id` is its name there. */
export interface ServerTarget {
  /** The API's base URL, e.g. http://127.0.0.1:8000/v1. */
  endpoint: string;
  fimShape: FimShape;
}

/** One file of a picked folder: its path inside the model repository, e.g. `onnx/model.onnx`. */
export interface LocalModelFile {
  path: string;
  file: Blob;
}

export type LoadPhase = 'check' | 'download' | 'convert' | 'session' | 'warmup' | 'ready';
/** Milliseconds a load spent in each phase ('download' includes reading the browser cache). */
export type LoadStepTimes = Partial<Record<Exclude<LoadPhase, 'ready'>, number>>;

export interface FileProgress {
  file: string;
  loaded: number;
  /** 0 while unknown. */
  total: number;
  status: 'pending' | 'downloading' | 'done';
  /** True when the file came from the browser cache rather than the network. */
  cached: boolean;
}

export interface LoadProgress {
  phase: LoadPhase;
  files: FileProgress[];
  loaded: number;
  total: number;
}

export interface RuntimeChoice {
  device: Device;
  dtype: DType;
  /** Plain-language reason for the device and dtype, shown to the user. */
  reason: string;
  /** Its sentences as codes (status-text.ts), for the page to show in the user's language. */
  reasonText?: StatusText[];
  /** True when the request asked for something else and we fell back. */
  fellBack: boolean;
  /** Set when `dtype` is made in the browser from this dtype's file (8-bit to 4-bit for WebGPU). */
  convertFrom?: DType;
}

export interface LoadResult extends Omit<RuntimeChoice, 'device' | 'dtype'> {
  /** `server`: a model server runs it, in a format that is the server's business. */
  device: Device | 'server';
  dtype: DType | 'server';
  modelId: string;
  /** Set when the model runs on a server. */
  server?: ServerTarget;
  loadMs: number;
  warmupMs: number;
  capabilities: Capabilities;
  eosTokenIds: number[];
  /** Set when the model loaded but the browser would not store it (quota exceeded). */
  cacheWarning?: string;
  cacheWarningText?: StatusText;
  conversion?: ConversionInfo;
  /** WebGPU loads only. */
  placement?: PlacementInfo;
  /** What the model's repository holds, when it could be listed. */
  files?: RepoFiles;
  /** Measured at the warm-up. */
  rates?: Rates;
  /** Where the load's time went. */
  steps?: LoadStepTimes;
  /** Whether every model file came from the browser cache. */
  fromCache?: boolean;
}

/** A fill-in-the-middle request; the engine builds the prompt with the model's own tokenizer. */
export interface FimRequest {
  family: Family;
  path: string;
  language: string;
  prefix: string;
  suffix: string;
  /** The project's other files, for repository-level context. */
  files: { path: string; text: string }[];
  /** Most tokens of prompt; with `latency`, the engine chooses the budget instead. */
  budgetTokens: number;
  /** Size the prompt to arrive in time on this device (from its measured rates and KV cache). */
  latency?: LatencyTargets;
  /** Stop generating once the suggestion is complete by the post-processor's rules. */
  stopWhenComplete?: boolean;
  /**
   * Generate nothing: compute the KV cache of the prompt's part that typing on the cursor's line
   * leaves alone, in the background. Any other request cancels it within a short chunk.
   */
  prefillOnly?: boolean;
}

export interface GenerateRequest {
  /** The prompt text; ignored when `fim` is given. */
  prompt: string;
  /**
   * The same conversation as turns, for a server's chat endpoint (it applies the model's own
   * template); the in-browser engine tokenizes `prompt`.
   */
  messages?: { role: 'system' | 'user' | 'assistant'; content: string }[];
  fim?: FimRequest;
  /** Add the tokenizer's BOS; off when the prompt already spells it out. */
  addSpecialTokens?: boolean;
  maxNewTokens?: number;
  /** 0 (the default) is greedy. */
  temperature?: number;
  topK?: number;
  /** Nucleus sampling; 1 (or unset) keeps every token. */
  topP?: number;
  /** Makes sampling reproducible: the same seed and prompt give the same text. */
  seed?: number;
  repetitionPenalty?: number;
  /** Generation ends when the text contains one of these; it is cut before the match. */
  stop?: string[];
  /** Extra token ids that end generation, besides the model's EOS. */
  stopTokenIds?: number[];
  /** `queue` waits for a running generation; `supersede` interrupts it first. */
  mode?: 'queue' | 'supersede';
  /** Supersede and interrupt() act within one channel, so typing never stops a chat answer. */
  channel?: Channel;
  /** Continue from the previous request's KV cache where the prompt tokens match (default on). */
  reuseCache?: boolean;
  /** Deltas closer together than this reach onChunk as one chunk (default 50 ms). */
  chunkIntervalMs?: number;
  /** Speculative decoding from n-gram drafts when greedy (default on): the same text, sooner. */
  drafts?: boolean;
}

/** `complete`: a FIM request with stopWhenComplete, once the completion rules said so; `prefilled`: a prefillOnly request done. */
export type StopReason = 'eos' | 'stop-sequence' | 'max-tokens' | 'interrupted' | 'complete' | 'prefilled';

export interface GenerateStats {
  promptTokens: number;
  generatedTokens: number;
  /** From the call to the first generated token. */
  ttftMs: number;
  totalMs: number;
  /** Decode rate after the first token. */
  tokensPerSecond: number;
  /** Tokens produced after interrupt() was called; at most one when stopping works. */
  tokensAfterInterrupt: number | null;
  /** Prompt tokens taken from the KV cache of the previous request, not recomputed. */
  reusedTokens: number;
}

export interface GenerateChunk {
  /** New text since the last chunk. */
  delta: string;
  generatedTokens: number;
  ttftMs: number;
  tokensPerSecond: number;
}

export interface GenerateResult {
  /** This device's rates, including this generation's passes. */
  rates?: Rates;
  /** The context budget the engine chose for a FIM request with latency targets, and why. */
  fimBudget?: FimBudgetInfo;
  text: string;
  /** The exact prompt text that was tokenized, for the prompt inspector. */
  prompt: string;
  stopReason: StopReason;
  stats: GenerateStats;
  /** Set when the answer was decoded with drafts. */
  drafts?: DraftFigures;
}

/** Something the engine did on its own that the user should hear about. */
export interface EngineNotice {
  kind: 'runtime-changed';
  message: string;
  info: LoadResult;
}

export type ProgressListener = (progress: LoadProgress) => void;
export type NoticeListener = (notice: EngineNotice) => void;
export type ChunkListener = (chunk: GenerateChunk) => void;

/** Implemented in-process (Node, tests) and behind the worker proxy (the page). */
export interface EngineApi {
  capabilities(): Promise<Capabilities>;
  /** Probe the device and compile the runtime ahead of the first load; load() awaits it too. */
  prepare(): Promise<Capabilities>;
  load(spec: ModelSpec, onProgress?: ProgressListener): Promise<LoadResult>;
  cancelLoad(): Promise<void>;
  generate(request: GenerateRequest, onChunk?: ChunkListener): Promise<GenerateResult>;
  /** Stops the running generation (of this channel only, when given). */
  interrupt(channel?: Channel): Promise<void>;
  dispose(): Promise<void>;
  diagnostics(): Promise<EngineDiagnostics>;
  /** Each text's length in the loaded model's tokens (no special tokens); null before a load. */
  countTokens(texts: string[]): Promise<number[] | null>;
  /**
   * What load(spec) would choose and download here. With `network`, the host is asked for its
   * file list (HEAD requests or the Hub's API); without, only the cache and the catalog answer.
   */
  plan(spec: ModelSpec, network?: boolean): Promise<LoadPlan>;
  /** Registers a listener for notices (one at a time; a new one replaces the old). */
  onNotice(listener: NoticeListener): Promise<void>;
  /**
   * Holds the Web Lock `name` for the engine's lifetime, so the page learns that the worker died
   * when the lock is released. Resolves true once held, false where there are no Web Locks.
   */
  holdLifeline(name: string): Promise<boolean>;
}

/**
 * The engine worker's name. With `?diagnostics` in the address the page starts it under the
 * second name, and the worker then sets `seekpadEngine` on its global scope: the Engine itself,
 * for the devtools console (`seekpadEngine.diagnostics()`) and the e2e tests that read its counters.
 */
export const ENGINE_WORKER_NAME = 'seekpad-engine';
export const ENGINE_WORKER_NAME_DIAGNOSTICS = 'seekpad-engine diagnostics';

/** transformers.js's browser cache (env.cacheKey): the engine writes it, the page's cache manager reads it. */
export const MODEL_CACHE_NAME = 'transformers-cache';
