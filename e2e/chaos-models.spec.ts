// Bad models (scripts/fixtures/broken.ts): a typed error naming what is wrong, within seconds,
// and the same engine loads and runs a good model afterwards.
import { expect, test } from '@playwright/test';
import { CODER, MODELS_URL, appUrl, disableCompletions, generate, loadModel, stats, trackErrors } from './helpers.ts';
import { alert } from './chaos-helpers.ts';

const CASES = [
  { id: 'seekpad/broken-truncated', error: 'ModelFormatError', names: 'onnx/model.onnx' },
  { id: 'seekpad/broken-config', error: 'ModelFormatError', names: 'config.json' },
  { id: 'seekpad/broken-no-tokenizer', error: 'ModelFileNotFoundError', names: 'tokenizer.json' },
] as const;

test('a truncated .onnx, a config that does not fit the graph, a missing tokenizer: clear errors, then a good model runs', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: CASES[0].id, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await disableCompletions(page);
  // The runtime is compiled ahead of the first load; time the loads, not that.
  await expect(page.locator('aside')).toHaveAttribute('data-phase', 'idle');
  for (const c of CASES) {
    await page.getByLabel('Hub id').fill(c.id);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(alert(page)).toHaveAttribute('data-error-name', c.error);
    const ms = Date.now() - t0;
    await expect(alert(page)).toContainText(c.names);
    await expect(page.locator('aside')).toHaveAttribute('data-phase', 'error');
    test.info().annotations.push({ type: `${c.id} error after ms`, description: String(ms) });
  }
  await page.getByLabel('Hub id').fill(CODER);
  await loadModel(page);
  await expect(alert(page)).toHaveCount(0);
  await expect(page.getByTestId('dtype')).toHaveText('fp32');
  await generate(page, 4);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);
  expect(Number(await stats(page).getAttribute('data-generated-tokens'))).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
