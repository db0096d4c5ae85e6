import { describe, expect, it } from 'vitest';
import { guardedFetch } from './download-guard.ts';
import { EngineError } from '../../src/contract/errors.ts';

const URL_ = 'http://host/seekpad/m/resolve/main/onnx/model.onnx';

/** A response whose body yields `chunks`, then ends, fails or hangs. */
function fakeResponse(chunks: number[], end: 'close' | 'error' | 'hang', headers: Record<string, string>, signal?: AbortSignal) {
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const n of chunks) c.enqueue(new Uint8Array(n));
      if (end === 'close') c.close();
      if (end === 'error') c.error(new TypeError('network error'));
      signal?.addEventListener('abort', () => c.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { status: 200, headers });
}

async function readAll(res: Response): Promise<number> {
  return (await res.arrayBuffer()).byteLength;
}

async function failureOf(p: Promise<unknown>): Promise<EngineError | Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a failure');
}

describe('guardedFetch', () => {
  it('passes a complete body through unchanged', async () => {
    const f = guardedFetch({ signal: new AbortController().signal, fetch: async () => fakeResponse([3, 4], 'close', { 'content-length': '7' }) });
    expect(await readAll(await f(URL_))).toBe(7);
  });

  it('fails a body shorter than Content-Length, naming the file', async () => {
    const f = guardedFetch({ signal: new AbortController().signal, fetch: async () => fakeResponse([3], 'close', { 'content-length': '7' }) });
    const err = await failureOf(readAll(await f(URL_)));
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).name).toBe('DownloadError');
    expect((err as EngineError).file).toBe('onnx/model.onnx');
    expect(err.message).toContain('3 bytes but the server announced 7');
  });

  it('fails a body longer than Content-Length', async () => {
    const f = guardedFetch({ signal: new AbortController().signal, fetch: async () => fakeResponse([5, 5], 'close', { 'content-length': '7' }) });
    expect((await failureOf(readAll(await f(URL_)))).message).toContain('longer than the 7 bytes');
  });

  it('does not check the length of a compressed body', async () => {
    const f = guardedFetch({
      signal: new AbortController().signal,
      fetch: async () => fakeResponse([3], 'close', { 'content-length': '2', 'content-encoding': 'gzip' }),
    });
    expect(await readAll(await f(URL_))).toBe(3);
  });

  it('names the file when the connection breaks mid-body', async () => {
    const f = guardedFetch({ signal: new AbortController().signal, fetch: async () => fakeResponse([3], 'error', { 'content-length': '7' }) });
    const err = (await failureOf(readAll(await f(URL_)))) as EngineError;
    expect(err.name).toBe('DownloadError');
    expect(err.message).toContain('onnx/model.onnx');
    expect(err.message).toContain('connection broke');
  });

  it('fails a stalled body after stallMs, and aborts that request', async () => {
    let requestSignal: AbortSignal | undefined;
    const f = guardedFetch({
      signal: new AbortController().signal,
      stallMs: 30,
      fetch: async (_u, init) => {
        requestSignal = init?.signal ?? undefined;
        return fakeResponse([2], 'hang', { 'content-length': '7' }, requestSignal);
      },
    });
    const err = (await failureOf(readAll(await f(URL_)))) as EngineError;
    expect(err.name).toBe('DownloadError');
    expect(err.message).toContain('no data arrived for 0 s');
    expect(requestSignal?.aborted).toBe(true);
  });

  it('fails when headers never come', async () => {
    const f = guardedFetch({
      signal: new AbortController().signal,
      stallMs: 30,
      fetch: (_u, init) =>
        new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
    });
    expect((await failureOf(f(URL_))).message).toContain('no data arrived');
  });

  it('reports a cancelled load as AbortError, not a download failure', async () => {
    const load = new AbortController();
    const f = guardedFetch({
      signal: load.signal,
      fetch: async (_u, init) => fakeResponse([2], 'hang', { 'content-length': '7' }, init?.signal ?? undefined),
    });
    const res = await f(URL_);
    const reading = readAll(res);
    load.abort();
    expect((await failureOf(reading)).name).toBe('AbortError');
  });

  it('returns error statuses untouched (transformers.js reports them)', async () => {
    const f = guardedFetch({ signal: new AbortController().signal, fetch: async () => new Response('x', { status: 404 }) });
    expect((await f(URL_)).status).toBe(404);
  });
});
