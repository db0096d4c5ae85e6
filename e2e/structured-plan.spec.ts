// The structured prompt (fields, context files with token counts) and "plan, then write it step
// by step" (each step's code applied through the diff review or discarded), on the scripted
// fixture, whose answers follow the prompts these features compose.
import { expect, test } from '@playwright/test';
import { MODELS_URL, appUrl, editorText, loadModel, trackErrors } from './helpers.ts';
import { PLAN_REQUEST, PLAN_STEPS, STEP_CODE, STRUCTURED_FIELDS } from '../scripts/fixtures/example-scripts.ts';
import { STARTER_FILES } from '../src/lib/defaults.ts';

test('a structured prompt sends its fields and the picked context; a plan is written step by step, each step applied or discarded', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: 'seekpad/tiny-deepseek-coder-scripted', host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await page.getByRole('checkbox', { name: 'Completions' }).uncheck();
  await loadModel(page);
  const message = page.getByRole('textbox', { name: 'Message', exact: true });
  const answer = () => page.getByRole('article', { name: 'Answer' }).last();

  // Structured: the fields compose the message, which is read-only while they are open.
  await page.getByRole('button', { name: 'Structured prompt' }).click();
  const fields = page.getByTestId('structured-prompt');
  await fields.getByLabel('Role').fill(STRUCTURED_FIELDS.role);
  await fields.getByLabel('Task').fill(STRUCTURED_FIELDS.task);
  await fields.getByLabel('Constraints (one per line)').fill(STRUCTURED_FIELDS.constraints);
  // The model's own token counts, once loaded.
  const utils = fields.locator('label.file', { hasText: 'utils.py' });
  await expect(utils.locator('.tokens')).toHaveText(/^\d+ tokens$/);
  const utilsTokens = Number(await utils.locator('.tokens').getAttribute('data-tokens'));
  expect(utilsTokens).toBeGreaterThan(STARTER_FILES[1].text.length / 8);
  await utils.getByRole('checkbox').check();
  await expect(page.getByTestId('context-tokens')).toHaveAttribute('data-tokens', String(utilsTokens));
  await expect(message).toHaveJSProperty('readOnly', true);
  await expect(message).toHaveValue(/^You are a careful Python developer\.\n\nWrite a function `count_primes\(n\)`[\s\S]*Constraints:\n- use is_prime from utils\.py\n- no other imports\n\nContext from the project[\s\S]*`utils\.py`:\n```python\ndef is_prime/);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(answer().locator('figure[data-lang="python"] pre')).toContainText('return sum(1 for k in range(n) if is_prime(k))');
  await fields.getByRole('button', { name: 'Edit as text' }).click();
  await expect(fields).toBeHidden();
  await expect(message).toHaveJSProperty('readOnly', false);

  // Plan, then write: three steps; the first and last applied, the second discarded.
  const before = await editorText(page);
  await message.fill(PLAN_REQUEST);
  await page.getByRole('button', { name: 'Plan, then write' }).click();
  const plan = page.getByTestId('plan-steps');
  await expect(plan.getByRole('listitem')).toHaveText(PLAN_STEPS.map((s) => new RegExp(s.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&'))));
  const review = page.getByTestId('diff-review');
  for (const [i, keep] of [[0, true], [1, false], [2, true]] as const) {
    await plan.getByRole('button', { name: `Write step ${i + 1}` }).click();
    await expect(plan.getByRole('listitem').nth(i)).toHaveAttribute('data-state', 'written');
    if (keep) {
      await plan.getByRole('button', { name: `Apply step ${i + 1}` }).click();
      await expect(review.locator('.monaco-diff-editor')).toBeVisible();
      await review.getByRole('button', { name: 'Apply change' }).click();
      await expect(review).toBeHidden();
    } else {
      await plan.getByRole('button', { name: `Discard step ${i + 1}` }).click();
    }
    await expect(plan.getByRole('listitem').nth(i)).toHaveAttribute('data-state', keep ? 'applied' : 'discarded');
  }
  expect(await editorText(page)).toBe(`${before}\n${STEP_CODE[0]}\n\n${STEP_CODE[2]}\n`);
  expect(errors).toEqual([]);
});
