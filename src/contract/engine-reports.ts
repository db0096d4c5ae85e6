// What a load learns and reports beyond the runtime choice: the repository's files, the plan
// before Load, measured rates, the 4-bit conversion, WebGPU placement, FIM latency targets.
// Part of the page-engine contract; engine-api.ts re-exports it, so both sides import one place.
import type { DType, RuntimeChoice } from './engine-api.ts';
import type { StatusText } from './status-text.ts';

/** What a model repository (Hub, mirror or folder) holds for the model's ONNX file. */
export interface RepoFiles {
  /** `model` or `decoder_model_merged`. */
  baseName: string;
  dtypes: DType[];
  /** How it was learned: the Hub's model-info API, HEAD requests to a mirror, a picked folder, or the browser cache alone. */
  from: 'hub-api' | 'probe' | 'folder' | 'cache';
  /** Bytes per repository path, where the host told them. */
  sizes?: Record<string, number>;
}

/** What a load would do here, told before Load is pressed. */
export interface LoadPlan {
  choice: RuntimeChoice;
  files: RepoFiles | null;
  /** The ONNX file the load needs (for a conversion, its 8-bit source). */
  file: string | null;
  /** Its size, when the host told it. */
  bytes: number | null;
  /** Already in the browser cache (or its 4-bit copy is): nothing to download. */
  cached: boolean;
  storage: { usage: number; quota: number } | null;
  /** A rough decode speed for this runtime, or what is not known. */
  expectation: string;
  /** The same, as a code the page shows in the user's language (status-text.ts). */
  expectationText?: StatusText;
}

/** The context budget the engine chose for a FIM request with latency targets, and why. */
export interface FimBudgetInfo {
  budgetTokens: number;
  why: string;
  /** The reason as a code (status-text.ts), for the page to show in the user's language. */
  whyText?: StatusText;
}

/** Measured on this device for the loaded model (moving averages over forward passes). */
export interface Rates {
  /** One token a forward pass; null until one has run. */
  decodeTokensPerSecond: number | null;
  /** Several tokens a forward pass, by prompt length (powers of two, ascending). */
  prefill: { tokens: number; tokensPerSecond: number }[];
  /** Forward passes measured. */
  samples: number;
}

/** The 4-bit twin of an 8-bit file, made in the browser and kept in the model cache. */
export interface ConversionInfo {
  /** Repository paths, e.g. `onnx/decoder_model_merged_quantized.onnx`. */
  source: string;
  file: string;
  bytesIn: number;
  bytesOut: number;
  /** Time to convert; that of the visit that made it when `reused`. */
  ms: number;
  /** Made on an earlier visit and loaded from the cache. */
  reused: boolean;
  /** MatMulInteger nodes replaced by MatMulNBits. */
  nodes: number;
}

/** Where ONNX Runtime placed a WebGPU session's nodes, from its verbose log. */
export interface PlacementInfo {
  /** False when the log said nothing about placement (the check could not run). */
  checked: boolean;
  /** Nodes placed on another provider than WebGPU (op type and node name). */
  offGpu: { op: string; node: string }[];
}

export interface LatencyTargets {
  /** From the request to the first ghost characters. */
  firstMs: number;
  /** From the request to eight tokens. */
  eightMs: number;
  /** The most context worth sending. */
  maxContext: number;
}

/** What n-gram drafts did for one answer. */
export interface DraftFigures {
  /** Forward passes that verified a draft. */
  steps: number;
  drafted: number;
  accepted: number;
  /** Every forward pass of the answer, the prompt's included. */
  forwards: number;
  generated: number;
  /** From the first generated token to the last. */
  decodeMs: number;
  /** Decode time one token per pass would have taken at this device's measured rate, over decodeMs; null if unmeasured. */
  speedup: number | null;
}

/** Counters kept by the engine itself, for tests and diagnostics. */
export interface EngineDiagnostics {
  generations: number;
  /** The most generate() calls that were running at one time (must stay 1). */
  maxConcurrentGenerations: number;
  forwards: number;
  /** The most forward passes that were running at one time (must stay 1). */
  maxConcurrentForwards: number;
  /** Times the GPU was lost and WASM took over. */
  gpuFallbacks: number;
  /** KV caches cut back on the GPU, their tensors never leaving it (drafts, prefix reuse). */
  gpuCrops: number;
}
