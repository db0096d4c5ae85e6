// Evaluate on a model server: the same HumanEval problems, prompts and graders as in the browser,
// the answers from the test model server (the scripted fixture on onnxruntime-node).
import { expect, test } from '@playwright/test';
import { startModelServer } from '../scripts/model-server/server.ts';
import { APP_PORT } from './ports.ts';
import { MODELS_URL, appUrl, disableCompletions, trackErrors } from './helpers.ts';

let server: Awaited<ReturnType<typeof startModelServer>>;

test.beforeAll(async () => {
  server = await startModelServer({
    modelsHost: MODELS_URL,
    models: { 'deepseek-coder-base-test': { id: 'seekpad/tiny-deepseek-coder-scripted', family: 'deepseek-coder' } },
    allowedOrigins: [`http://127.0.0.1:${APP_PORT}`],
  });
});
test.afterAll(async () => server?.close());

test('Evaluate on a model server: the server answers, the sandbox grades, the score is the browser run\'s', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);
  await page.goto(appUrl({ endpoint: `${server.url}/v1`, model: 'deepseek-coder-base-test', family: 'deepseek-coder' }));
  await disableCompletions(page);
  await page.getByRole('button', { name: 'Load model' }).click();
  await page.getByRole('button', { name: 'Use this server' }).click();
  await expect(page.locator('aside[data-loads]')).toHaveAttribute('data-phase', 'ready');

  await page.getByRole('button', { name: 'Evaluate' }).click();
  const dialog = page.getByTestId('evaluate');
  await dialog.getByLabel('Set').selectOption('humaneval');
  await dialog.getByLabel('Problems').selectOption('first');
  await dialog.getByLabel('How many').fill('2');
  await dialog.getByLabel('Prompt format').selectOption('completion');
  await dialog.getByRole('button', { name: 'Start' }).click();
  const run = dialog.locator('section.run');
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  // The same verdicts as the in-browser run of e2e/eval.spec.ts: the first right, the second wrong.
  await expect(run).toHaveAttribute('data-passed', '1');
  const rows = dialog.getByTestId('eval-results').locator('tbody tr[data-problem]');
  await expect(rows.nth(0)).toContainText('all tests passed');
  await expect(rows.nth(1)).toContainText('AssertionError at line');
  expect(server.requests.filter((r) => r === 'POST /v1/completions')).toHaveLength(2);
  expect(errors).toEqual([]);
});
