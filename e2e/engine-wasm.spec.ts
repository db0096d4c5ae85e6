import { expect, test } from '@playwright/test';
import { CODER, MODELS_URL, appUrl, disableCompletions, generate, loadModel, modelRequests, openCoderLoaded, LONG_PROMPT, setPrompt, stats, trackErrors } from './helpers.ts';
import { nodeGreedy } from './node-reference.ts';
import { engineWorker } from './chaos-helpers.ts';

const PROMPT = LONG_PROMPT;

test('loads with per-file progress, streams the greedy text Node computes, and reloads from cache', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: CODER, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await modelRequests(page, true);
  await disableCompletions(page);
  await loadModel(page);

  await expect(page.getByTestId('device')).toHaveText('wasm');
  await expect(page.getByTestId('dtype')).toHaveText('fp32');
  // The warm-up measured this device: a prefill and a decode rate.
  await expect(page.getByTestId('rates')).toContainText(/prefill ~[\d.]+ tokens\/s \(prompts of 33–64 tokens\), decode ~[\d.]+ tokens\/s/);
  // Progress reached the page: a bar per file, complete, and a total.
  const onnx = page.getByRole('progressbar', { name: 'onnx/model.onnx', exact: true });
  await expect(onnx).toBeVisible();
  const max = Number(await onnx.getAttribute('max'));
  expect(max).toBeGreaterThan(1_000_000);
  expect(Number(await onnx.getAttribute('value'))).toBe(max);
  await expect(page.getByRole('progressbar', { name: 'config.json', exact: true })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'tokenizer.json', exact: true })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Total' })).toBeVisible();
  const firstLoad = await modelRequests(page);
  expect(firstLoad.some((r) => r.path.endsWith('/onnx/model.onnx'))).toBe(true);

  const expected = await nodeGreedy(CODER, 'fp32', PROMPT, 24);
  expect(expected.length).toBeGreaterThan(0);
  await setPrompt(page, PROMPT);
  await generate(page, 24);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);
  await expect(page.getByTestId('output-text')).toHaveText(expected, { useInnerText: true });
  await expect(stats(page)).toContainText('tok/s');
  // Without ?diagnostics the engine worker exposes nothing on its global scope.
  expect(await (await engineWorker(page)).evaluate(() => 'seekpadEngine' in self)).toBe(false);

  // A second load of the same model, after a reload, makes no model-file requests.
  await modelRequests(page, true);
  await page.reload();
  await loadModel(page);
  await expect(page.getByTestId('dtype')).toHaveText('fp32');
  expect(await modelRequests(page)).toEqual([]);
  await expect(page.locator('[data-file="onnx/model.onnx"]')).toContainText('cached');
  expect(errors).toEqual([]);
});

test('Stop ends a long generation within one token, and soon after the click', async ({ page }) => {
  const errors = trackErrors(page);
  await openCoderLoaded(page);
  await setPrompt(page, PROMPT);
  await generate(page, 4000);
  await expect.poll(async () => Number(await stats(page).getAttribute('data-generated-tokens'))).toBeGreaterThan(5);
  // The click and the result, timed in the page: "within one token" counts from when the worker
  // sees the interrupt, so a Stop that reached it late would pass that check alone.
  const timed = await page.evaluate(
    () =>
      new Promise<{ ms: number; tokenMs: number }>((resolve) => {
        const el = document.querySelector<HTMLElement>('[data-testid=stats]')!;
        const stop = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Stop')!;
        // This generation's own pace so far, from its live rate (tok/s in the stats line).
        const rate = Number(/([\d.]+) tok\/s/.exec(el.textContent ?? '')?.[1]);
        const t0 = performance.now();
        new MutationObserver(() => {
          if (el.dataset.stopReason) resolve({ ms: performance.now() - t0, tokenMs: 1000 / rate });
        }).observe(el, { attributes: true });
        stop.click();
      }),
  );
  console.log(`Stop: result ${timed.ms.toFixed(0)} ms after the click; a token took ${timed.tokenMs.toFixed(1)} ms`);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', 'interrupted');
  const after = Number(await stats(page).getAttribute('data-tokens-after-interrupt'));
  expect(after).toBeLessThanOrEqual(1);
  // The page hears of the end within a few tokens' time (a message each way and one token, with
  // room for a busy 2-core machine); a Stop queued behind the generation would take its whole length.
  expect(Number.isFinite(timed.tokenMs)).toBe(true);
  expect(timed.ms).toBeLessThan(Math.max(500, 10 * timed.tokenMs));
  expect(Number(await stats(page).getAttribute('data-generated-tokens'))).toBeLessThan(4000);
  await expect(page.getByRole('button', { name: 'Generate' })).toBeEnabled();
  expect(errors).toEqual([]);
});
