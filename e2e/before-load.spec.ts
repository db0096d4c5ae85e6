import { statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CODER, MODELS_URL, appUrl, disableCompletions, loadModel, modelRequests, trackErrors } from './helpers.ts';

const MODELS_DIR = path.resolve('e2e/.models');

test('before Load: the dtype this device will get, its download size, the room left and a speed expectation', async ({ page }) => {
  const errors = trackErrors(page);
  await modelRequests(page, true);
  await page.goto(appUrl({ model: CODER, host: MODELS_URL, device: 'wasm' }));
  await disableCompletions(page);
  const plan = page.getByTestId('load-plan');
  // The mirror has fp32, fp16, q8, q4 and q4f16: WASM takes q8, its fastest kernel here.
  await expect(plan).toHaveAttribute('data-dtype', 'q8');
  const size = statSync(path.join(MODELS_DIR, CODER, 'resolve/main/onnx/model_quantized.onnx')).size;
  await expect(plan).toHaveAttribute('data-bytes', String(size));
  await expect(plan).toContainText('downloads');
  await expect(plan).toContainText('free for this site');
  await expect(plan).toContainText(/Expect about [\d.]+ tokens\/s on \d WASM threads?/);
  // Asking costs HEAD requests only.
  expect((await modelRequests(page)).filter((r) => r.method === 'GET' && r.path.endsWith('.onnx'))).toEqual([]);

  await loadModel(page);
  await expect(page.getByTestId('dtype')).toHaveText('q8');
  // Loaded: the runtime panel takes over. On a later visit the plan says it is cached.
  await expect(plan).toHaveCount(0);
  await page.reload();
  await expect(plan).toHaveAttribute('data-cached', 'true');
  await expect(plan).toContainText('nothing to download');
  expect(errors).toEqual([]);
});
