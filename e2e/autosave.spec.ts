import { expect, test, type Page } from '@playwright/test';
import { editorText, trackErrors } from './helpers.ts';

async function typeAtEnd(page: Page, file: string, text: string): Promise<void> {
  await page.getByRole('tab', { name: file }).click();
  await expect(page.locator('.editor[data-ready="true"]')).toBeVisible();
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

async function textOf(page: Page, file: string): Promise<string> {
  await page.getByRole('tab', { name: file }).click();
  return editorText(page);
}

test('text typed in two files is all back after a reload straight after typing', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto('/');
  await typeAtEnd(page, 'main.py', 'first_edit = 1');
  await typeAtEnd(page, 'utils.py', 'second_edit = 2');
  // No wait for the debounce: pagehide saves what the timer has not yet.
  await page.reload();
  await expect(page.getByRole('tab', { name: 'utils.py' })).toHaveAttribute('aria-selected', 'true');
  expect(await textOf(page, 'utils.py')).toMatch(/second_edit = 2$/);
  expect(await textOf(page, 'main.py')).toMatch(/first_edit = 1$/);
  expect(errors).toEqual([]);
});

test('after a crash (the page closed without unload handlers) the work is back', async ({ context }) => {
  const page = await context.newPage();
  const errors = trackErrors(page);
  await page.goto('/');
  await typeAtEnd(page, 'main.py', 'survives_crash = True');
  // Saved by the debounce alone, before anything like pagehide could run.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('seekpad.autosave.v1') ?? '')).toContain('survives_crash = True');
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto('/');
  expect(await textOf(again, 'main.py')).toMatch(/survives_crash = True$/);
  expect([...errors, ...trackErrors(again)]).toEqual([]);
});
