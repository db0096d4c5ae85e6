// streamRequest against a real HTTP server in Node, one route per way a server answers.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError, retryAfterSeconds, streamRequest } from './client.ts';
import type { HttpRequest } from './requests.ts';

const sse = (res: ServerResponse, events: unknown[]): void => {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  for (const e of events) res.write(`data: ${typeof e === 'string' ? e : JSON.stringify(e)}\n\n`);
};
const chunk = (content: string) => ({ choices: [{ index: 0, delta: { content }, finish_reason: null }] });

const ROUTES: Record<string, (res: ServerResponse) => void> = {
  '/ok': (res) => {
    sse(res, [chunk('Hel'), chunk('lo'), { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }, { choices: [], usage: { prompt_tokens: 5, completion_tokens: 2 } }, '[DONE]']);
    res.end();
  },
  '/401': (res) => res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { message: 'Invalid API key', code: 'invalid_api_key' } })),
  '/404': (res) => res.writeHead(404).end(JSON.stringify({ object: 'error', message: 'The model `x` does not exist.', code: 404 })),
  '/429': (res) => res.writeHead(429, { 'Retry-After': '7' }).end('{"error":{"message":"slow down"}}'),
  '/cut': (res) => {
    sse(res, [chunk('par'), chunk('tial')]);
    setTimeout(() => res.socket?.destroy(), 20);
  },
  '/closed': (res) => {
    sse(res, [chunk('half an ans')]);
    res.end();
  },
  '/html': (res) => res.writeHead(200, { 'Content-Type': 'text/event-stream' }).end('data: <html>502</html>\n\n'),
  '/error-event': (res) => {
    sse(res, [chunk('so far'), { error: { message: 'CUDA out of memory', code: 500 } }, '[DONE]']);
    res.end();
  },
  '/slow': (res) => {
    sse(res, [chunk('first')]);
    const timer = setInterval(() => res.write(`data: ${JSON.stringify(chunk('.'))}\n\n`), 200);
    res.on('close', () => clearInterval(timer));
  },
  '/ndjson': (res) => {
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson' });
    res.end('{"response":"a","done":false}\n{"response":"b","done":false}\n{"response":"","done":true,"done_reason":"stop","prompt_eval_count":4,"eval_count":2}\n');
  },
};

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => (ROUTES[req.url ?? ''] ?? ((r: ServerResponse) => r.writeHead(500).end()))(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const req = (path: string, over: Partial<HttpRequest> = {}): HttpRequest => ({ url: base + path, method: 'POST', headers: {}, body: '{}', kind: 'openai-chat', framing: 'sse', ...over });
const fail = async (p: Promise<unknown>): Promise<RemoteError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof RemoteError) return err;
    throw err;
  }
  throw new Error('no error');
};

describe('streamRequest', () => {
  it('streams the deltas and returns the text, the finish and the usage', async () => {
    const deltas: string[] = [];
    const r = await streamRequest(req('/ok'), (d) => deltas.push(d), new AbortController().signal);
    expect(deltas).toEqual(['Hel', 'lo']);
    expect(r).toMatchObject({ text: 'Hello', finish: 'stop', usage: { promptTokens: 5, completionTokens: 2 } });
  });

  it('names each HTTP refusal: key, model, rate limit with its wait', async () => {
    expect(await fail(streamRequest(req('/401'), () => {}, new AbortController().signal))).toMatchObject({ code: 'unauthorized', message: 'Invalid API key', details: { status: 401 } });
    expect(await fail(streamRequest(req('/404'), () => {}, new AbortController().signal))).toMatchObject({ code: 'not-found', message: 'The model `x` does not exist.' });
    expect(await fail(streamRequest(req('/429'), () => {}, new AbortController().signal))).toMatchObject({ code: 'rate-limited', details: { retryAfterS: 7 } });
  });

  it('a stream cut mid-answer keeps the text so far; an error event too', async () => {
    expect(await fail(streamRequest(req('/cut'), () => {}, new AbortController().signal))).toMatchObject({ code: 'cut', details: { partial: 'partial' } });
    expect(await fail(streamRequest(req('/closed'), () => {}, new AbortController().signal))).toMatchObject({ code: 'cut', details: { partial: 'half an ans' } });
    expect(await fail(streamRequest(req('/error-event'), () => {}, new AbortController().signal))).toMatchObject({ code: 'server-error', message: 'CUDA out of memory', details: { partial: 'so far' } });
  });

  it('an answer that is not the API asked for, and a server that is not there', async () => {
    expect((await fail(streamRequest(req('/html'), () => {}, new AbortController().signal))).code).toBe('not-openai');
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect((await fail(streamRequest({ ...req('/ok'), url: `http://127.0.0.1:${port}/x` }, () => {}, new AbortController().signal))).code).toBe('unreachable');
  });

  it('Stop aborts the request and closes the stream, keeping what came', async () => {
    const stop = new AbortController();
    let closed = false;
    server.once('request', (_q, res) => res.on('close', () => (closed = true)));
    const e = await fail(streamRequest(req('/slow'), () => stop.abort(), stop.signal));
    expect(e).toMatchObject({ code: 'aborted', details: { partial: 'first' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(true);
  });

  it("Ollama's NDJSON", async () => {
    const r = await streamRequest(req('/ndjson', { kind: 'ollama-generate', framing: 'ndjson' }), () => {}, new AbortController().signal);
    expect(r).toMatchObject({ text: 'ab', finish: 'stop', usage: { promptTokens: 4, completionTokens: 2 } });
  });

  it('Retry-After in seconds or as a date', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds('soon')).toBeNull();
  });
});
