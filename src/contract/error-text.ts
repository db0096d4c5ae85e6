// Every error the engine explains, as a code: its name, its English message with {values}, and
// its hint. The worker writes the English (Node and the logs read it); the page shows the
// messages `error_<code>` and `error_hint_<hint>` in the user's language. A unit test
// (src/lib/i18n/engine-error.test.ts) holds each English message to these templates.
import type { EngineErrorName } from './errors.ts';

export const ERROR_HINTS = {
  retry_nothing_kept: 'Check your connection and the model host, then press Retry. Nothing partial was kept.',
  retry: 'Check your connection and the model host, then press Retry.',
  gpu_wasm_takes_over: 'WASM takes over; reload the page to try the GPU again.',
  load_again: 'Press "Load model" to start again.',
  check_model_id: 'Check the model id, the host and the dtype: not every model has every dtype.',
  repo_incomplete: 'The model repository is incomplete: it needs tokenizer.json and tokenizer_config.json.',
  free_storage: 'Open "Model cache", delete models you no longer need (or press "Keep models" for persistent storage), then press Retry.',
  file_truncated: 'The file may be truncated on the model host. Replace it there, or choose another dtype or model.',
  same_revision: 'The config and the model file come from different exports; download both from the same repository revision.',
  choose_wasm: 'Choose the WASM device and load again.',
  not_supported: 'The model files may be incomplete or not a supported decoder; try another dtype or model.',
  reload_or_wasm: 'Load the model again, or choose the WASM device.',
  try_again: 'Try again; if it keeps failing, reload the model.',
  storage_full: 'Delete models you no longer need in "Model cache", or press "Keep models" for persistent storage; or load it without keeping it (it downloads again next time).',
  load_first: 'Press "Load model" first.',
  worker_stopped: 'Your code is safe. Load the model again to continue.',
  reload_page: 'Try again; if it keeps failing, reload the page (your code is kept).',
  server_origin: "Check that the server runs at that address. If it does, it refuses this page's origin: start vLLM with --allowed-origins, llama-server with --cors-origins, or Ollama with OLLAMA_ORIGINS set to this page's origin (SGLang allows any origin); DeepSeek's API may refuse browsers altogether.",
  server_key: "Type the API key again in the model panel (it stays in this tab), or check the key the server was started with.",
  server_model: "Pick one of the server's models in the model panel's list.",
  server_base: "Check the base URL: it is where /models and /chat/completions are, for example http://127.0.0.1:8000/v1.",
  server_format: "For ghost text, pick another FIM format in the model panel: not every server takes every one.",
} as const;
export type ErrorHint = keyof typeof ERROR_HINTS;

type Entry = { name: EngineErrorName; message: string; hint: ErrorHint | null };
const entry = <const N extends EngineErrorName, const M extends string, const H extends ErrorHint | null>(name: N, message: M, hint: H) => ({ name, message, hint });

const DOWNLOAD = 'DownloadError';
const FORMAT = 'ModelFormatError';
const SERVER = 'ServerError';

