import { expect, test, type Page } from '@playwright/test';
import { MODELS_URL, appUrl, loadModel, trackErrors } from './helpers.ts';

const bar = (page: Page) => page.getByRole('status', { name: 'Completion status' });

test('opening another file warms its context in the background: the first suggestion there reuses it', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: 'seekpad/tiny-deepseek-coder-scripted', host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await loadModel(page);
  await page.getByRole('tab', { name: 'utils.py' }).click();
  await page.locator('.editor[data-ready="true"]').waitFor();
  await page.locator('.monaco-editor [role="textbox"]').first().focus();
  await page.keyboard.press('ControlOrMeta+End');
  // No completion was asked for in this file, yet its prompt's start is computed.
  await expect(bar(page)).toHaveAttribute('data-warm-done', 'true', { timeout: 30_000 });
  const warmed = Number(await bar(page).getAttribute('data-warm-tokens'));
  expect(warmed).toBeGreaterThan(20);
  await expect(page.getByTestId('warm-context')).toContainText(`${warmed} tokens computed ahead`);
  const requests = Number(await bar(page).getAttribute('data-requests'));
  await page.keyboard.press('Alt+Backslash');
  await expect(bar(page)).toHaveAttribute('data-status', /shown|empty/);
  expect(Number(await bar(page).getAttribute('data-requests'))).toBe(requests + 1);
  const reused = Number(/(\d+)\/\d+ prompt tokens reused/.exec((await bar(page).textContent()) ?? '')?.[1]);
  expect(reused).toBeGreaterThanOrEqual(warmed - 1);
  expect(errors).toEqual([]);
});
