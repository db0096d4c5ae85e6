// Types shared by the bench driver (Node) and the harness page (bench/index.html), whose two
// workers answer the same calls: bare transformers.js, and the app's Engine without the UI.
import type { DraftFigures } from '../../src/contract/engine-api.ts';
import type { Summary } from './stats.ts';

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
  /** What n-gram drafts did (the Engine harness, drafts on). */
  drafts?: DraftFigures;
}

/** Forward passes of 1 + k tokens after a cached context of `contextTokens` (issue 19's bound). */
export interface PassCostRequest {
  contextTokens: number;
  ks: number[];
  reps: number;
}

export interface PassCostResult {
  contextTokens: number;
  /** k = 0 is the one-token pass every k is compared with. */
  passes: { k: number; ms: Summary }[];
  /** Cutting the cache back by 8 positions after a rejected draft (CPU block copy). */
  cropMs: Summary;
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
  /** `drafts`: the Engine harness decodes with n-gram drafts (default off, as before issue 19). */
  generate(prompt: string, maxNewTokens: number, drafts?: boolean): Promise<RunTiming>;
  fim(run: FimRun): Promise<RunTiming>;
  /** The bare harness only. */
  passCost(request: PassCostRequest): Promise<PassCostResult>;
}

export type BareRequest =
  | { id: number; op: 'load'; request: BareLoadRequest }
  | { id: number; op: 'generate'; prompt: string; maxNewTokens: number; drafts?: boolean }
  | { id: number; op: 'fim'; run: FimRun }
  | { id: number; op: 'passCost'; request: PassCostRequest };

export type BareReply =
  | { id: number; ok: true; value: BareLoadResult | RunTiming | PassCostResult }
  | { id: number; ok: false; error: string };

declare global {
  interface Window {
    /** Set by bench/index.html once its workers are started. */
    seekpadBench?: Record<HarnessName, HarnessApi>;
  }
}
