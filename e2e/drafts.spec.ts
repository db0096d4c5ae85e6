// Speculative decoding in Chromium gives the text plain greedy decoding gives, on WASM and on
// WebGPU (where the cache is cut back on the GPU): each prompt runs through the worker's
// Engine with drafts off, then on (?diagnostics exposes it in the worker).
import { expect, test, type Page } from '@playwright/test';
import { ALL_SCRIPTS } from '../scripts/fixtures/scripted.ts';
import { DRAFT_CHECK_PROMPTS } from '../scripts/fixtures/draft-prompts.ts';
import { MODELS_URL, appUrl, disableCompletions, generate, loadModel, setPrompt, stats, trackErrors } from './helpers.ts';
import { engineWorker } from './chaos-helpers.ts';

const SCRIPTED = 'seekpad/tiny-deepseek-coder-scripted';
const script = (name: string) => ALL_SCRIPTS.find((s) => s.name === name)!;

const RANDOM_PROMPTS = DRAFT_CHECK_PROMPTS;
/** Every other one in the suite (edits, completion, chat and maths all stay): Node checks all 12 on 4 fixtures. */
const SUITE_RANDOM = RANDOM_PROMPTS.filter((_, i) => i % 2 === 0);

interface Pair {
  prompt: string;
  off: string;
  on: string;
  offTokens: number;
  onTokens: number;
  drafted: number;
  accepted: number;
}

type Ask = { prompt: string; maxNewTokens: number; stop?: string[] };

/** Each request with drafts off then on, in the worker, no cache reuse between them. */
async function pairs(page: Page, asks: Ask[]): Promise<Pair[]> {
  const worker = await engineWorker(page);
  return worker.evaluate(async (list) => {
    type Result = { text: string; stats: { generatedTokens: number }; drafts?: { drafted: number; accepted: number } };
    const engine = (self as unknown as { seekpadEngine: { generate(r: object): Promise<Result> } }).seekpadEngine;
    const out = [];
    for (const a of list) {
      const off = await engine.generate({ ...a, drafts: false, reuseCache: false });
      const on = await engine.generate({ ...a, reuseCache: false });
      out.push({ prompt: a.prompt.slice(0, 50), off: off.text, on: on.text, offTokens: off.stats.generatedTokens, onTokens: on.stats.generatedTokens, drafted: on.drafts?.drafted ?? -1, accepted: on.drafts?.accepted ?? -1 });
    }
    return out;
  }, asks);
}

async function open(page: Page, model: string, device: 'wasm' | 'webgpu', dtype: string): Promise<void> {
  await page.goto(appUrl({ model, host: MODELS_URL, device, dtype, diagnostics: '' }));
  await disableCompletions(page);
  await loadModel(page);
  await expect(page.getByTestId('device')).toHaveText(device);
}

function expectSame(results: Pair[]): { drafted: number; accepted: number } {
  for (const r of results) {
    expect(r.on, r.prompt).toBe(r.off);
    expect(r.onTokens, r.prompt).toBe(r.offTokens);
    expect(r.drafted, r.prompt).toBeGreaterThanOrEqual(0);
  }
  return { drafted: results.reduce((n, r) => n + r.drafted, 0), accepted: results.reduce((n, r) => n + r.accepted, 0) };
}

/** Every script in full, then cut by max tokens and by a stop sequence inside a copied run. */
// The gallery's scripts run in examples.spec, Evaluate mode's in eval.spec.
const scriptAsks: Ask[] = ALL_SCRIPTS.filter((s) => !s.name.startsWith('example-') && !s.name.startsWith('eval-')).flatMap((s) => [
  { prompt: s.prompt, maxNewTokens: 1000 },
  { prompt: s.prompt, maxNewTokens: 41, stop: ['return'] },
]);

