// What the engine tells the user that is not an error (why this runtime and dtype, the speed to
// expect, why there is no WebGPU, a cache warning, a FIM budget's reason), as codes like
// error-text.ts: the worker writes the English (Node, the logs and the tests read it) and sends
// the codes with their values beside it; the page shows the messages `status_<code>` in the
// user's language. A unit test (src/lib/i18n/status-text.test.ts) holds each English message to
// these templates.
import { ERROR_CODES, ERROR_TEXTS, fill, placeholders, validParams, type EngineErrorCode, type ErrorParams, type Placeholders } from './error-text.ts';

const KEPT_Q8 = 'so the 8-bit weights run as they are (their matmuls on the CPU).';

export const STATUS_TEXTS = {
  // Sentences of a runtime choice's reason (workers/engine/select.ts and the load).
  node_cpu: 'Node runs on the CPU through onnxruntime-node.',
  wasm_chosen: 'WASM was chosen.',
  webgpu_chosen: 'WebGPU was chosen ({kind}).',
  webgpu_available: 'WebGPU is available ({kind}).',
  webgpu_unavailable_asked: 'WebGPU was asked for but is unavailable ({why}), so WASM runs it.',
  webgpu_none: 'No WebGPU ({why}), so WASM runs it.',
  f16_no_shader_gpu: '{dtype} was asked for, but this GPU lacks shader-f16, so {twin} (fp32 activations) is used.',
  f16_on_wasm: '{dtype} was asked for, but f16 kernels need WebGPU with shader-f16, so {twin} is used on WASM.',
  dtype_chosen: 'dtype {dtype} was chosen.',
  f16_skipped: '{dtype}: the GPU lacks shader-f16, so {skipped} cannot run here.',
  f16_supported: '{dtype}: the GPU supports shader-f16, the smallest and fastest choice.',
  q8_wasm: 'q8: on WASM 8-bit kernels are far faster than 4-bit ones.',
  dtype_best: '{dtype}: the best dtype this model offers for {device}.',
  files_cached: '(Chosen from the files in the browser cache: {dtypes}.)',
  files_listed: "(The model's files: {dtypes}.)",
  q8_converted: '8-bit weights run on the CPU under WebGPU, so they are converted to 4-bit for the GPU.',
  q8_on_gpu: 'q8: its 8-bit matmuls run on the CPU under WebGPU (conversion is off).',
  q8_kept_folder: `A picked folder is read as it is, ${KEPT_Q8}`,
  q8_kept_no_cache: `There is no Cache Storage here (an insecure page) to keep a 4-bit copy, ${KEPT_Q8}`,
  q8_kept_failed: `Converting failed ({detail}), ${KEPT_Q8}`,
  converted_reused: '({sizes}, made on an earlier visit.)',
  converted_now: '({sizes}, {seconds} s, once.)',
  webgpu_failed_load: 'WebGPU failed ({error}), so WASM took over.',
  gpu_failed_generation: 'The GPU failed during generation ({detail}), so WASM took over: the model was reloaded on WASM and generation went on.',
  // The GPU in a reason.
  gpu_software: 'a software (fallback) adapter',
  gpu_vendor: '{vendor} GPU',
  gpu_unknown_vendor: 'a GPU',
  // Why WebGPU is not usable (workers/engine/capabilities.ts).
  gpu_no_api: 'this browser has no WebGPU (navigator.gpu is missing)',
  gpu_request_failed: 'requestAdapter failed: {detail}',
  gpu_no_adapter_offered: 'no WebGPU adapter was offered (blocklisted or disabled GPU)',
  gpu_no_adapter: 'no WebGPU adapter',
  gpu_node: 'Node uses onnxruntime-node on the CPU',
  // A load plan's speed (workers/engine/load-plan.ts): English counts threads, Chinese does not.
  speed_gpu: 'Speed depends on the GPU; the runtime panel measures it once loaded.',
  speed_unmeasured: 'WASM on {threads} threads; measured once loaded.',
  speed_unmeasured_one: 'WASM on {threads} thread; measured once loaded.',
  speed_expect: 'Expect about {tps} tokens/s on {threads} WASM threads (a rough figure from a 2-core machine).',
  speed_expect_one: 'Expect about {tps} tokens/s on {threads} WASM thread (a rough figure from a 2-core machine).',
  // A model that loaded but could not be kept (workers/engine/local-files.ts).
  cache_refused:
    'The model loaded, but the browser refused to store {files} (storage quota exceeded), so it is not kept for offline use and will download ' +
    'again next time. Open "Model cache" to delete models you no longer need, or press "Keep models" to ask for persistent storage, then load again.',
  // A FIM context budget's reason (src/contract/prompts/fim-budget.ts).
  budget_unmeasured: 'not measured on this device yet, so {tokens} tokens',
  budget_ahead: '{reused} of {tokens} tokens computed ahead; {speed}',
  budget_most: 'the most useful context; {speed}',
  budget_floor: "the cursor's line and a little around it; {speed}",
  budget_fits: 'fits {seconds} s to the first ghost text; {speed}',
  budget_speed: 'this device prefills ~{prefill} tokens/s and decodes ~{decode}',
  budget_warm: 'computed ahead',
} as const satisfies Record<string, string>;

