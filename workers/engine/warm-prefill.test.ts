// Background prefill on the engine in-process (onnxruntime-node), on the tiny fixture over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtures } from '../../tests/helpers/fixture-server.ts';
import { Engine } from './engine.ts';
import type { FimRequest, GenerateRequest } from '../../src/contract/engine-api.ts';

let server: { close: () => Promise<void> };
const engine = new Engine({ skipWarmup: true });

beforeAll(async () => {
  const served = await serveFixtures(4393);
  server = served;
  await engine.load({ id: 'seekpad/tiny-deepseek-coder', host: served.host, dtype: 'fp32' });
});
afterAll(async () => {
  await engine.dispose();
  await server?.close();
});

const body = Array.from({ length: 40 }, (_, i) => `def f${i}(x):\n    return x * ${i}\n`).join('');

function fim(prefix: string, over: Partial<FimRequest> = {}): GenerateRequest {
  return {
    prompt: '',
    fim: { family: 'deepseek-coder', path: 'main.py', language: 'python', prefix, suffix: '\n\nprint(1)\n', files: [], budgetTokens: 2048, ...over },
    maxNewTokens: 6,
    channel: 'completion',
  };
}

describe('background prefill (prefillOnly)', () => {
  it('computes the file up to the cursor line, so the next request reuses it and answers as a recompute does', async () => {
    const warm = await engine.generate(fim(`${body}def g`, { prefillOnly: true }));
    expect(warm.stopReason).toBe('prefilled');
    expect(warm.text).toBe('');
    expect(warm.stats.promptTokens).toBeGreaterThan(300);
    const real = await engine.generate(fim(`${body}def gr`));
    expect(real.stats.reusedTokens).toBeGreaterThanOrEqual(warm.stats.promptTokens - 1);
    const fresh = await engine.generate({ ...fim(`${body}def gr`), reuseCache: false });
    expect(real.text).toBe(fresh.text);
  });

  it('a real request cancels a running prefill within a chunk, and keeps what it computed', async () => {
    const other = `${body.replaceAll('x', 'y')}def h`;
    const warm = engine.generate(fim(other, { prefillOnly: true }));
    // Let the first chunk start, then ask for real (another channel, as a chat answer would).
    await new Promise((r) => setTimeout(r, 5));
    const real = engine.generate({ prompt: '# hello', maxNewTokens: 2, channel: 'generate' });
    expect((await warm).stopReason).toBe('interrupted');
    expect((await real).stats.generatedTokens).toBeGreaterThan(0);
  });
});
