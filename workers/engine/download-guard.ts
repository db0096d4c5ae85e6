// The fetch that transformers.js downloads model files with (env.fetch). It turns a stalled, cut
// or short download into an error naming the file, so transformers.js never caches a partial
// body: it stores a response in the Cache API only after reading all of it without an error.
import { EngineError } from '../../src/contract/errors.ts';
import { abortError, fileFromUrl } from './classify-error.ts';

export const DEFAULT_STALL_MS = 30_000;

type Fetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface GuardOptions {
  /** The load's signal: aborting it cancels every download. */
  signal: AbortSignal;
  /** No bytes (or no headers) for this long fails the download. */
  stallMs?: number;
  /** Told of every request that reaches the network. */
  onRequest?: (url: string) => void;
  fetch?: Fetch;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

function mib(n: number): string {
  return `${(n / 2 ** 20).toFixed(1)} MB`;
}

/** The byte count a body must have, when the headers tell it (not for compressed bodies). */
function expectedLength(headers: Headers): number | null {
  const encoding = headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return null;
  const raw = headers.get('content-length');
  if (raw === null || !/^\d+$/.test(raw.trim())) return null;
  return Number(raw);
}

export function guardedFetch(opts: GuardOptions): Fetch {
  const stallMs = opts.stallMs ?? DEFAULT_STALL_MS;
  const doFetch: Fetch = opts.fetch ?? ((i, init) => fetch(i, init));
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));

  return async (input, init) => {
    const url = String(input);
    const file = fileFromUrl(url);
    opts.onRequest?.(url);
    if (opts.signal.aborted) throw abortError();
    // One controller per request: a stall aborts this download only.
    const request = new AbortController();
    let stalled = false;
    let timer: unknown = null;
    const arm = () => {
      if (timer !== null) clearTimer(timer);
      timer = setTimer(() => {
        stalled = true;
        request.abort();
      }, stallMs);
    };
    const disarm = () => {
      if (timer !== null) clearTimer(timer);
      timer = null;
    };
    const onLoadAbort = () => request.abort();
    opts.signal.addEventListener('abort', onLoadAbort, { once: true });
    const done = () => {
      disarm();
      opts.signal.removeEventListener('abort', onLoadAbort);
    };
    const failure = (err: unknown, loaded: number, total: number | null): Error => {
      if (opts.signal.aborted) return abortError();
      const at = { file, loaded: mib(loaded) };
      if (stalled) {
        const seconds = Math.round(stallMs / 1000);
        return total === null ? EngineError.of('download_stalled', { ...at, seconds }, file) : EngineError.of('download_stalled_of', { ...at, seconds, total: mib(total) }, file);
      }
      if (EngineError.is(err)) return err;
      const detail = err instanceof Error ? err.message : String(err);
      return total === null ? EngineError.of('download_broke', { ...at, detail }, file) : EngineError.of('download_broke_of', { ...at, detail, total: mib(total) }, file);
    };

    arm();
    let response: Response;
    try {
      response = await doFetch(input, { ...init, signal: request.signal });
    } catch (err) {
      done();
      throw failure(err, 0, null);
    }
    disarm();
    if (!response.ok || !response.body) {
      done();
      return response;
    }
    const total = expectedLength(response.headers);
    const reader = response.body.getReader();
    let loaded = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        arm();
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch (err) {
          done();
          controller.error(failure(err, loaded, total));
          return;
        }
        // Only the network's silence counts, not a slow reader.
        disarm();
        if (chunk.done) {
          done();
          if (total !== null && loaded !== total) {
            controller.error(EngineError.of('download_short', { file, loaded, total }, file));
          } else {
            controller.close();
          }
          return;
        }
        loaded += chunk.value.byteLength;
        if (total !== null && loaded > total) {
          done();
          request.abort();
          controller.error(EngineError.of('download_long', { file, total }, file));
          return;
        }
        controller.enqueue(chunk.value);
      },
      cancel(reason) {
        done();
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
