import { expect, test } from '@playwright/test';
import { CODER, MODELS_URL, appUrl, disableCompletions, generate, loadModel, setPrompt, stats, trackErrors } from './helpers.ts';

// SwiftShader: correct but slow, and without shader-f16.
test('WebGPU path generates, and never picks an f16 dtype without shader-f16', async ({ page }) => {
  test.setTimeout(360_000);
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: CODER, host: MODELS_URL, device: 'webgpu' }));
  await disableCompletions(page);
  await loadModel(page);
  await expect(page.getByTestId('device')).toHaveText('webgpu');
  await expect(page.getByTestId('dtype')).toHaveText('q4');
  await expect(page.getByTestId('runtime-reason')).toContainText('shader-f16');

  await setPrompt(page, 'def add');
  await generate(page, 3);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/, { timeout: 240_000 });
  expect(Number(await stats(page).getAttribute('data-generated-tokens'))).toBeGreaterThan(0);

  // Asking for q4f16 outright still runs q4, and says why.
  await page.getByLabel('dtype').selectOption('q4f16');
  await loadModel(page);
  await expect(page.getByTestId('dtype')).toHaveText('q4');
  await expect(page.getByTestId('runtime-reason')).toContainText('q4f16 was asked for');
  expect(errors).toEqual([]);
});
