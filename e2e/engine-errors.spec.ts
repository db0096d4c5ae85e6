import { expect, test } from '@playwright/test';
import { MODELS_URL, appUrl, loadModel, trackErrors } from './helpers.ts';

test('a missing model gives a typed error naming the file, and Retry reaches the engine again', async ({ page }) => {
  const errors = trackErrors(page);
  const offsite: string[] = [];
  page.context().on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') offsite.push(r.url());
  });
  await page.goto(appUrl({ model: 'seekpad/no-such-model', host: MODELS_URL, device: 'wasm' }));
  await page.getByRole('button', { name: 'Load model' }).click();
  const alert = page.locator('[data-error-name]');
  await expect(alert).toHaveAttribute('data-error-name', 'ModelFileNotFoundError');
  await expect(alert).toContainText('config.json');
  await expect(alert).toContainText('Check the model id');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('[data-error-name]')).toHaveAttribute('data-error-name', 'ModelFileNotFoundError');

  // The same page then loads a real model: the engine survived the failures.
  await page.getByLabel('Hub id').fill('seekpad/tiny-deepseek-coder');
  await page.getByLabel('dtype').selectOption('q4');
  await loadModel(page);
  await expect(page.getByTestId('dtype')).toHaveText('q4');
  await expect(page.locator('[data-error-name]')).toHaveCount(0);
  // Everything, ONNX Runtime's WASM included, came from this machine: never a CDN.
  expect(offsite).toEqual([]);
  expect(errors).toEqual([]);
});
