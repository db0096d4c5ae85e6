// The gallery's examples, each a link the app ships, opened and run on the scripted fixture, with
// an axe scan in each main state (first visit, model loaded, ghost text, diff review, chat and
// maths answered) and the shortcuts list from the keyboard.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { MODELS_URL, appUrl, editorText, loadModel, trackErrors } from './helpers.ts';
import { EXAMPLES } from '../src/lib/examples/examples.ts';

const SCRIPTED = 'seekpad/tiny-deepseek-coder-scripted';
const bar = (page: Page) => page.getByRole('status', { name: 'Completion status' });
const answer = (page: Page) => page.getByRole('article', { name: 'Answer' }).last();

/** Serious and critical violations, as "rule: target" lines (empty when clean). */
async function axe(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const lines = bad.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
  expect(lines, `axe, ${state}`).toEqual([]);
}

/** The gallery's links, read from the dialog opened from the keyboard. */
async function galleryLinks(page: Page): Promise<Record<string, string>> {
  await page.getByRole('button', { name: 'Examples' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Examples' });
  await expect(dialog.locator('li[data-example]')).toHaveCount(6);
  const links: Record<string, string> = {};
  for (const li of await dialog.locator('li[data-example]').all()) {
    links[(await li.getAttribute('data-example'))!] = (await li.locator('a').getAttribute('href'))!;
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return links;
}

/** Opens an example as a visitor following its link would, on the already loaded model. */
async function open(page: Page, href: string, file: string): Promise<void> {
  await page.evaluate((h) => (location.hash = new URL(h, location.href).hash), href);
  await expect(page.getByRole('tab', { name: file })).toHaveAttribute('aria-selected', 'true');
}

test('the coding examples open from the gallery and run: ghost text with the other file as context, a fix reviewed, applied and undone, tests written', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: SCRIPTED, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await axe(page, 'first visit');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('row')).toHaveCount(11);
  await axe(page, 'shortcuts list');
  await page.keyboard.press('Escape');
  await loadModel(page);
  await axe(page, 'model loaded');
  const links = await galleryLinks(page);

  for (const [id, file, other, context] of [
    ['fim-python', 'inventory.py', 'models.py', 'class Item:'],
    ['fim-typescript', 'cart.ts', 'types.ts', 'export interface CartLine'],
  ] as const) {
    await open(page, links[id], file);
    await expect(page.getByRole('tab', { name: other })).toBeVisible();
    // The link put the cursor in the empty body; ask there.
    await page.keyboard.press('Alt+Backslash');
    await expect(bar(page)).toHaveAttribute('data-status', 'shown');
    // The fixture answers every FIM prompt with fib's body; the post-processor keeps what fits
    // this cursor (its first line or two).
    await expect(bar(page)).toHaveAttribute('data-suggestion', /^ {4}if n < 2:/);
    const prompt = (await page.getByTestId('prompt-text').textContent()) ?? '';
    // Each file under its path, in a comment of its language.
    const comment = id === 'fim-python' ? '#' : '//';
    expect(prompt, id).toContain(`${comment} ${other}\n`);
    expect(prompt, id).toContain(context);
    expect(prompt, id).toMatch(new RegExp(`${comment} ${file.replace('.', '\\.')}\\n[\\s\\S]*<｜fim▁hole｜>`));
    if (id === 'fim-python') await axe(page, 'ghost text showing');
  }

  await open(page, links['fix-bug'], 'stats.py');
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue(/^Find and fix the bugs[\s\S]*return values\[middle\]\n```$/);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(answer(page)).toContainText('without sorting it first');
  await page.getByRole('button', { name: 'Review the change in a diff' }).click();
  await expect(page.getByTestId('diff-review').locator('.monaco-diff-editor')).toBeVisible();
  await axe(page, 'diff review open');
  await expect(page.getByTestId('diff-review')).toHaveAttribute('data-changed-lines', /^[1-9]\d*$/);
  await page.getByTestId('diff-review').getByRole('button', { name: 'Apply change' }).click();
  await expect(page.getByTestId('diff-review')).toBeHidden();
  expect(await editorText(page)).toContain('    ordered = sorted(values)\n');
  // One undo takes the whole change back.
  await page.keyboard.press('ControlOrMeta+Z');
  expect(await editorText(page)).toBe(EXAMPLES.find((e) => e.id === 'fix-bug')!.files[0].text);

  await open(page, links['unit-tests'], 'slugify.py');
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue(/^Write unit tests for the following python code from `slugify\.py`/);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(answer(page).locator('figure[data-lang="python"] pre')).toContainText('def test_max_length_must_be_positive():');
  // Coloured by Monaco's tokenizer once the block closed.
  await expect(answer(page).locator('figure[data-lang="python"] pre[data-colorized] span[class*="mtk"]').first()).toBeVisible();
  await axe(page, 'chat answered');
  expect(errors).toEqual([]);
});

test('the maths examples open from the gallery and run: step by step to a boxed answer, and with Python in the sandbox', async ({ page }) => {
  test.setTimeout(360_000);
  const errors = trackErrors(page);
  await page.goto(appUrl({ model: SCRIPTED, host: MODELS_URL, device: 'wasm', dtype: 'fp32', family: 'deepseek-math' }));
  await page.getByRole('checkbox', { name: 'Completions' }).uncheck();
  await loadModel(page);
  const links = await galleryLinks(page);

  await open(page, links['math-steps'], 'notes.md');
  await expect(page.getByLabel('Chat mode')).toHaveValue('math');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(answer(page).getByTestId('final-answer')).toHaveAttribute('data-tex', '40');
  await axe(page, 'maths answered');

  await open(page, links['math-python'], 'notes.md');
  await expect(page.getByLabel('Chat mode')).toHaveValue('tool');
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue('How many positive integers below 1000 are divisible by 3 or by 5?');
  await page.getByRole('button', { name: 'Send' }).click();
  // The script goes on only after the real output of the program.
  await expect(answer(page).getByTestId('final-answer')).toHaveAttribute('data-tex', '466', { timeout: 300_000 });
  expect(errors).toEqual([]);
});

test.describe('in Chinese and dark', () => {
  test.use({ locale: 'zh-CN', colorScheme: 'dark' });
  test('the first screen and the gallery have no serious axe violation', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await axe(page, 'first visit, zh-Hans, dark');
    await page.getByRole('button', { name: '示例' }).click();
    await expect(page.getByRole('dialog', { name: '示例' }).locator('li[data-example]')).toHaveCount(6);
    await axe(page, 'gallery, zh-Hans, dark');
  });
});
