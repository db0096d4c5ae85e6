// A model server's failure as the engine's typed error, so the page explains it as it explains a
// failed download: what happened in the user's language, and what to do (the origin flag of each
// server, the key, the model list, the base URL).
import { EngineError } from '../../contract/errors.ts';
import type { RemoteError } from './client.ts';

/** An http(s) base URL without the credentials or query an address may carry; null if it is none. */
export function cleanEndpoint(base: string): string | null {
  try {
    const u = new URL(base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.origin}${u.pathname.replace(/\/+$/, '')}` : null;
  } catch {
    return null;
  }
}

/** The endpoint as shown to the user. */
export const shownEndpoint = (base: string): string => cleanEndpoint(base) ?? base.slice(0, 100);

export interface ErrorContext {
  endpoint: string;
  model: string;
  /** The path asked for, e.g. `/chat/completions`; a 404 there is a route, not the model. */
  route: string;
  /** A 404 means the model only where the server said it serves none by that name. */
  modelKnown: boolean;
}

export function serverError(err: RemoteError, c: ErrorContext): EngineError {
  const endpoint = shownEndpoint(c.endpoint);
  const status = err.details.status ?? 0;
  const detail = err.message || `HTTP ${status}`;
  switch (err.code) {
    case 'unreachable':
      return EngineError.of('server_unreachable', { endpoint, detail });
    case 'unauthorized':
      return EngineError.of('server_unauthorized', { endpoint, status, detail });
    case 'not-found':
      return c.modelKnown ? EngineError.of('server_no_route', { endpoint, route: c.route, status, detail }) : EngineError.of('server_no_model', { endpoint, model: c.model, detail });
    case 'rate-limited':
      return err.details.retryAfterS !== undefined ? EngineError.of('server_rate_limited', { endpoint, seconds: err.details.retryAfterS }) : EngineError.of('server_rate_limited_unsaid', { endpoint });
    case 'bad-request':
      return EngineError.of('server_bad_request', { endpoint, status, detail });
    case 'server-error':
      return EngineError.of('server_failed', { endpoint, status, detail });
    case 'not-openai':
      return EngineError.of('server_not_openai', { endpoint, detail });
    case 'cut':
    case 'aborted':
      return EngineError.of('server_cut', { endpoint, detail });
  }
}
