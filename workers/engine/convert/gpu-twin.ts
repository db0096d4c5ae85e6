// The 4-bit twin of an 8-bit model file, made once in the browser and kept in the model cache
// under the URL transformers.js looks up for the 4-bit dtype, so later visits load it as it is.
// The 8-bit source is streamed into the cache (never held in memory), read back as a disk-backed
// Blob, converted window by window, and the result streamed into the cache as it is written.
import type { ConversionInfo } from '../../../src/contract/engine-api.ts';
import { abortError } from '../classify-error.ts';
import { convertToQ4 } from './convert.ts';
import { BlobSource } from './source.ts';

/** Marks a cached file as made by seekpad: the source's path, size, revision and ETag. */
export const CONVERTED_FROM = 'x-seekpad-converted-from';
/** Beside the 4-bit file in the cache: the ConversionInfo of the visit that made it. */
export const recordOf = (file: string): string => `${file}.conversion.json`;

type Progress = { status: 'initiate' | 'download' | 'progress' | 'done'; file: string; loaded?: number; total?: number };

export interface TwinContext {
  cache: Pick<Cache, 'match' | 'put' | 'delete'>;
  /** The load's fetch (stall guard, abort, request log). */
  fetch: (url: string) => Promise<Response>;
  /** The cache key and download URL of a repository file. */
  url: (file: string) => string;
  revision: string;
  onProgress: (e: Progress) => void;
  onPhase: (phase: 'download' | 'convert') => void;
  signal: AbortSignal;
  now: () => number;
  /** Keep the 8-bit file after converting (default: the 4-bit file replaces it). */
  keepSource?: boolean;
}

/** Counts a body's bytes into progress events as it streams through. */
function counted(res: Response, file: string, onProgress: TwinContext['onProgress'], signal: AbortSignal): Response {
  const total = Number(res.headers.get('content-length')) || 0;
  let loaded = 0;
  const body = res.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctrl) {
        if (signal.aborted) throw abortError();
        loaded += chunk.byteLength;
        onProgress({ status: 'progress', file, loaded, total });
        ctrl.enqueue(chunk);
      },
    }),
  );
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

export async function ensureQ4Twin(baseName: string, ctx: TwinContext): Promise<ConversionInfo> {
  const source = `onnx/${baseName}_quantized.onnx`;
  const file = `onnx/${baseName}_q4.onnx`;
  const made = await ctx.cache.match(ctx.url(file));
  if (made) {
    const record = await ctx.cache.match(ctx.url(recordOf(file)));
    const info = record ? ((await record.json()) as ConversionInfo) : null;
    const bytesOut = Number(made.headers.get('content-length')) || 0;
    return { source, file, bytesIn: info?.bytesIn ?? 0, bytesOut, ms: info?.ms ?? 0, reused: true, nodes: info?.nodes ?? 0 };
  }

  ctx.onPhase('download');
  let cached = await ctx.cache.match(ctx.url(source));
  if (!cached) {
    ctx.onProgress({ status: 'initiate', file: source });
    const res = await ctx.fetch(ctx.url(source));
    if (!res.ok || !res.body) throw new Error(`Downloading ${source} failed: HTTP ${res.status}`);
    ctx.onProgress({ status: 'download', file: source });
    // Into the cache as it arrives: Cache.put reads the stream to disk.
    await ctx.cache.put(ctx.url(source), counted(res, source, ctx.onProgress, ctx.signal));
    cached = await ctx.cache.match(ctx.url(source));
    if (!cached) throw new Error(`The browser did not keep ${source}; the 4-bit copy needs it in the cache.`);
  }
  ctx.onProgress({ status: 'done', file: source });
  const blob = await cached.blob();
  const etag = cached.headers.get('x-repo-commit') ?? cached.headers.get('etag') ?? '';

  ctx.onPhase('convert');
  const started = ctx.now();
  const conversion = await convertToQ4(new BlobSource(blob));
  const chunks = conversion.chunks;
  let written = 0;
  ctx.onProgress({ status: 'download', file });
  const body = new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      if (ctx.signal.aborted) {
        ctrl.error(abortError());
        return;
      }
      const next = await chunks.next();
      if (next.done) {
        ctrl.close();
        return;
      }
      written += next.value.byteLength;
      ctx.onProgress({ status: 'progress', file, loaded: written, total: conversion.bytes });
      ctrl.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const headers = {
    'content-type': 'application/octet-stream',
    'content-length': String(conversion.bytes),
    [CONVERTED_FROM]: `${source}; size=${blob.size}; revision=${ctx.revision}; etag=${etag}`,
  };
  await ctx.cache.put(ctx.url(file), new Response(body, { headers }));
  const info: ConversionInfo = { source, file, bytesIn: blob.size, bytesOut: conversion.bytes, ms: ctx.now() - started, reused: false, nodes: conversion.report.nodes };
  if (ctx.signal.aborted) {
    await ctx.cache.delete(ctx.url(file));
    throw abortError();
  }
  await ctx.cache.put(ctx.url(recordOf(file)), new Response(JSON.stringify(info), { headers: { 'content-type': 'application/json' } }));
  if (!ctx.keepSource) await ctx.cache.delete(ctx.url(source));
  ctx.onProgress({ status: 'done', file });
  return info;
}
