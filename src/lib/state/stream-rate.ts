// How often the page asks the engine for streamed text. Every chunk is a message and a page
// update: style, layout, paint, raster and a compositor frame, and in chat a Markdown and KaTeX
// render. When ONNX Runtime's WASM threads already take every core, that work comes out of the
// model's time, so the page asks for fewer, larger chunks there.
import type { LoadResult } from '../../contract/engine-api.ts';
import { DEFAULT_CHUNK_INTERVAL_MS } from '../../contract/sets.ts';

/** 20 updates a second: streaming still reads as smooth. */
export const CHUNK_MS = DEFAULT_CHUNK_INTERVAL_MS;
/** 10 a second when the page's work competes with the model's threads. */
export const CHUNK_MS_BUSY_CPU = 100;

export function chunkIntervalMs(info: Pick<LoadResult, 'device' | 'capabilities'> | null): number {
  if (!info || info.device !== 'wasm') return CHUNK_MS;
  const { wasmThreads, hardwareConcurrency } = info.capabilities;
  return wasmThreads > 0 && wasmThreads >= hardwareConcurrency ? CHUNK_MS_BUSY_CPU : CHUNK_MS;
}
