// The closed sets and defaults both sides of the worker boundary use: each list is written once
// here, and its type is derived from it.

/** Prompt format families; the prompt builders key on them. */
export const FAMILIES = ['deepseek-coder', 'deepseek-math', 'r1-distill-qwen'] as const;
export type Family = (typeof FAMILIES)[number];

/** Weight formats of the ONNX exports (`model_q4f16.onnx` …), smallest first as the picker lists them. */
export const DTYPES = ['q4f16', 'q4', 'q8', 'fp16', 'fp32'] as const;
export type DType = (typeof DTYPES)[number];
/** What a user may ask for: a dtype, or the engine's choice. */
export const DTYPE_CHOICES = [...DTYPES, 'auto'] as const;
export type DTypeChoice = (typeof DTYPE_CHOICES)[number];

/** Where a browser runs a model. */
export const BROWSER_DEVICES = ['webgpu', 'wasm'] as const;
export type BrowserDevice = (typeof BROWSER_DEVICES)[number];
/** `cpu` is Node's onnxruntime-node (tests, the bench's reference). */
export const DEVICES = [...BROWSER_DEVICES, 'cpu'] as const;
export type Device = (typeof DEVICES)[number];
export const DEVICE_CHOICES = ['auto', ...BROWSER_DEVICES] as const;
export type DeviceChoice = (typeof DEVICE_CHOICES)[number];

/** transformers.js 4.3.1's ONNX file suffix per dtype: `onnx/<base><suffix>.onnx`. */
export const DTYPE_SUFFIX: Readonly<Record<DType, string>> = { fp32: '', fp16: '_fp16', q8: '_quantized', q4: '_q4', q4f16: '_q4f16' };
/** The ONNX base names the exports use (the Xenova repos: `decoder_model_merged`). */
export const ONNX_BASE_NAMES = ['model', 'decoder_model_merged'] as const;

/** dtypes whose kernels compute in f16: WebGPU with shader-f16 only. */
export const F16_DTYPES: readonly DType[] = ['fp16', 'q4f16'];

/** The same weights with f32 activations, for a device without f16 kernels. */
export function f32Twin(dtype: DType): DType {
  return dtype === 'q4f16' ? 'q4' : dtype === 'fp16' ? 'fp32' : dtype;
}

/**
 * Supersede and interrupt act within one channel, so typing (completion, warm) never stops the
 * user's generation or a chat answer.
 */
export const CHANNELS = ['default', 'generate', 'completion', 'warm', 'chat', 'eval'] as const;
export type Channel = (typeof CHANNELS)[number];
/** The channel of a request that names none. */
export const DEFAULT_CHANNEL: Channel = 'default';

export const HUB_HOST = 'https://huggingface.co/';
export const HUB_PATH_TEMPLATE = '{model}/resolve/{revision}/';

/** Tokens a request may generate when it does not say. */
export const DEFAULT_MAX_NEW_TOKENS = 256;
/** Deltas closer together than this reach the page as one chunk, unless the request says. */
export const DEFAULT_CHUNK_INTERVAL_MS = 50;

/**
 * How a model server takes a fill-in-the-middle request: DeepSeek's `/beta/completions` with
 * `suffix`, llama.cpp's `/infill`, seekpad's own PSM prompt as a plain `/completions` prompt
 * (vLLM, SGLang, any OpenAI-compatible server), or that prompt to Ollama's `/api/generate` raw.
 */
export const FIM_SHAPES = ['deepseek-beta', 'llamacpp-infill', 'raw', 'ollama-raw'] as const;
export type FimShape = (typeof FIM_SHAPES)[number];
