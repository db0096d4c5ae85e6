// Figures for the engine, measured side by side in one run (issue 2's closing note):
//   npx tsx scripts/measure-engine.ts [rounds=3] [tokens=128] [idleMs=0]
// idleMs: wait that long after opening the page before pressing Load, as a user choosing a model
// would; the engine compiles ONNX Runtime's WASM meanwhile (Engine.prepare).
// Cold load (new browser profile: network fetch + runtime compile) and cached load (after a
// reload: Cache API, runtime compiled again) of tiny-deepseek-coder fp32 in the app, and decode
// tokens/s on WASM in Chromium against onnxruntime-node in Node, rounds alternating.
// Needs `npm run build` and `npm run fixtures`.
import { env } from '@huggingface/transformers';
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Engine } from '../workers/engine/engine.ts';
import { serve } from './serve.ts';

const APP = 4473;
const MODELS = APP + 1;
const rounds = Number(process.argv[2] ?? 3);
const tokens = Number(process.argv[3] ?? 128);
const idleMs = Number(process.argv[4] ?? 0);
const PROMPT = '# Return the sum of two numbers\ndef add';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timedLoad(page: Page): Promise<number> {
  const aside = page.locator('aside[data-loads]');
  const before = Number(await aside.getAttribute('data-loads'));
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Load model' }).click();
  await page.waitForFunction((n) => Number(document.querySelector('aside')?.dataset.loads) > n, before, { timeout: 180_000 });
  return Date.now() - t0;
}

async function browserRound() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${APP}/?model=seekpad/tiny-deepseek-coder&host=http://127.0.0.1:${MODELS}/&device=wasm&dtype=fp32`);
  await page.waitForTimeout(idleMs);
  const cold = await timedLoad(page);
  await page.reload();
  await page.waitForTimeout(idleMs);
  const cached = await timedLoad(page);
  await page.getByRole('checkbox', { name: 'Completions' }).uncheck();
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), PROMPT);
  await page.keyboard.press('ControlOrMeta+V');
  await page.getByLabel('Max new tokens').fill(String(tokens));
  await page.getByRole('button', { name: 'Generate' }).click();
  const stats = page.getByTestId('stats');
  await page.waitForFunction(() => document.querySelector('[data-testid=stats]')?.getAttribute('data-stop-reason'), null, { timeout: 120_000 });
  const text = (await stats.textContent()) ?? '';
  const tps = Number(/([\d.]+) tok\/s/.exec(text)?.[1] ?? NaN);
  const ttft = Number(/first token (\d+) ms/.exec(text)?.[1] ?? NaN);
  const generated = Number(await stats.getAttribute('data-generated-tokens'));
  const threads = await page.locator('details', { hasText: 'This browser' }).textContent();
  await browser.close();
  return { cold, cached, tps, ttft, generated, threads: /WASM threads: (\d+)/.exec(threads ?? '')?.[1] ?? '?' };
}

async function nodeRound(engine: Engine) {
  const r = await engine.generate({ prompt: PROMPT, maxNewTokens: tokens, reuseCache: false });
  return { tps: r.stats.tokensPerSecond, ttft: r.stats.ttftMs, generated: r.stats.generatedTokens };
}

const server = await serve({ root: 'dist', port: APP, models: 'e2e/.models', modelsPort: MODELS });
env.cacheDir = mkdtempSync(path.join(tmpdir(), 'seekpad-measure-'));
const engine = new Engine();
try {
  await engine.load({ id: 'seekpad/tiny-deepseek-coder', host: `http://127.0.0.1:${MODELS}/`, dtype: 'fp32' });
  const b: Awaited<ReturnType<typeof browserRound>>[] = [];
  const n: Awaited<ReturnType<typeof nodeRound>>[] = [];
  for (let i = 0; i < rounds; i++) {
    b.push(await browserRound());
    n.push(await nodeRound(engine));
  }
  const bt = median(b.map((x) => x.tps));
  const nt = median(n.map((x) => x.tps));
  console.log(`tiny-deepseek-coder fp32, ${tokens} new tokens, medians of ${rounds} alternating rounds`);
  console.log(`app load in Chromium, Load pressed ${idleMs} ms after opening: cold ${median(b.map((x) => x.cold))} ms, cached ${median(b.map((x) => x.cached))} ms (click Load to ready, warm-up included)`);
  console.log(`decode: Chromium WASM (${b[0].threads} threads) ${bt.toFixed(1)} tok/s, TTFT ${median(b.map((x) => x.ttft))} ms; Node onnxruntime-node ${nt.toFixed(1)} tok/s, TTFT ${median(n.map((x) => x.ttft)).toFixed(0)} ms`);
  console.log(`ratio Chromium/Node decode: ${(bt / nt).toFixed(2)}; generated ${b[0].generated} / ${n[0].generated} tokens`);
} finally {
  await engine.dispose();
  await server.close();
}
