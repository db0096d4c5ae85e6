// One streamed request to a model server: sent with an AbortSignal (Stop and every keystroke
// abort it), read piece by piece, and every way it can fail turned into a RemoteError with a
// code the page explains (the server down or refusing this origin, a key refused, an unknown
// model or endpoint, a rate limit with its wait, a cut stream with the text so far, an answer of another API).
import { decodePiece, type Usage, UnexpectedAnswerError } from './chunks.ts';
import type { HttpRequest } from './requests.ts';
import { NotJsonError, readMessages } from './stream.ts';

export const REMOTE_ERROR_CODES = ['unreachable', 'unauthorized', 'not-found', 'rate-limited', 'bad-request', 'server-error', 'not-openai', 'cut', 'aborted'] as const;
export type RemoteErrorCode = (typeof REMOTE_ERROR_CODES)[number];

export class RemoteError extends Error {
  constructor(
    readonly code: RemoteErrorCode,
    message: string,
    readonly details: { status?: number; retryAfterS?: number; partial?: string } = {},
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

export interface StreamResult {
  text: string;
  reasoning: string;
  finish: string | null;
  usage: Usage | null;
}

/** `Retry-After` as seconds: a number, or an HTTP date from now; null when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const data = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    const e = data.error;
    return (typeof e === 'string' ? e : e?.message) ?? data.message ?? text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

async function httpError(res: Response): Promise<RemoteError> {
  const message = await errorMessage(res);
  const status = res.status;
  if (status === 401 || status === 403) return new RemoteError('unauthorized', message, { status });
  // No such model, or no such endpoint on this kind of server.
  if (status === 404) return new RemoteError('not-found', message, { status });
  if (status === 429) return new RemoteError('rate-limited', message, { status, retryAfterS: retryAfterSeconds(res.headers.get('retry-after')) ?? undefined });
  if (status >= 500) return new RemoteError('server-error', message, { status });
  return new RemoteError('bad-request', message, { status });
}

/** Sends `req`: an answer with a 2xx status, or a RemoteError. */
async function send(req: HttpRequest, signal: AbortSignal, fetcher: typeof fetch): Promise<Response> {
  let res: Response;
  try {
    res = await fetcher(req.url, { method: req.method, headers: req.headers, body: req.body, signal });
  } catch (err) {
    if (signal.aborted) throw new RemoteError('aborted', 'stopped');
    // A browser tells a refused CORS request and a server that is down apart only in its console.
    throw new RemoteError('unreachable', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw await httpError(res);
  return res;
}

/** Sends `req` and reads its JSON answer, or throws a RemoteError. */
export async function fetchJson(req: HttpRequest, signal: AbortSignal, fetcher: typeof fetch = fetch): Promise<unknown> {
  const res = await send(req, signal, fetcher);
  const text = await res.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RemoteError('not-openai', `the answer is not JSON: ${text.slice(0, 80)}`);
  }
}

/** Sends `req` and streams its answer to `onDelta`; resolves with the whole answer, or throws a RemoteError. */
export async function streamRequest(req: HttpRequest, onDelta: (text: string) => void, signal: AbortSignal, fetcher: typeof fetch = fetch): Promise<StreamResult> {
  const res = await send(req, signal, fetcher);
  const type = res.headers.get('content-type') ?? '';
  if (!res.body || /html/i.test(type)) throw new RemoteError('not-openai', `the server answered with ${type || 'no type'}, not a stream`);
  const out: StreamResult = { text: '', reasoning: '', finish: null, usage: null };
  let failed: RemoteError | null = null;
  let ended: boolean;
  let messages = 0;
  try {
    ended = await readMessages(res.body, req.framing, (data) => {
      messages++;
      const p = decodePiece(req.kind, data);
      if (p.error) {
        const code = p.error.code === 404 ? 'not-found' : p.error.code === 401 ? 'unauthorized' : 'server-error';
        failed = new RemoteError(code, p.error.message, { partial: out.text });
        return true;
      }
      if (p.text) {
        out.text += p.text;
        onDelta(p.text);
      }
      out.reasoning += p.reasoning;
      out.finish = p.finish ?? out.finish;
      out.usage = p.usage ?? out.usage;
      return p.final;
    });
  } catch (err) {
    if (signal.aborted) throw new RemoteError('aborted', 'stopped', { partial: out.text });
    if (err instanceof NotJsonError || err instanceof UnexpectedAnswerError) throw new RemoteError('not-openai', err.message, { partial: out.text });
    throw new RemoteError('cut', err instanceof Error ? err.message : String(err), { partial: out.text });
  }
  if (failed) throw failed;
  if (messages === 0 && !ended) throw new RemoteError('not-openai', 'the server closed the answer without a message of the stream asked for');
  // An OpenAI stream may close without [DONE] once its finish_reason came; anything else was cut.
  if (!ended && out.finish === null) throw new RemoteError('cut', 'the stream closed before the answer ended', { partial: out.text });
  return out;
}
