import { expect, test, type Page } from '@playwright/test';
import { MODELS_URL, appUrl, generate, loadModel, setPrompt, stats, trackErrors } from './helpers.ts';

const INSTRUCT = 'seekpad/tiny-deepseek-coder-instruct';
const BASE = 'seekpad/tiny-deepseek-coder-base';
const bar = (page: Page) => page.getByRole('status', { name: 'Completion status' });

test('a chat-tuned model offers its base model; loaded beside it, the base serves ghost text in its own worker', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: INSTRUCT, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await loadModel(page);
  const offer = page.getByTestId('completion-offer');
  await expect(offer).toContainText('tuned for chat');
  await offer.getByRole('button', { name: `Load ${BASE} for completions` }).click();
  // The base repo has fp32 and q8: on WASM its files say q8.
  await expect(page.getByTestId('completion-model')).toContainText(`Completions: ${BASE} (wasm, q8, its own worker)`);
  await expect(offer).toHaveCount(0);

  await setPrompt(page, 'def add(a, b):\n\n\nprint(add(1, 2))');
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Alt+Backslash');
  await expect(bar(page)).toHaveAttribute('data-status', /shown|empty/);
  await expect(bar(page)).toHaveAttribute('data-served-by', 'side');
  // The chat model's engine saw no FIM prompt; it still generates.
  await expect(page.getByTestId('prompt-text')).toHaveCount(0);
  await expect(page.getByTestId('dtype')).toHaveText('fp32');
  await generate(page, 2);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);

  // Unloaded: ghost text goes back to the main model, and the offer returns.
  await page.getByTestId('completion-model').getByRole('button', { name: 'Unload' }).click();
  await expect(offer).toBeVisible();
  expect(errors).toEqual([]);
});

test('where two models do not fit, the offer switches to the base model', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'deviceMemory', { get: () => 4 }));
  await page.goto(appUrl({ model: INSTRUCT, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await loadModel(page);
  await page.getByTestId('completion-offer').getByRole('button', { name: `Switch to ${BASE}` }).click();
  await expect(page.locator('aside[data-loads]')).toHaveAttribute('data-loads', '2', { timeout: 120_000 });
  await expect(page.getByTestId('dtype')).toHaveText('q8');
  await expect(page.getByTestId('completion-offer')).toHaveCount(0);
});