export type StatusCode = keyof typeof STATUS_TEXTS;
export const STATUS_CODES = Object.keys(STATUS_TEXTS) as StatusCode[];

/** Names (dtypes, files) in a status, joined by ", " or, with `and`, by " and ". */
export interface StatusList {
  list: string[];
  and?: boolean;
}
/** An engine error's message (its code and values) inside a status. */
export interface StatusError {
  error: EngineErrorCode;
  params: ErrorParams;
}
export type StatusValue = string | number | StatusText | StatusList | StatusError;
export interface StatusText {
  code: StatusCode;
  params: Record<string, StatusValue>;
}

/** A status in its code's words; the table's type asks for exactly the code's values. */
export function status<C extends StatusCode>(code: C, params: Record<Placeholders<(typeof STATUS_TEXTS)[C]>, StatusValue>): StatusText {
  return { code, params };
}

function valueEnglish(v: StatusValue): string {
  if (typeof v !== 'object') return String(v);
  if ('list' in v) return v.list.join(v.and ? ' and ' : ', ');
  if ('error' in v) return fill(ERROR_TEXTS[v.error].message, v.params);
  return statusEnglish(v);
}

/** The status in English, as the worker writes it. */
export function statusEnglish(text: StatusText): string {
  return STATUS_TEXTS[text.code].replace(/\{(\w+)\}/g, (_, k: string) => valueEnglish(text.params[k]));
}

/** Sentences (a runtime choice's reason) in English: one space between. */
export function sentencesEnglish(parts: readonly StatusText[]): string {
  return parts.map(statusEnglish).join(' ');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// Nesting goes a few levels deep (a reason's GPU, a budget's speed); data deeper is not the worker's.
const MAX_DEPTH = 4;

function validValue(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (!isRecord(v)) return false;
  if ('list' in v) return Array.isArray(v.list) && v.list.every((s) => typeof s === 'string');
  if ('error' in v) return typeof v.error === 'string' && (ERROR_CODES as readonly string[]).includes(v.error) && validParams(v.error as EngineErrorCode, v.params);
  return validStatus(v, depth);
}

function validStatus(value: unknown, depth: number): value is StatusText {
  if (depth > MAX_DEPTH || !isRecord(value) || typeof value.code !== 'string' || !Object.hasOwn(STATUS_TEXTS, value.code)) return false;
  const params = value.params;
  if (!isRecord(params)) return false;
  return placeholders(STATUS_TEXTS[value.code as StatusCode]).every((k) => Object.hasOwn(params, k) && validValue(params[k], depth + 1));
}

/** A status as it crossed the worker boundary: a known code with every value it needs, of a known kind. */
export function isStatusText(value: unknown): value is StatusText {
  return validStatus(value, 0);
}
