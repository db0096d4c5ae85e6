// Evaluate mode on the scripted fixture: HumanEval's first three problems answered right, wrong
// and with an endless loop (scripts/fixtures/eval-scripts.ts), graded in the Pyodide sandbox; a
// stop, a reload and a resume; then the results' exports and link.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MODELS_URL, appUrl, disableCompletions, loadModel, trackErrors } from './helpers.ts';

const SCRIPTED = 'seekpad/tiny-deepseek-coder-scripted';

async function openLoaded(page: Page): Promise<void> {
  await page.goto(appUrl({ model: SCRIPTED, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await disableCompletions(page);
  await loadModel(page);
}

test('a HumanEval run: verdicts with their reasons, stop, reload, resume, exports and link', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = trackErrors(page);
  await openLoaded(page);
  await page.getByRole('button', { name: 'Evaluate' }).click();
  const dialog = page.getByTestId('evaluate');
  await dialog.getByLabel('Set').selectOption('humaneval');
  await dialog.getByLabel('Problems').selectOption('first');
  await dialog.getByLabel('How many').fill('3');
  await dialog.getByLabel('Time limit per program (s)').fill('5');
  await dialog.getByRole('button', { name: 'Start' }).click();

  const run = dialog.locator('section.run');
  const rows = dialog.getByTestId('eval-results').locator('tbody tr[data-problem]');
  await expect(run).toHaveAttribute('data-done', '2', { timeout: 120_000 });
  // The third answer loops forever: its program is still within its 5 s when Stop comes.
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await expect(run).toHaveAttribute('data-status', 'stopped');
  await expect(run).toHaveAttribute('data-done', '2');
  await expect(rows.nth(0)).toHaveAttribute('data-passed', 'true');
  await expect(rows.nth(0)).toContainText('all tests passed');
  await expect(rows.nth(1)).toHaveAttribute('data-passed', 'false');
  await expect(rows.nth(1)).toContainText("AssertionError at line");
  await expect(rows.nth(1)).toContainText("assert candidate('(()()) ((())) () ((())()())') == [ '(()())', '((()))', '()', '((())()())' ]");

  await page.reload();
  await disableCompletions(page);
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expect(run).toHaveAttribute('data-done', '2');
  await expect(run).toHaveAttribute('data-status', 'stopped');
  await expect(dialog.getByRole('button', { name: 'Resume' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await loadModel(page);
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await dialog.getByRole('button', { name: 'Resume' }).click();
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  await expect(run).toHaveAttribute('data-done', '3');
  await expect(run).toHaveAttribute('data-passed', '1');
  await expect(rows.nth(2)).toContainText('ran past the 5 s limit');
  await expect(dialog.getByTestId('eval-score')).toContainText('pass@1 33.3%');
  await expect(dialog.getByTestId('eval-score')).toContainText('95% interval');
  // The finished run with a problem's details open: no serious or critical accessibility issue.
  await rows.nth(1).getByRole('button', { name: 'Details' }).click();
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="evaluate"]').analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual([]);

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export JSON' }).click();
  const json = JSON.parse(await readFile(await (await download).path(), 'utf8')) as { summary: { n: number; passed: number }; results: { id: string; reason: string }[] };
  expect(json.summary).toMatchObject({ n: 3, passed: 1 });
  expect(json.results.map((r) => r.id)).toEqual(['HumanEval/0', 'HumanEval/1', 'HumanEval/2']);

  // The failing problem in chat (the instruction and its answer), then its program in the editor.
  await rows.nth(1).getByRole('button', { name: 'Open in chat' }).click();
  await expect(page.getByRole('article', { name: 'Your message' })).toContainText('def separate_paren_groups');
  await expect(page.getByRole('article', { name: 'Answer' })).toContainText('return []');
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await rows.nth(1).getByRole('button', { name: 'Open in editor' }).click();
  await expect(page.getByRole('tab', { name: 'eval/HumanEval-1.py' })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: 'Evaluate' }).click();
  await dialog.getByRole('button', { name: 'Copy link to result' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('eval=');
  await page.goto(link);
  const shared = page.getByTestId('eval-shared');
  await expect(shared).toContainText('3 of 3 done, 1 passed');
  await expect(shared).toContainText('pass@1 33.3%');
  await shared.getByRole('button', { name: 'Use these settings' }).click();
  await expect(page.getByTestId('evaluate').getByLabel('How many')).toHaveValue('3');
  expect(errors).toEqual([]);
});
