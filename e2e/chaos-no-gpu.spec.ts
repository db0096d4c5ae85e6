// A browser without WebGPU, with WebGPU asked for: WASM runs the model with a notice saying why.
import { expect, test } from '@playwright/test';
import { CODER, MODELS_URL, appUrl, disableCompletions, generate, loadModel, setPrompt, stats, trackErrors } from './helpers.ts';
import { alert } from './chaos-helpers.ts';

// Without --enable-unsafe-webgpu, Chromium offers no adapter here (CPU adapters are blocklisted).
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [] } });

test('WebGPU asked for: WASM runs the model, says why, and generates', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: CODER, host: MODELS_URL, device: 'webgpu', dtype: 'q4f16' }));
  await disableCompletions(page);
  await loadModel(page);
  await expect(page.getByTestId('device')).toHaveText('wasm');
  await expect(page.getByTestId('dtype')).toHaveText('q4');
  await expect(page.getByTestId('runtime-reason')).toContainText('WebGPU was asked for but is unavailable');
  await setPrompt(page, 'def add');
  await generate(page, 4);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);
  await expect(alert(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});
