// Whatever transformers.js, onnxruntime or fetch threw, as a typed error the page can explain.
import { EngineError } from '../../src/contract/errors.ts';

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  // onnxruntime-web sometimes throws raw numbers (WASM pointers) for errors.
  return `unexpected error (${String(err)})`;
}

export function abortError(): Error {
  const e = new Error('aborted');
  e.name = 'AbortError';
  return e;
}

const URL_IN_MESSAGE = /"(https?:[^"]+)"/;

/** The file's path inside the model repository, from its download URL. */
export function fileFromUrl(url: string): string {
  const m = /\/resolve\/[^/]+\/(.+)$/.exec(url);
  if (m) return m[1];
  try {
    return new URL(url).pathname.split('/').slice(-2).join('/');
  } catch {
    return url;
  }
}

/** Turn whatever transformers.js, onnxruntime or fetch threw during a load into a typed error. */
export function classifyLoadError(err: unknown, context: { modelId: string; lastFile?: string; lastOnnx?: string }): EngineError {
  if (EngineError.is(err)) return err;
  const message = messageOf(err);
  const url = URL_IN_MESSAGE.exec(message)?.[1];
  const file = url ? fileFromUrl(url) : context.lastFile;
  const name = err instanceof Error ? err.name : '';
  if (name === 'AbortError') return EngineError.of('load_cancelled', {});
  const model = context.modelId;
  if (name === 'ModelFileNotFoundError' || /Could not locate file|\b404\b/.test(message)) {
    return file ? EngineError.of('file_not_found', { model, file }, file) : EngineError.of('file_not_found_unnamed', { model });
  }
  // transformers.js treats a missing tokenizer_config.json as optional, then fails on it.
  if (/reading 'tokenizer_class'/.test(message)) return EngineError.of('tokenizer_config_missing', { model }, 'tokenizer_config.json');
  // The browser's storage for this site is full (a cache write, or an allocation backed by it).
  if (name === 'QuotaExceededError' || /quota ?exceeded/i.test(message)) {
    return file ? EngineError.of('quota', { file }, file) : EngineError.of('quota_unnamed', {});
  }
  const detail = message;
  if (/occurred while trying to load file|Failed to fetch|NetworkError|network|ERR_|Load failed|terminated|body stream/i.test(message)) {
    return file ? EngineError.of('download_failed', { file, detail }, file) : EngineError.of('download_failed_unnamed', { detail });
  }
  // ONNX Runtime could not parse the graph: a truncated or corrupt file.
  if (/protobuf parsing failed|Failed to load model|invalid model|Can't create a session/i.test(message)) {
    const onnx = context.lastOnnx ?? file;
    return onnx ? EngineError.of('model_damaged', { model, file: onnx, detail }, onnx) : EngineError.of('model_damaged_unnamed', { model, detail });
  }
  // The config describes another graph: transformers.js feeds inputs the graph lacks, or shapes it rejects.
  if (/Missing the following inputs|invalid input name|Got invalid dimensions|input '[^']*' is not found/i.test(message)) {
    return EngineError.of('config_mismatch', { model, detail }, 'config.json');
  }
  if (/GPU|WebGPU|adapter|device (was )?lost/i.test(message)) return EngineError.of('gpu_load_failed', { detail });
  return EngineError.of('load_failed', { model, detail }, file);
}

export function classifyGenerateError(err: unknown): EngineError {
  if (EngineError.is(err)) return err;
  const message = messageOf(err);
  if (/GPU|WebGPU|device (was )?lost|mapAsync/i.test(message)) return EngineError.of('gpu_generate_failed', { detail: message });
  return EngineError.of('generation_failed', { detail: message });
}
