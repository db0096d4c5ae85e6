// GPU faults with WebGPU asked for: no shader-f16 (SwiftShader) and a device lost in the middle of
// a generation (no adapter at all: chaos-no-gpu.spec.ts). WASM takes over with a notice, and the
// generation completes.
import { expect, test, type Page } from '@playwright/test';
import { CODER, MODELS_URL, appUrl, disableCompletions, generate, loadModel, setPrompt, stats, trackErrors } from './helpers.ts';
import { alert, engineWorker } from './chaos-helpers.ts';
import { nodeGreedy } from './node-reference.ts';

const open = (page: Page, dtype: string) => page.goto(appUrl({ model: CODER, host: MODELS_URL, device: 'webgpu', dtype, diagnostics: '' }));
const tokens = async (page: Page) => Number(await stats(page).getAttribute('data-generated-tokens'));

test('q4f16 without shader-f16 runs q4; a device lost mid-generation hands over to WASM and the text completes', async ({ page }) => {
  test.setTimeout(480_000);
  const errors = trackErrors(page);
  await open(page, 'q4f16');
  await disableCompletions(page);
  // Keep the GPUDevice ONNX Runtime creates, to destroy it later (the probe makes none).
  const worker = await engineWorker(page);
  await worker.evaluate(() => {
    const scope = self as unknown as { lostTestDevices: GPUDevice[] };
    scope.lostTestDevices = [];
    const original = GPUAdapter.prototype.requestDevice;
    GPUAdapter.prototype.requestDevice = async function (this: GPUAdapter, ...args: Parameters<GPUAdapter['requestDevice']>) {
      const device = await original.apply(this, args);
      scope.lostTestDevices.push(device);
      return device;
    };
  });
  await loadModel(page);
  await expect(page.getByTestId('device')).toHaveText('webgpu');
  await expect(page.getByTestId('dtype')).toHaveText('q4');
  await expect(page.getByTestId('runtime-reason')).toContainText('q4f16 was asked for, but this GPU lacks shader-f16');
  expect(await worker.evaluate(() => (self as unknown as { lostTestDevices: GPUDevice[] }).lostTestDevices.length)).toBe(1);

  // The run's greedy text, GPU part and WASM part alike: onnxruntime-node's on the q4 it loaded.
  const maxTokens = 8;
  const expected = await nodeGreedy(CODER, 'q4', 'def add', maxTokens);
  await setPrompt(page, 'def add');
  await generate(page, maxTokens);
  await expect.poll(() => tokens(page), { timeout: 240_000 }).toBeGreaterThan(0);
  const textBefore = (await page.getByTestId('output-text').textContent()) ?? '';
  // What the page shows when it switches to WASM, before any WASM token can arrive.
  await page.evaluate(() => {
    const scope = window as unknown as { atSwitch?: { tokens: number; text: string } };
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-testid=device]')?.textContent?.trim() !== 'wasm') return;
      const stats = document.querySelector<HTMLElement>('[data-testid=stats]');
      scope.atSwitch = { tokens: Number(stats?.dataset.generatedTokens), text: document.querySelector('[data-testid=output-text]')?.textContent ?? '' };
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await worker.evaluate(() => (self as unknown as { lostTestDevices: GPUDevice[] }).lostTestDevices.forEach((d) => d.destroy()));

  await expect(page.getByTestId('device')).toHaveText('wasm', { timeout: 120_000 });
  await expect(page.getByTestId('runtime-reason')).toContainText('The GPU failed during generation');
  await expect(page.getByTestId('runtime-reason')).toContainText('WASM took over');
  await expect(stats(page)).toHaveAttribute('data-stop-reason', 'max-tokens', { timeout: 240_000 });
  // It went on from where the GPU stopped: what streamed before is kept, tokens came after the
  // switch, and the whole is the text one device would have given.
  const atSwitch = await page.evaluate(() => (window as unknown as { atSwitch?: { tokens: number; text: string } }).atSwitch);
  const end = await tokens(page);
  console.log(`GPU lost: ${atSwitch?.tokens} tokens shown at the switch to WASM, ${end} at the end`);
  expect(atSwitch?.text.startsWith(textBefore)).toBe(true);
  expect(end).toBe(maxTokens);
  expect(atSwitch?.tokens).toBeLessThan(end);
  await expect(page.getByTestId('output-text')).toHaveText(expected, { useInnerText: true });
  await expect(alert(page)).toHaveCount(0);
  const diag = await worker.evaluate(() =>
    (self as unknown as { seekpadEngine: { diagnostics(): Promise<{ gpuFallbacks: number }> } }).seekpadEngine.diagnostics(),
  );
  expect(diag.gpuFallbacks).toBe(1);

  // The engine stays on WASM and keeps working.
  await generate(page, 3);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);
  expect(errors).toEqual([]);
});
