// Types shared by the bench driver (Node) and the harness page (bench/index.html), whose two
// workers answer the same calls: bare transformers.js, and the app's Engine without the UI.

export type BenchDevice = 'wasm' | 'webgpu';
export type BenchDtype = 'fp32' | 'q8' | 'q4';

/** One generate() timed from its call: first token and the decode rate after it. */
export interface RunTiming {
  ttftMs: number;
  /** (tokens - 1) / (last token - first token), as the app's TokenStream defines it. */
  tokensPerSecond: number;
  generatedTokens: number;
  promptTokens: number;
  totalMs: number;
  text: string;
  /** Prompt tokens served from the Engine's KV cache (the Engine harness only). */
  reusedTokens?: number;
}

export type HarnessName = 'bare' | 'engine';

export interface BareLoadRequest {
  modelId: string;
  /** Base URL of the model host (Hub layout). */
  host: string;
  device: BenchDevice;
  dtype: BenchDtype;
  /** WASM threads for bare; the driver passes what the app page reported. The Engine picks its own. */
  threads: number;
}

export interface BareLoadResult {
  loadMs: number;
  /** The part of loadMs spent on the tokenizer; the rest is the model (fetch, ORT init, session). */
  tokenizerMs: number;
  warmupMs: number;
  threads: number;
  crossOriginIsolated: boolean;
}

/** A FIM completion request to the Engine harness (the bare side has no FIM builder). */
export interface FimRun {
  prefix: string;
  suffix: string;
  maxNewTokens: number;
  reuseCache: boolean;
}

export interface HarnessApi {
  load(request: BareLoadRequest): Promise<BareLoadResult>;
  generate(prompt: string, maxNewTokens: number): Promise<RunTiming>;
  fim(run: FimRun): Promise<RunTiming>;
}

export type BareRequest =
  | { id: number; op: 'load'; request: BareLoadRequest }
  | { id: number; op: 'generate'; prompt: string; maxNewTokens: number }
  | { id: number; op: 'fim'; run: FimRun };

export type BareReply =
  | { id: number; ok: true; value: BareLoadResult | RunTiming }
  | { id: number; ok: false; error: string };

declare global {
  interface Window {
    /** Set by bench/index.html once its workers are started. */
    seekpadBench?: Record<HarnessName, HarnessApi>;
  }
}
