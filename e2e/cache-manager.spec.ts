// The model cache manager lists what transformers.js stored, with sizes, and deletes a model so
// that the next load downloads it again; a picked folder loads with no request at all.
import { statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { APP_PORT } from './ports.ts';
import { CODER, MODELS_URL, appUrl, disableCompletions, generate, loadModel, modelRequests, setPrompt, stats, trackErrors } from './helpers.ts';
import { nodeGreedy } from './node-reference.ts';

const MODELS_DIR = 'e2e/.models';
const FOLDER = path.join(MODELS_DIR, CODER, 'resolve/main');

/** Bytes on disk of the files the model host served. */
function servedBytes(log: { path: string; status: number; method: string }[]): number {
  const files = new Set(log.filter((r) => r.status === 200 && r.method === 'GET').map((r) => r.path.split('?')[0]));
  return [...files].reduce((sum, p) => sum + statSync(path.join(MODELS_DIR, decodeURIComponent(p))).size, 0);
}

async function openManager(page: Page) {
  const manager = page.locator('details[aria-label="Model cache"]');
  if (!(await manager.evaluate((d) => (d as HTMLDetailsElement).open))) await manager.locator('summary').click();
  return manager;
}

test('lists a cached model with its size, deletes it, and the next load downloads again', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: CODER, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await modelRequests(page, true);
  await disableCompletions(page);
  await loadModel(page);
  const served = servedBytes(await modelRequests(page));
  expect(served).toBeGreaterThan(1_000_000);

  const manager = await openManager(page);
  const item = manager.locator(`li[data-model-id="${CODER}"]`);
  await expect(item).toBeVisible();
  // What is cached is exactly what was downloaded.
  expect(Number(await item.getAttribute('data-bytes'))).toBe(served);
  await expect(item).toContainText('MB');
  await expect(manager.getByTestId('storage-usage')).toContainText(/This site uses .+ of .+\./);

  await manager.getByRole('button', { name: 'Keep models (persistent storage)' }).click();
  await expect(manager.getByRole('status').filter({ hasText: /Persistent|Not granted/ })).toBeVisible();

  await item.getByRole('button', { name: `Delete ${CODER}` }).click();
  await expect(item).toHaveCount(0);
  await expect(manager).toContainText('No models cached.');

  await modelRequests(page, true);
  await loadModel(page);
  const again = await modelRequests(page);
  expect(again.some((r) => r.path.endsWith('/onnx/model.onnx') && r.status === 200)).toBe(true);
  await expect(item).toBeVisible();
  expect(errors).toEqual([]);
});

test('loads a model from a picked folder with no network', async ({ page }) => {
  const errors = trackErrors(page);
  const prompt = '# Sort a list\ndef sort_list';
  await page.goto(appUrl({ model: CODER, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await disableCompletions(page);
  const expected = await nodeGreedy(CODER, 'fp32', prompt, 12);
  await modelRequests(page, true);

  const aside = page.locator('aside[data-loads]');
  const before = Number(await aside.getAttribute('data-loads'));
  await page.getByLabel('Load from folder').setInputFiles(FOLDER);
  await expect(aside).toHaveAttribute('data-loads', String(before + 1), { timeout: 170_000 });
  await expect(page.getByTestId('device')).toHaveText('wasm');
  await expect(page.getByTestId('dtype')).toHaveText('fp32');

  await setPrompt(page, prompt);
  await generate(page, 12);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);
  await expect(page.getByTestId('output-text')).toHaveText(expected, { useInnerText: true });
  expect(await modelRequests(page)).toEqual([]);
  // Nothing was copied into the browser cache: the folder stays the only copy.
  const manager = await openManager(page);
  await expect(manager).toContainText('No models cached.');
  expect(errors).toEqual([]);
});

test.describe('with a small storage quota', () => {
  // The service worker would fill the quota with the app shell first.
  test.use({ serviceWorkers: 'block' });

  test('a model too large for the quota is refused before any request for its weights; loaded without keeping it, that is explained', async ({ page, context }) => {
    const errors = trackErrors(page);
    const cdp = await context.newCDPSession(page);
    // Room for config and tokenizer files (under 1 MB), not for the 16 MB ONNX file.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: `http://127.0.0.1:${APP_PORT}`, quotaSize: 4 * 2 ** 20 });
    await page.goto(appUrl({ model: CODER, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
    await disableCompletions(page);
    // Chromium enforces the override but still reports its own quota to estimate(): the engine
    // worker is told the overridden figure, as a small disk would tell it.
    await expect.poll(() => page.workers().some((w) => w.url().includes('engine'))).toBe(true);
    const worker = page.workers().find((w) => w.url().includes('engine'))!;
    await worker.evaluate((quota) => {
      navigator.storage.estimate = async () => ({ usage: 0, quota });
    }, 4 * 2 ** 20);
    await modelRequests(page, true);
    await page.getByRole('button', { name: 'Load model' }).click();
    const alert = page.locator('[role=alert][data-error-name="StorageFullError"]');
    await expect(alert).toContainText(/onnx\/model\.onnx needs [\d.]+ MB of storage, and this site may store [\d.]+ MB more/);
    await expect(alert).toContainText('Nothing was downloaded.');
    // Only HEAD requests reached the model file: its size, not its bytes.
    expect((await modelRequests(page)).filter((r) => r.path.endsWith('.onnx') && r.method === 'GET')).toEqual([]);
    await alert.getByRole('button', { name: 'Load without keeping it' }).click();
    await expect(page.locator('aside[data-loads]')).toHaveAttribute('data-loads', '1', { timeout: 170_000 });
    const manager = await openManager(page);
    await expect(manager.getByRole('alert')).toContainText('onnx/model.onnx');
    await expect(manager.getByRole('alert')).toContainText('storage quota exceeded');
    await expect(manager.getByRole('alert')).toContainText('Model cache');
    // Only the small files were kept.
    const item = manager.locator(`li[data-model-id="${CODER}"]`);
    await expect(item).toBeVisible();
    expect(Number(await item.getAttribute('data-bytes'))).toBeLessThan(2 ** 20);
    expect(errors).toEqual([]);
  });
});
