// The remote client (src/lib/remote) against the test model server (scripts/model-server), which
// runs the scripted fixture through the engine: chat, every FIM shape, usage, faults and Stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RemoteError, streamRequest } from '../src/lib/remote/client.ts';
import { chatRequest, fimRequest, modelsRequest, type Endpoint, type FimShape } from '../src/lib/remote/requests.ts';
import { SCRIPTS } from '../scripts/fixtures/scripts.ts';
import { startModelServer } from '../scripts/model-server/server.ts';
import { serveFixtures } from './helpers/fixture-server.ts';

let fixtures: { host: string; close: () => Promise<void> };
let server: Awaited<ReturnType<typeof startModelServer>>;
let vllm: Awaited<ReturnType<typeof startModelServer>>;
const fib = SCRIPTS.find((s) => s.name === 'fim-fib')!.text;
const reverse = SCRIPTS.find((s) => s.name === 'instruct-reverse-string')!.text;
const MODELS = { 'deepseek-coder-test': { id: 'seekpad/tiny-deepseek-coder-scripted', family: 'deepseek-coder' as const } };

beforeAll(async () => {
  fixtures = await serveFixtures(4397);
  server = await startModelServer({ modelsHost: fixtures.host, models: MODELS, allowedOrigins: ['*'], apiKey: 'sk-test' });
  vllm = await startModelServer({ modelsHost: fixtures.host, models: MODELS, vllm: true });
});
afterAll(async () => {
  await server?.close();
  await vllm?.close();
  await fixtures?.close();
});

const endpoint = (): Endpoint => ({ base: `${server.url}/v1`, model: 'deepseek-coder-test', key: 'sk-test' });
const run = (r: Parameters<typeof streamRequest>[0], signal = new AbortController().signal) => streamRequest(r, () => {}, signal);
const fimInput = { family: 'deepseek-coder' as const, path: 'main.py', language: 'python', prefix: 'def fib(n):\n', suffix: '\n\nprint(fib(10))', files: [], budgetTokens: 1024 };

describe('the remote client against the test model server', () => {
  it('lists the models; without the key it is refused', async () => {
    const res = await fetch(modelsRequest(endpoint()).url, { headers: modelsRequest(endpoint()).headers });
    expect(((await res.json()) as { data: { id: string }[] }).data.map((m) => m.id)).toEqual(['deepseek-coder-test']);
    const e = await run(chatRequest({ ...endpoint(), key: undefined }, [{ role: 'user', content: 'x' }], { maxTokens: 4, temperature: 0 })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'unauthorized' });
  });

  it('chat: the server applies the template and streams the scripted answer, with usage', async () => {
    const r = await run(chatRequest(endpoint(), [{ role: 'user', content: 'Write a function that reverses a string.' }], { maxTokens: 200, temperature: 0 }));
    expect(r.text).toBe(reverse);
    expect(r.usage?.completionTokens).toBeGreaterThan(10);
  }, 60_000);

  it.each(['raw', 'deepseek-beta', 'llamacpp-infill', 'ollama-raw'] as FimShape[])('FIM as %s gives the FIM answer', async (shape) => {
    const r = await run(fimRequest(endpoint(), shape, fimInput, { maxTokens: 64, temperature: 0 }));
    expect(r.text).toBe(fib);
    // Whichever shape carried it, the model saw the same PSM prompt.
    expect(server.prompts.at(-1)).toBe('<｜begin▁of▁sentence｜><｜fim▁begin｜># main.py\ndef fib(n):\n<｜fim▁hole｜>\n\nprint(fib(10))<｜fim▁end｜>');
    expect(r.finish).toBe('stop');
  }, 60_000);

  it("vLLM refuses suffix: the raw shape is what works there", async () => {
    const e = await run(fimRequest({ base: `${vllm.url}/v1`, model: 'deepseek-coder-test' }, 'deepseek-beta', fimInput, { maxTokens: 8, temperature: 0 })).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'not-found' });
    const direct = await fetch(`${vllm.url}/v1/completions`, { method: 'POST', body: JSON.stringify({ model: 'deepseek-coder-test', prompt: 'a', suffix: 'b' }) });
    expect(direct.status).toBe(400);
    expect((await run(fimRequest({ base: `${vllm.url}/v1`, model: 'deepseek-coder-test' }, 'raw', fimInput, { maxTokens: 64, temperature: 0 }))).text).toBe(fib);
  }, 60_000);

  it('faults: rate limit with its wait, a cut stream and an error event keep the text so far, an HTML page', async () => {
    const ask = (model: string) => run(chatRequest({ ...endpoint(), model }, [{ role: 'user', content: 'Write a function that reverses a string.' }], { maxTokens: 200, temperature: 0 })).catch((x: unknown) => x as RemoteError);
    expect(await ask('fault-429')).toMatchObject({ code: 'rate-limited', details: { retryAfterS: 7 } });
    const cut = await ask('fault-cut');
    expect(cut).toMatchObject({ code: 'cut' });
    expect(reverse.startsWith((cut as RemoteError).details.partial ?? 'x')).toBe(true);
    expect(await ask('fault-error')).toMatchObject({ code: 'server-error', message: 'CUDA out of memory' });
    expect(await ask('fault-html')).toMatchObject({ code: 'not-openai' });
    expect(await ask('no-such-model')).toMatchObject({ code: 'not-found' });
  }, 120_000);

  it('Stop aborts the request: the server sees the stream closed', async () => {
    const stop = new AbortController();
    const r = streamRequest(chatRequest(endpoint(), [{ role: 'user', content: 'Write a function that reverses a string.' }], { maxTokens: 200, temperature: 0 }), () => stop.abort(), stop.signal);
    await expect(r).rejects.toMatchObject({ code: 'aborted' });
  }, 60_000);
});
