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
  if (name === 'AbortError') {
    return new EngineError({ name: 'LoadCancelledError', message: 'Loading was cancelled.', hint: 'Press "Load model" to start again.' });
  }
  if (name === 'ModelFileNotFoundError' || /Could not locate file|\b404\b/.test(message)) {
    return new EngineError({
      name: 'ModelFileNotFoundError',
      message: `${context.modelId}: ${file ?? 'a model file'} was not found on the model host.`,
      hint: 'Check the model id, the host and the dtype: not every model has every dtype.',
      ...(file ? { file } : {}),
    });
  }
  // transformers.js treats a missing tokenizer_config.json as optional, then fails on it.
  if (/reading 'tokenizer_class'/.test(message)) {
    return new EngineError({
      name: 'ModelFileNotFoundError',
      message: `${context.modelId}: tokenizer_config.json is missing or unreadable on the model host.`,
      hint: 'The model repository is incomplete: it needs tokenizer.json and tokenizer_config.json.',
      file: 'tokenizer_config.json',
    });
  }
  // The browser's storage for this site is full (a cache write, or an allocation backed by it).
  if (name === 'QuotaExceededError' || /quota ?exceeded/i.test(message)) {
    return new EngineError({
      name: 'DownloadError',
      message: `Storing ${file ?? 'the model'} failed: the browser's storage quota for this site is used up.`,
      hint: 'Open "Model cache", delete models you no longer need (or press "Keep models" for persistent storage), then press Retry.',
      ...(file ? { file } : {}),
    });
  }
  if (/occurred while trying to load file|Failed to fetch|NetworkError|network|ERR_|Load failed|terminated|body stream/i.test(message)) {
    return new EngineError({
      name: 'DownloadError',
      message: `Downloading ${file ?? 'a model file'} failed: ${message}`,
      hint: 'Check your connection and the model host, then press Retry.',
      ...(file ? { file } : {}),
    });
  }
  // ONNX Runtime could not parse the graph: a truncated or corrupt file.
  if (/protobuf parsing failed|Failed to load model|invalid model|Can't create a session/i.test(message)) {
    return new EngineError({
      name: 'ModelFormatError',
      message: `${context.modelId}: ${context.lastOnnx ?? file ?? 'the model file'} is damaged or not an ONNX model (${message})`,
      hint: 'The file may be truncated on the model host. Replace it there, or choose another dtype or model.',
      ...((context.lastOnnx ?? file) ? { file: context.lastOnnx ?? file } : {}),
    });
  }
  // The config describes another graph: transformers.js feeds inputs the graph lacks, or shapes it rejects.
  if (/Missing the following inputs|invalid input name|Got invalid dimensions|input '[^']*' is not found/i.test(message)) {
    return new EngineError({
      name: 'ModelFormatError',
      message: `${context.modelId}: config.json does not match the ONNX graph (${message})`,
      hint: 'The config and the model file come from different exports; download both from the same repository revision.',
      file: 'config.json',
    });
  }
  if (/GPU|WebGPU|adapter|device (was )?lost/i.test(message)) {
    return new EngineError({
      name: 'GpuError',
      message: `The GPU failed while loading: ${message}`,
      hint: 'Choose the WASM device and load again.',
    });
  }
  return new EngineError({
    name: 'ModelFormatError',
    message: `${context.modelId} could not be loaded: ${message}`,
    hint: 'The model files may be incomplete or not a supported decoder; try another dtype or model.',
    ...(file ? { file } : {}),
  });
}

export function classifyGenerateError(err: unknown): EngineError {
  if (EngineError.is(err)) return err;
  const message = messageOf(err);
  if (/GPU|WebGPU|device (was )?lost|mapAsync/i.test(message)) {
    return new EngineError({
      name: 'GpuError',
      message: `The GPU failed during generation: ${message}`,
      hint: 'Load the model again, or choose the WASM device.',
    });
  }
  return new EngineError({
    name: 'GenerationError',
    message: `Generation failed: ${message}`,
    hint: 'Try again; if it keeps failing, reload the model.',
  });
}
