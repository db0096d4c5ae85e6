// RemoteEngine (the page's engine on a model server) against the test model server running the
// scripted fixture: load by the server's model list, chat as turns, ghost text in each FIM shape,
// Stop and supersede aborting the request, and each failure as a typed, explained error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineError } from '../src/contract/errors.ts';
import type { FimShape } from '../src/contract/sets.ts';
import { RemoteEngine } from '../src/lib/remote/engine.ts';
import { SCRIPTS } from '../scripts/fixtures/scripts.ts';
import { startModelServer } from '../scripts/model-server/server.ts';
import { serveFixtures } from './helpers/fixture-server.ts';

const KEY = 'sk-remote-engine-test';
const MODELS = { 'deepseek-coder-test': { id: 'seekpad/tiny-deepseek-coder-scripted', family: 'deepseek-coder' as const } };
const fib = SCRIPTS.find((s) => s.name === 'fim-fib')!.text;
const reverse = SCRIPTS.find((s) => s.name === 'instruct-reverse-string')!.text;
const fim = { family: 'deepseek-coder' as const, path: 'main.py', language: 'python', prefix: 'def fib(n):\n', suffix: '\n\nprint(fib(10))', files: [], budgetTokens: 1024 };

let fixtures: { host: string; close: () => Promise<void> };
let server: Awaited<ReturnType<typeof startModelServer>>;

beforeAll(async () => {
  fixtures = await serveFixtures(4399);
  server = await startModelServer({ modelsHost: fixtures.host, models: MODELS, apiKey: KEY, listFaults: true });
});
afterAll(async () => {
  await server?.close();
  await fixtures?.close();
});

async function loaded(model = 'deepseek-coder-test', fimShape: FimShape = 'raw', key: string | null = KEY): Promise<RemoteEngine> {
  const e = new RemoteEngine(() => key);
  await e.load({ id: model, server: { endpoint: `${server.url}/v1`, fimShape } });
  return e;
}

const failure = (p: Promise<unknown>): Promise<EngineError> => p.then(() => { throw new Error('expected a failure'); }, (e: EngineError) => e);

describe('RemoteEngine on the test model server', () => {
  it('loads a model the server lists, and says which it serves when it does not', async () => {
    const e = new RemoteEngine(() => KEY);
    const info = await e.load({ id: 'deepseek-coder-test', server: { endpoint: `${server.url}/v1`, fimShape: 'raw' } });
    expect(info).toMatchObject({ device: 'server', dtype: 'server', modelId: 'deepseek-coder-test', server: { endpoint: `${server.url}/v1` } });
    const err = await failure(e.load({ id: 'deepseek-coder-33b', server: { endpoint: `${server.url}/v1`, fimShape: 'raw' } }));
    expect(err).toMatchObject({ name: 'ServerError', code: 'server_no_model' });
    expect(err.message).toContain('it serves deepseek-coder-test');
  });

  it('chat goes as turns to /chat/completions and streams the answer, counted by the server', async () => {
    const e = await loaded();
    const deltas: string[] = [];
    const r = await e.generate({ prompt: 'unused by a server', messages: [{ role: 'user', content: 'Write a function that reverses a string.' }], maxNewTokens: 200, chunkIntervalMs: 0 }, (c) => deltas.push(c.delta));
    expect(r.text).toBe(reverse);
    expect(deltas.join('')).toBe(reverse);
    expect(deltas.length).toBeGreaterThan(1);
    expect(r.stats.generatedTokens).toBeGreaterThan(5);
    expect(r.stats.promptTokens).toBeGreaterThan(5);
    expect(r.prompt).toContain('[user]\nWrite a function that reverses a string.');
    expect(r.prompt).not.toContain(KEY);
    expect(server.requests.at(-1)).toBe('POST /v1/chat/completions');
  });

  it.each(['raw', 'deepseek-beta', 'llamacpp-infill', 'ollama-raw'] as FimShape[])('ghost text as %s: the FIM answer', async (shape) => {
    const e = await loaded('deepseek-coder-test', shape);
    const r = await e.generate({ prompt: '', fim: fim, maxNewTokens: 64, channel: 'completion' });
    expect(r.text).toBe(fib);
  });

  it('Stop aborts the request at once: the partial answer comes back as interrupted', async () => {
    const e = await loaded();
    let first = 0;
    const run = e.generate({ prompt: '', messages: [{ role: 'user', content: 'Write a function that reverses a string.' }], maxNewTokens: 200, chunkIntervalMs: 0, channel: 'chat' }, () => {
      if (first++ === 0) void e.interrupt('chat');
    });
    const r = await run;
    expect(r.stopReason).toBe('interrupted');
    expect(reverse.startsWith(r.text)).toBe(true);
    expect(r.text.length).toBeLessThan(reverse.length);
  });

  it('a newer completion supersedes the running one on its channel; another channel is left alone', async () => {
    const e = await loaded();
    const chat = e.generate({ prompt: '', messages: [{ role: 'user', content: 'Write a function that reverses a string.' }], maxNewTokens: 200, channel: 'chat' });
    const older = e.generate({ prompt: '', fim, maxNewTokens: 64, channel: 'completion', mode: 'supersede' });
    const newer = e.generate({ prompt: '', fim, maxNewTokens: 64, channel: 'completion', mode: 'supersede' });
    expect((await older).stopReason).toBe('interrupted');
    expect((await newer).text).toBe(fib);
    expect((await chat).text).toBe(reverse);
  });

  it('each failure is a ServerError the page explains', async () => {
    expect(await failure(loaded('deepseek-coder-test', 'raw', 'sk-wrong'))).toMatchObject({ code: 'server_unauthorized', params: { status: 401 } });
    const ask = async (model: string) => failure((await loaded(model)).generate({ prompt: '', messages: [{ role: 'user', content: 'Write a function that reverses a string.' }], maxNewTokens: 200 }));
    expect(await ask('fault-429')).toMatchObject({ code: 'server_rate_limited', params: { seconds: 7 } });
    expect(await ask('fault-html')).toMatchObject({ code: 'server_not_openai' });
    expect(await ask('fault-cut')).toMatchObject({ code: 'server_cut' });
    expect(await ask('fault-error')).toMatchObject({ code: 'server_failed' });
    const down = new RemoteEngine(() => null);
    expect(await failure(down.load({ id: 'x', server: { endpoint: 'http://127.0.0.1:9/v1', fimShape: 'raw' } }))).toMatchObject({ code: 'server_unreachable' });
  });
});
