import { expect, test } from '@playwright/test';
import { MODELS_URL, appUrl, editorText, loadModel, setPrompt, trackErrors } from './helpers.ts';

const SCRIPTED = 'seekpad/tiny-deepseek-coder-scripted';

test('a streamed chat answer renders Markdown, and its code block goes into the editor', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: SCRIPTED, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await page.getByRole('checkbox', { name: 'Completions' }).uncheck();
  await loadModel(page);
  await setPrompt(page, '# strings\n');

  await page.getByLabel('Message').fill('Write a function that reverses a string.');
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.getByRole('article', { name: 'Answer' });
  await expect(answer).toContainText('Here is a Python function that reverses a string:');
  await expect(answer.locator('code').filter({ hasText: 'reverse_string("abc")' })).toBeVisible();
  await expect(answer.locator('figure[data-lang="python"] pre')).toHaveText('def reverse_string(s: str) -> str:\n    return s[::-1]');
  // The instruct template went to the engine, ending where the answer starts.
  await page.locator('[data-testid=prompt-inspector] summary').click();
  await expect(page.getByTestId('prompt-text')).toContainText('### Instruction:\nWrite a function that reverses a string.\n### Response:\n');

  await page.keyboard.press('ControlOrMeta+End');
  await answer.getByRole('button', { name: 'Insert at cursor' }).click();
  expect(await editorText(page)).toBe('# strings\ndef reverse_string(s: str) -> str:\n    return s[::-1]\n');
  expect(errors).toEqual([]);
});

test('math mode renders KaTeX and pulls out the boxed answer', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: SCRIPTED, host: MODELS_URL, device: 'wasm', dtype: 'fp32', family: 'deepseek-math' }));
  await page.getByRole('checkbox', { name: 'Completions' }).uncheck();
  await loadModel(page);
  await page.getByLabel('Chat mode').selectOption('math');
  await page.getByLabel('Message').fill('What is 6 times 7?');
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.getByRole('article', { name: 'Answer' });
  await expect(page.getByTestId('final-answer')).toHaveAttribute('data-tex', '42');
  await expect(page.getByTestId('final-answer').locator('.katex')).toBeVisible();
  await expect(answer.locator('.katex').first()).toBeVisible();
  // 6 × 7 = 42 was typeset, not shown as $…$ text.
  await expect(answer.locator('.md .katex-html').first()).toContainText('6×7=42');
  await expect(answer).not.toContainText('$6');
  expect(errors).toEqual([]);
});
