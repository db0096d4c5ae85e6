// Figures for the FIM completion path, measured in one run (issue 3's closing note):
//   npx tsx scripts/measure-completion.ts
// 1. In headless Chromium, the built app with the scripted fixture on WASM: keystroke to ghost
//    text (adaptive pause included), median and p95 over 50 completions.
// 2. In Node (onnxruntime-node), a ~1,500-token file and one keystroke: the prompt tokens the
//    second request computes, and its time to first token, with and without KV-prefix reuse
//    (alternating, 5 rounds, medians).
// Needs `npm run build` and `npm run fixtures`.
import { env } from '@huggingface/transformers';
import { chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Engine } from '../workers/engine/engine.ts';
import { serve } from './serve.ts';

const APP = 4373;
const MODELS = APP + 1;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

async function latency(rounds: number): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${APP}/?model=seekpad/tiny-deepseek-coder-scripted&host=http://127.0.0.1:${MODELS}/&device=wasm&dtype=fp32`);
  await page.getByRole('button', { name: 'Load model' }).click();
  await page.waitForSelector('[data-testid=device]', { timeout: 120_000 });
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate(() => navigator.clipboard.writeText('def fib(n):\n    x = 0\n\nprint(fib(10))'));
  await page.keyboard.press('ControlOrMeta+V');
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  const bar = page.getByRole('status', { name: 'Completion status' });
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // A new character each time: the cache cannot answer, the model must.
    const before = Number(await bar.getAttribute('data-requests'));
    const t0 = Date.now();
    await page.keyboard.type(String(i % 10));
    await page.waitForFunction(
      (n) => {
        const el = document.querySelector('[aria-label="Completion status"]') as HTMLElement | null;
        return el && Number(el.dataset.requests) > n && el.dataset.status === 'shown' && document.querySelector('.ghost-text-decoration, .ghost-text');
      },
      before,
      { timeout: 60_000 },
    );
    out.push(Date.now() - t0);
  }
  await browser.close();
  return out;
}

async function reuse(rounds: number) {
  env.cacheDir = mkdtempSync(path.join(tmpdir(), 'seekpad-measure-'));
  const engine = new Engine();
  await engine.load({ id: 'seekpad/tiny-deepseek-coder', host: `http://127.0.0.1:${MODELS}/`, dtype: 'fp32' });
  const lines = Array.from({ length: 82 }, (_, i) => `def f${i}(x):\n    return x * ${i} + ${i % 7}\n`);
  const prefix = lines.slice(0, 55).join('');
  const suffix = lines.slice(55).join('');
  const fim = (p: string) => ({ family: 'deepseek-coder' as const, path: 'a.py', language: 'python', prefix: p, suffix, files: [], budgetTokens: 4096 });
  const rows = { reuse: { computed: [] as number[], ttft: [] as number[] }, fresh: { computed: [] as number[], ttft: [] as number[] } };
  let promptTokens = 0;
  for (let r = 0; r < rounds; r++) {
    for (const mode of ['reuse', 'fresh'] as const) {
      await engine.generate({ prompt: '', fim: fim(prefix), maxNewTokens: 4, reuseCache: false });
      const res = await engine.generate({ prompt: '', fim: fim(`${prefix}def g`), maxNewTokens: 4, reuseCache: mode === 'reuse' });
      promptTokens = res.stats.promptTokens;
      rows[mode].computed.push(res.stats.promptTokens - res.stats.reusedTokens);
      rows[mode].ttft.push(res.stats.ttftMs);
    }
  }
  await engine.dispose();
  return { promptTokens, rows };
}

const server = await serve({ root: 'dist', port: APP, models: 'e2e/.models', modelsPort: MODELS });
try {
  const lat = await latency(50);
  console.log(`keystroke -> ghost text over ${lat.length} completions (Chromium, WASM, scripted fixture): median ${median(lat)} ms, p95 ${p95(lat)} ms`);
  const { promptTokens, rows } = await reuse(5);
  console.log(`second request on a ${promptTokens}-token FIM prompt after one keystroke (Node, tiny-deepseek-coder fp32, medians of 5):`);
  for (const mode of ['reuse', 'fresh'] as const) {
    console.log(`  ${mode === 'reuse' ? 'with reuse   ' : 'without reuse'}: ${median(rows[mode].computed)} prompt tokens computed, time to first token ${median(rows[mode].ttft).toFixed(1)} ms`);
  }
  console.log(`  ratio (without / with): ${(median(rows.fresh.ttft) / median(rows.reuse.ttft)).toFixed(2)}x`);
} finally {
  await server.close();
}
