import { expect, test, type Page } from '@playwright/test';
import { MODELS_URL, appUrl, disableCompletions, generate, loadModel, modelRequests, setPrompt, stats, trackErrors } from './helpers.ts';
import { nodeGreedy } from './node-reference.ts';

// The base model's repository layout: a merged decoder in fp32 and 8-bit MatMulInteger only.
const BASE = 'seekpad/tiny-deepseek-coder-base';
const BASE_Q4 = 'seekpad/tiny-deepseek-coder-base-q4';
const FIM = '<｜fim▁begin｜>def add(a, b):\n    <｜fim▁hole｜>\n\nprint(add(1, 2))<｜fim▁end｜>';
const MATMULS = ['MatMul', 'MatMulInteger', 'MatMulNBits', 'DynamicQuantizeLinear'];

async function cachedFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await (await caches.open('transformers-cache')).keys()).map((r) => new URL(r.url).pathname));
}

async function offGpu(page: Page): Promise<string[]> {
  const placement = page.getByTestId('placement');
  await expect(placement).toHaveAttribute('data-checked', 'true');
  return placement.locator('li code').allTextContents();
}

// SwiftShader WebGPU: correct, slow; placement and text, not speed.
test('8-bit weights become a cached 4-bit model that runs its matmuls on WebGPU and writes the 4-bit export\'s text, on WebGPU and WASM', async ({ page }) => {
  test.setTimeout(420_000);
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: BASE, host: MODELS_URL, device: 'webgpu' }));
  await disableCompletions(page);
  await modelRequests(page, true);
  await loadModel(page);
  await expect(page.getByTestId('device')).toHaveText('webgpu');
  await expect(page.getByTestId('dtype')).toHaveText('q4');
  const reason = page.getByTestId('runtime-reason');
  await expect(reason).toContainText('converted to 4-bit for the GPU');
  await expect(reason).toContainText(/MB -> .* MB, [\d.]+ s, once/);
  // Chosen from the files the mirror really has (HEAD requests), not from a catalog.
  await expect(reason).toContainText("The model's files: fp32, q8");
  expect((await offGpu(page)).filter((op) => MATMULS.includes(op))).toEqual([]);
  // Kept beside the downloads, replacing the 8-bit file.
  const files = await cachedFiles(page);
  expect(files.some((f) => f.endsWith(`${BASE}/resolve/main/onnx/decoder_model_merged_q4.onnx`))).toBe(true);
  expect(files.some((f) => f.endsWith('_quantized.onnx'))).toBe(false);

  const expected = await nodeGreedy(BASE_Q4, 'q4', FIM, 3, 'decoder_model_merged');
  expect(expected.length).toBeGreaterThan(0);
  await setPrompt(page, FIM);
  await generate(page, 3);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/, { timeout: 240_000 });
  await expect(page.getByTestId('output-text')).toHaveText(expected, { useInnerText: true });

  // A later visit loads the cached 4-bit model without converting or downloading the 8-bit one.
  await page.reload();
  await modelRequests(page, true);
  await loadModel(page);
  await expect(page.getByTestId('dtype')).toHaveText('q4');
  await expect(reason).toContainText('made on an earlier visit');
  expect((await modelRequests(page)).filter((r) => r.method === 'GET' && r.path.endsWith('.onnx'))).toEqual([]);

  // The same 4-bit copy on WASM writes the same text.
  await page.getByLabel('Device').selectOption('wasm');
  await page.getByLabel('dtype').selectOption('q4');
  await loadModel(page);
  await expect(page.getByTestId('device')).toHaveText('wasm');
  await expect(page.getByTestId('dtype')).toHaveText('q4');
  expect((await modelRequests(page)).filter((r) => r.method === 'GET' && r.path.endsWith('.onnx'))).toEqual([]);
  await setPrompt(page, FIM);
  await generate(page, 3);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);
  await expect(page.getByTestId('output-text')).toHaveText(expected, { useInnerText: true });
  expect(errors).toEqual([]);
});

test('today\'s 8-bit graph on WebGPU: the placement line lists its matmuls on the CPU', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: BASE, host: MODELS_URL, device: 'webgpu', dtype: 'q8' }));
  await disableCompletions(page);
  await loadModel(page);
  await expect(page.getByTestId('dtype')).toHaveText('q8');
  const ops = await offGpu(page);
  // 7 projections a layer and the head, in both branches of the merged decoder.
  expect(ops.filter((op) => op === 'MatMulInteger').length).toBeGreaterThanOrEqual(15);
  await expect(page.getByTestId('placement')).toContainText('matmul-class');
  expect(errors).toEqual([]);
});