export const ERROR_TEXTS = {
  download_stalled: entry(DOWNLOAD, 'Downloading {file} failed: no data arrived for {seconds} s (after {loaded}).', 'retry_nothing_kept'),
  download_stalled_of: entry(DOWNLOAD, 'Downloading {file} failed: no data arrived for {seconds} s (after {loaded} of {total}).', 'retry_nothing_kept'),
  download_broke: entry(DOWNLOAD, 'Downloading {file} failed: the connection broke after {loaded} ({detail}).', 'retry_nothing_kept'),
  download_broke_of: entry(DOWNLOAD, 'Downloading {file} failed: the connection broke after {loaded} of {total} ({detail}).', 'retry_nothing_kept'),
  download_short: entry(DOWNLOAD, 'Downloading {file} failed: the body had {loaded} bytes but the server announced {total}.', 'retry_nothing_kept'),
  download_long: entry(DOWNLOAD, 'Downloading {file} failed: the body is longer than the {total} bytes the server announced.', 'retry_nothing_kept'),
  download_failed: entry(DOWNLOAD, 'Downloading {file} failed: {detail}', 'retry'),
  download_failed_unnamed: entry(DOWNLOAD, 'Downloading a model file failed: {detail}', 'retry'),
  quota: entry(DOWNLOAD, "Storing {file} failed: the browser's storage quota for this site is used up.", 'free_storage'),
  quota_unnamed: entry(DOWNLOAD, "Storing the model failed: the browser's storage quota for this site is used up.", 'free_storage'),
  load_cancelled: entry('LoadCancelledError', 'Loading was cancelled.', 'load_again'),
  file_not_found: entry('ModelFileNotFoundError', '{model}: {file} was not found on the model host.', 'check_model_id'),
  file_not_found_unnamed: entry('ModelFileNotFoundError', '{model}: a model file was not found on the model host.', 'check_model_id'),
  tokenizer_config_missing: entry('ModelFileNotFoundError', '{model}: tokenizer_config.json is missing or unreadable on the model host.', 'repo_incomplete'),
  model_damaged: entry(FORMAT, '{model}: {file} is damaged or not an ONNX model ({detail})', 'file_truncated'),
  model_damaged_unnamed: entry(FORMAT, '{model}: the model file is damaged or not an ONNX model ({detail})', 'file_truncated'),
  config_mismatch: entry(FORMAT, '{model}: config.json does not match the ONNX graph ({detail})', 'same_revision'),
  load_failed: entry(FORMAT, '{model} could not be loaded: {detail}', 'not_supported'),
  gpu_load_failed: entry('GpuError', 'The GPU failed while loading: {detail}', 'choose_wasm'),
  gpu_lost: entry('GpuError', 'The GPU device was lost ({detail}).', 'gpu_wasm_takes_over'),
  gpu_lost_unknown: entry('GpuError', 'The GPU device was lost (unknown reason).', 'gpu_wasm_takes_over'),
  gpu_generate_failed: entry('GpuError', 'The GPU failed during generation: {detail}', 'reload_or_wasm'),
  generation_failed: entry('GenerationError', 'Generation failed: {detail}', 'try_again'),
  storage_full: entry(
    'StorageFullError',
    '{file} needs {need} of storage, and this site may store {free} more ({usage} of {quota} in use). Nothing was downloaded.',
    'storage_full',
  ),
  storage_full_converting: entry(
    'StorageFullError',
    '{file} needs {need} of storage while it is converted, and this site may store {free} more ({usage} of {quota} in use). Nothing was downloaded.',
    'storage_full',
  ),
  no_model: entry('NoModelLoadedError', 'No model is loaded.', 'load_first'),
  chat_no_model: entry('NoModelLoadedError', 'Load a model first.', null),
  worker_stopped: entry('WorkerCrashedError', 'The model worker stopped: {detail}', 'worker_stopped'),
  worker_uncaught: entry('WorkerCrashedError', 'The model worker stopped: uncaught error in the worker', 'worker_stopped'),
  worker_undecodable: entry('WorkerCrashedError', 'The model worker stopped: a message could not be decoded', 'worker_stopped'),
  worker_closed: entry('WorkerCrashedError', 'The model worker stopped: it closed unexpectedly (killed or out of memory)', 'worker_stopped'),
  worker_terminated: entry('WorkerCrashedError', 'The model worker stopped: it was terminated', 'worker_stopped'),
  unexpected: entry('GenerationError', '{detail}', 'reload_page'),
  server_unreachable: entry(SERVER, "{endpoint} did not answer ({detail}).", "server_origin"),
  server_unauthorized: entry(SERVER, "{endpoint} refused the request: HTTP {status}, {detail}", "server_key"),
  server_no_model: entry(SERVER, "{endpoint} does not serve {model}: {detail}", "server_model"),
  server_no_route: entry(SERVER, "{endpoint} has no {route}: HTTP {status}, {detail}", "server_base"),
  server_rate_limited: entry(SERVER, "{endpoint} is limiting requests: try again in {seconds} s.", null),
  server_rate_limited_unsaid: entry(SERVER, "{endpoint} is limiting requests: try again in a while (it did not say when).", null),
  server_bad_request: entry(SERVER, "{endpoint} refused the request: HTTP {status}, {detail}", "server_format"),
  server_failed: entry(SERVER, "{endpoint} failed: HTTP {status}, {detail}", "try_again"),
  server_not_openai: entry(SERVER, "{endpoint} did not answer as an OpenAI-compatible API: {detail}", "server_base"),
  server_cut: entry(SERVER, "The answer from {endpoint} broke off ({detail}); what arrived is kept.", "try_again"),
} as const satisfies Record<string, Entry>;

export type EngineErrorCode = keyof typeof ERROR_TEXTS;
export const ERROR_CODES = Object.keys(ERROR_TEXTS) as EngineErrorCode[];

/** The `{name}`s of a template, as a type: the values a code needs. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
export type ErrorParamValue = string | number;
export type ErrorParams = Record<string, ErrorParamValue>;
export type ParamsOf<C extends EngineErrorCode> = Record<Placeholders<(typeof ERROR_TEXTS)[C]['message']>, ErrorParamValue>;

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((x) => x[1]);
}

/** The template with its values in, as the messages fill them. */
export function fill(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
}

/** Values that fit the code: plain strings and finite numbers, one for each placeholder. */
export function validParams(code: EngineErrorCode, params: unknown): params is ErrorParams {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return false;
  const p = params as Record<string, unknown>;
  const ok = (v: unknown) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  return Object.values(p).every(ok) && placeholders(ERROR_TEXTS[code].message).every((k) => Object.hasOwn(p, k));
}