test('WASM: 40 prompts on the scripted and random fixtures give the same text with drafts', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = trackErrors(page);
  await open(page, SCRIPTED, 'wasm', 'fp32');
  const scripted = expectSame(await pairs(page, scriptAsks));
  // The edit scripts copy their prompt: most drafted tokens are kept.
  expect(scripted.accepted).toBeGreaterThan(1000);
  let total = scriptAsks.length;
  // The coder, the math model and the base export (a merged decoder with an If on the cache).
  for (const [model, dtype] of [['seekpad/tiny-deepseek-coder', 'fp32'], ['seekpad/tiny-deepseek-math', 'fp32'], ['seekpad/tiny-deepseek-coder-base', 'fp32']] as const) {
    // Straight through the worker's engine: the page stays as it is.
    const spec = { id: model, host: MODELS_URL, device: 'wasm', dtype };
    await (await engineWorker(page)).evaluate((s) => (self as unknown as { seekpadEngine: { load(s: object): Promise<unknown> } }).seekpadEngine.load(s), spec);
    expectSame(await pairs(page, SUITE_RANDOM.map((prompt) => ({ prompt, maxNewTokens: 48 }))));
    total += SUITE_RANDOM.length;
  }
  expect(total).toBe(40);
  expect(errors).toEqual([]);
});

// SwiftShader is correct but slow (about half a second per token here): the suite runs one edit
// script, cut short; DRAFTS_FULL=1 runs all 34 requests (the random model too), 64 tokens at most
// (`npm run test:drafts-webgpu`). The scripted model's cache lives on the GPU, so every
// rejected draft is cut back there by the Slice graph.
const FULL = process.env.DRAFTS_FULL === '1';

test('WebGPU: the scripted and random fixtures give the same text with drafts, the cache cut on the GPU', async ({ page }) => {
  test.setTimeout(FULL ? 3_600_000 : 300_000);
  const errors = trackErrors(page);
  await open(page, SCRIPTED, 'webgpu', 'fp32');
  // The rename: its first drafts copy `lst` from the prompt and are cut back on the GPU.
  const short = [{ prompt: script('edit-rename').prompt, maxNewTokens: 20, stop: ['window'] }];
  // Up to 64 tokens each: a script's full answer takes minutes here without drafts.
  const asks = FULL ? scriptAsks.map((a) => ({ ...a, maxNewTokens: Math.min(a.maxNewTokens, 64) })) : short;
  const scripted = expectSame(await pairs(page, asks));
  expect(scripted.accepted).toBeGreaterThan(FULL ? 200 : 3);
  // Rejected drafts were cut out of a cache that stayed on the GPU.
  const diag = await (await engineWorker(page)).evaluate(() => (self as unknown as { seekpadEngine: { diagnostics(): Promise<{ gpuCrops: number }> } }).seekpadEngine.diagnostics());
  expect(diag.gpuCrops).toBeGreaterThan(0);
  // The random model's q4 on SwiftShader: in the full run only (its load alone takes a while).
  const random = FULL ? RANDOM_PROMPTS : [];
  if (FULL) {
    await open(page, 'seekpad/tiny-deepseek-coder', 'webgpu', 'q4');
    expectSame(await pairs(page, random.map((prompt) => ({ prompt, maxNewTokens: 48 }))));
  }
  console.log(`WebGPU drafts: ${asks.length + random.length} requests the same with drafts on and off; scripted drafted ${scripted.drafted}, accepted ${scripted.accepted}`);
  expect(errors).toEqual([]);
});

test('the status shows what drafts did for the last answer, and the switch turns them off and stays off', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: SCRIPTED, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await disableCompletions(page);
  await loadModel(page);
  const status = page.getByTestId('drafts-status');
  await expect(status).toContainText('No answer decoded with drafts yet');
  // The output panel continues the file as it is: here, the app's own "fix" prompt.
  await setPrompt(page, script('edit-fix-bug').prompt);
  await generate(page, 1000);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', 'eos');
  const withDrafts = await page.getByTestId('output-text').innerText();
  expect(withDrafts).toContain('amount += price * quantity');
  await expect(status).toContainText(/Last answer: \d+ of \d+ drafted tokens kept \(\d+%\) · \d+ tokens in \d+ passes · ~[\d.]+× the speed/);
  expect(Number(await status.getAttribute('data-accepted'))).toBeGreaterThan(300);

  const toggle = page.getByRole('checkbox', { name: 'Drafts (speculative decoding)' });
  await toggle.uncheck();
  await generate(page, 1000);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', 'eos');
  expect(await page.getByTestId('output-text').innerText()).toBe(withDrafts);
  // The answer came without drafts: no figures.
  await expect(status).toHaveText('Off: answers decode one token per pass.');
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Drafts (speculative decoding)' })).not.toBeChecked();
  expect(errors).toEqual([]);
});
