// Download faults on the model host: each gives an error naming the file and a Retry that works,
// and no partial file ever reaches the browser's model cache.
import { expect, test } from '@playwright/test';
import { CODER, MODELS_URL, appUrl, disableCompletions, generate, loadModel, modelRequests, stats, trackErrors } from './helpers.ts';
import { alert, cachedFiles, hostLog, expectCacheWhole, injectFault, resetFaults } from './chaos-helpers.ts';

const MODEL_FILE = 'onnx/model_q4.onnx';
const MODEL_PATH = `tiny-deepseek-coder/resolve/main/${MODEL_FILE}`;

const modelCached = async (page: Parameters<typeof cachedFiles>[0]) => (await cachedFiles(page)).some((f) => f.url.endsWith(MODEL_FILE));

test.beforeEach(async ({ page }) => {
  await resetFaults(page);
  // ?stall=5: a download with no data for 5 s fails (30 s by default), so the test need not wait.
  await page.goto(appUrl({ model: CODER, host: MODELS_URL, device: 'wasm', dtype: 'q4', stall: '5' }));
  await disableCompletions(page);
});

test.afterEach(async ({ page }) => {
  await resetFaults(page);
});

test('a cut download, a 404 and a 500: each names the file, Retry works, nothing partial is cached', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = trackErrors(page);
  const cases = [
    { kind: 'cut', error: 'DownloadError', says: 'connection broke' },
    { kind: '404', error: 'ModelFileNotFoundError', says: 'was not found' },
    { kind: '500', error: 'DownloadError', says: 'Internal server error' },
  ] as const;
  let first = true;
  for (const c of cases) {
    await injectFault(page, MODEL_PATH, c.kind);
    await modelRequests(page, true);
    if (first) await page.getByRole('button', { name: 'Load model' }).click();
    else await alert(page).getByRole('button', { name: 'Retry' }).click();
    first = false;
    await expect(alert(page)).toHaveAttribute('data-error-name', c.error);
    await expect(alert(page)).toContainText(MODEL_FILE);
    await expect(alert(page)).toContainText(c.says);
    await expect(page.locator('aside')).toHaveAttribute('data-phase', 'error');
    // The fault really hit the model file.
    expect((await hostLog(page)).some((r) => r.path.endsWith(MODEL_FILE) && r.fault === c.kind)).toBe(true);
    expect(await modelCached(page)).toBe(false);
    await expectCacheWhole(page);
  }
  // No fault left: Retry loads, and the model generates.
  await alert(page).getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('aside')).toHaveAttribute('data-loads', '1', { timeout: 170_000 });
  await expect(alert(page)).toHaveCount(0);
  const files = await expectCacheWhole(page);
  expect(files.some((f) => f.url.endsWith(MODEL_FILE))).toBe(true);
  await generate(page, 3);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);
  expect(errors).toEqual([]);
});

test('a stalled download: Cancel leaves nothing behind; left alone, it fails after the stall timeout and Retry works', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = trackErrors(page);
  // Headers, then silence: the load waits on the model file until cancelled.
  await injectFault(page, MODEL_PATH, 'stall');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect.poll(async () => (await hostLog(page)).some((r) => r.path.endsWith(MODEL_FILE) && r.fault === 'stall')).toBe(true);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(alert(page)).toHaveAttribute('data-error-name', 'LoadCancelledError');
  expect(await modelCached(page)).toBe(false);
  await expectCacheWhole(page);

  // Stalled again, and nobody cancels: the engine gives up after its stall timeout.
  await injectFault(page, MODEL_PATH, 'stall');
  const t0 = Date.now();
  await alert(page).getByRole('button', { name: 'Retry' }).click();
  await expect(alert(page)).toHaveAttribute('data-error-name', 'DownloadError', { timeout: 120_000 });
  const waited = Date.now() - t0;
  await expect(alert(page)).toContainText(MODEL_FILE);
  await expect(alert(page)).toContainText('no data arrived for 5 s');
  test.info().annotations.push({ type: 'stall-detected-after-ms', description: String(waited) });
  expect(await modelCached(page)).toBe(false);
  await expectCacheWhole(page);

  await alert(page).getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('aside')).toHaveAttribute('data-loads', '1', { timeout: 170_000 });
  await expect(alert(page)).toHaveCount(0);
  await generate(page, 3);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);
  expect(errors).toEqual([]);
});

test('a load cancelled mid-download leaves no partial file, and the next load works', async ({ page }) => {
  const errors = trackErrors(page);
  await injectFault(page, MODEL_PATH, 'stall');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.locator(`[data-file="${MODEL_FILE}"]`)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(alert(page)).toHaveAttribute('data-error-name', 'LoadCancelledError');
  await expectCacheWhole(page);
  await loadModel(page);
  await expect(alert(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});
