import { expect, test } from '@playwright/test';
import { CODER, MODELS_URL, appUrl, disableCompletions, generate, loadModel, setPrompt, stats, trackErrors } from './helpers.ts';
import { nodeGreedy } from './node-reference.ts';

// SwiftShader: correct but slow, and without shader-f16.
test('WebGPU path generates the greedy text Node computes, and never picks an f16 dtype without shader-f16', async ({ page }) => {
  test.setTimeout(360_000);
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: CODER, host: MODELS_URL, device: 'webgpu' }));
  await disableCompletions(page);
  await loadModel(page);
  await expect(page.getByTestId('device')).toHaveText('webgpu');
  await expect(page.getByTestId('dtype')).toHaveText('q4');
  await expect(page.getByTestId('runtime-reason')).toContainText('shader-f16');

  // onnxruntime-node on the CPU, same fixture and dtype (q4, asserted above): SwiftShader's q4
  // (MatMulNBits) gave the same 12 greedy tokens here, so equal text is asserted, not a count.
  const expected = await nodeGreedy(CODER, 'q4', 'def add', 8);
  await setPrompt(page, 'def add');
  await generate(page, 8);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', 'max-tokens', { timeout: 240_000 });
  await expect(page.getByTestId('output-text')).toHaveText(expected, { useInnerText: true });

  // Asking for q4f16 outright still runs q4, and says why.
  await page.getByLabel('dtype').selectOption('q4f16');
  await loadModel(page);
  await expect(page.getByTestId('dtype')).toHaveText('q4');
  await expect(page.getByTestId('runtime-reason')).toContainText('q4f16 was asked for');
  expect(errors).toEqual([]);
});
