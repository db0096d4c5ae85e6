// The engine in-process on onnxruntime-node, against the fixture models served over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtures } from '../../tests/helpers/fixture-server.ts';
import { Engine } from './engine.ts';
import { EngineError } from '../../src/contract/errors.ts';
import type { GenerateChunk, LoadProgress, ModelSpec } from '../../src/contract/engine-api.ts';

const PORT = 4391;
const host = `http://127.0.0.1:${PORT + 1}/`;
const coder: ModelSpec = { id: 'seekpad/tiny-deepseek-coder', host, dtype: 'fp32' };
const PROMPT = '# Return the sum of two numbers\ndef add';

let server: { close: () => Promise<void> };
const engine = new Engine();

beforeAll(async () => {
  server = await serveFixtures(PORT);
});
afterAll(async () => {
  await engine.dispose();
  await server?.close();
});

async function rejection(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof EngineError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('Engine (Node, onnxruntime-node)', () => {
  it('refuses to generate before a load, with a typed error', async () => {
    const e = await rejection(new Engine().generate({ prompt: 'x' }));
    expect(e.name).toBe('NoModelLoadedError');
  });

  it('loads with per-file progress and a total, then warms up', async () => {
    const events: LoadProgress[] = [];
    const info = await engine.load(coder, (p) => events.push(p));
    expect(info).toMatchObject({ device: 'cpu', dtype: 'fp32', modelId: coder.id });
    expect(info.eosTokenIds).toContain(32014);
    expect(info.warmupMs).toBeGreaterThan(0);
    const phases = events.map((e) => e.phase);
    expect(phases[0]).toBe('check');
    expect(phases).toContain('download');
    expect(phases).toContain('warmup');
    expect(phases.at(-1)).toBe('ready');
    // The graph arrived, then ORT built the session: the phase said so in between.
    expect(phases.indexOf('session')).toBeGreaterThan(phases.indexOf('download'));
    // The warm-up measured a prefill (33 to 64 tokens) and a decode rate.
    expect(info.rates?.prefill.map((p) => p.tokens)).toEqual([64]);
    expect(info.rates?.decodeTokensPerSecond).toBeGreaterThan(0);
    const last = events.at(-1)!;
    const onnx = last.files.find((f) => f.file === 'onnx/model.onnx');
    expect(onnx?.status).toBe('done');
    expect(onnx?.total).toBeGreaterThan(1_000_000);
    expect(last.files.map((f) => f.file)).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json']));
    expect(last.total).toBeGreaterThanOrEqual(onnx!.total);
  });

  it('streams chunks that add up to the text, with stats', async () => {
    const chunks: GenerateChunk[] = [];
    const r = await engine.generate({ prompt: PROMPT, maxNewTokens: 12 }, (c) => chunks.push(c));
    expect(r.stopReason === 'max-tokens' || r.stopReason === 'eos').toBe(true);
    expect(chunks.map((c) => c.delta).join('')).toBe(r.text);
    expect(r.stats.generatedTokens).toBeLessThanOrEqual(12);
    expect(r.stats.promptTokens).toBeGreaterThan(5);
    expect(r.stats.ttftMs).toBeGreaterThan(0);
    expect(r.stats.tokensPerSecond).toBeGreaterThan(0);
    // Every result carries the rates, this generation's passes included.
    expect(r.rates!.samples).toBeGreaterThan(12);
    // Greedy: the same prompt gives the same text.
    expect((await engine.generate({ prompt: PROMPT, maxNewTokens: 12 })).text).toBe(r.text);
  });

  it('merges deltas into fewer chunks as the request asks (chunkIntervalMs)', async () => {
    const every: GenerateChunk[] = [];
    const r = await engine.generate({ prompt: PROMPT, maxNewTokens: 12, chunkIntervalMs: 0 }, (c) => every.push(c));
    const merged: GenerateChunk[] = [];
    await engine.generate({ prompt: PROMPT, maxNewTokens: 12, chunkIntervalMs: 60_000 }, (c) => merged.push(c));
    expect(every.length).toBeGreaterThan(3);
    // The first delta is never held; the rest come at the end, in one chunk.
    expect(merged.length).toBeLessThanOrEqual(2);
    expect(merged.map((c) => c.delta).join('')).toBe(r.text);
  });

  it('stops at a stop sequence and leaves it out', async () => {
    const full = await engine.generate({ prompt: PROMPT, maxNewTokens: 24 });
    const probe = full.text.trim().slice(2, 5);
    expect(probe.length).toBe(3);
    const cut = full.text.indexOf(probe);
    const r = await engine.generate({ prompt: PROMPT, maxNewTokens: 24, stop: [probe] });
    expect(r.stopReason).toBe('stop-sequence');
    expect(r.text).toBe(full.text.slice(0, cut));
  });

  it('interrupt() stops within one token', async () => {
    let seen = 0;
    const run = engine.generate({ prompt: PROMPT, maxNewTokens: 3000 }, () => {
      if (++seen === 3) void engine.interrupt();
    });
    const r = await run;
    expect(r.stopReason).toBe('interrupted');
    expect(r.stats.tokensAfterInterrupt).not.toBeNull();
    expect(r.stats.tokensAfterInterrupt!).toBeLessThanOrEqual(1);
    expect(r.stats.generatedTokens).toBeLessThan(3000);
  });

  it('queues a second request instead of failing with "Session already started"', async () => {
    const [a, b] = await Promise.all([
      engine.generate({ prompt: PROMPT, maxNewTokens: 6 }),
      engine.generate({ prompt: 'def sub', maxNewTokens: 6 }),
    ]);
    expect(a.stats.generatedTokens).toBeGreaterThan(0);
    expect(b.stats.generatedTokens).toBeGreaterThan(0);
  });

  it('a superseding request interrupts the running one and drops queued ones', async () => {
    const first = engine.generate({ prompt: PROMPT, maxNewTokens: 3000 });
    const queued = engine.generate({ prompt: PROMPT, maxNewTokens: 3000 });
    await new Promise((r) => setTimeout(r, 50));
    const last = engine.generate({ prompt: PROMPT, maxNewTokens: 4, mode: 'supersede' });
    const [a, b, c] = await Promise.all([first, queued, last]);
    expect(a.stopReason).toBe('interrupted');
    expect(b).toMatchObject({ stopReason: 'interrupted', text: '' });
    expect(c.stats.generatedTokens).toBeGreaterThan(0);
  });

  it('KV-prefix reuse gives exactly the output of a recompute: appended and edited prompts', async () => {
    const base = `${PROMPT}(a, b):\n    return`;
    await engine.generate({ prompt: base, maxNewTokens: 8 });
    const appended = `${base} a`;
    const reused = await engine.generate({ prompt: appended, maxNewTokens: 8 });
    const fresh = await engine.generate({ prompt: appended, maxNewTokens: 8, reuseCache: false });
    expect(reused.stats.reusedTokens).toBeGreaterThan(10);
    expect(fresh.stats.reusedTokens).toBe(0);
    expect(reused.text).toBe(fresh.text);

    // An edit in the middle keeps the tokens before it (the cache is cropped).
    const edited = appended.replace('two numbers', 'two integers');
    const cropped = await engine.generate({ prompt: edited, maxNewTokens: 8 });
    const recomputed = await engine.generate({ prompt: edited, maxNewTokens: 8, reuseCache: false });
    expect(cropped.stats.reusedTokens).toBeGreaterThan(3);
    expect(cropped.stats.reusedTokens).toBeLessThan(cropped.stats.promptTokens);
    expect(cropped.text).toBe(recomputed.text);

    // The same prompt twice: everything but the last token comes from the cache.
    const again = await engine.generate({ prompt: edited, maxNewTokens: 8 });
    expect(again.stats.reusedTokens).toBe(again.stats.promptTokens - 1);
    expect(again.text).toBe(recomputed.text);
  });

  it('sampling: a seed reproduces the text, and top-p really applies', async () => {
    const sample = (seed: number, topP?: number) =>
      engine.generate({ prompt: PROMPT, maxNewTokens: 16, temperature: 1.5, seed, ...(topP ? { topP } : {}), reuseCache: false });
    const a = await sample(7);
    const b = await sample(7);
    expect(b.text).toBe(a.text);
    const others = await Promise.all([sample(8), sample(9), sample(10)]);
    expect(others.some((o) => o.text !== a.text)).toBe(true);
    // With a tiny nucleus only the most likely token survives: sampling equals greedy.
    const greedy = await engine.generate({ prompt: PROMPT, maxNewTokens: 16, reuseCache: false });
    expect((await sample(11, 1e-6)).text).toBe(greedy.text);
  });

  it('names the missing file when a dtype does not exist, then loads another model', async () => {
    // The math fixture ships fp32 and q4 only.
    const e = await rejection(engine.load({ ...coder, id: 'seekpad/tiny-deepseek-math', dtype: 'q8' }));
    expect(e.name).toBe('ModelFileNotFoundError');
    expect(e.file).toBe('onnx/model_quantized.onnx');
    const e2 = await rejection(engine.load({ ...coder, id: 'seekpad/no-such-model' }));
    expect(e2.name).toBe('ModelFileNotFoundError');
    const info = await engine.load({ ...coder, dtype: 'q4' });
    expect(info.dtype).toBe('q4');
    expect((await engine.generate({ prompt: PROMPT, maxNewTokens: 3 })).stats.generatedTokens).toBeGreaterThan(0);
  });

  it('a cancelled load rejects with LoadCancelledError', async () => {
    const e2 = new Engine();
    const p = e2.load(coder);
    await e2.cancelLoad();
    expect((await rejection(p)).name).toBe('LoadCancelledError');
    await e2.dispose();
  });
});
