import { expect, type Page } from '@playwright/test';
import { MODELS_PORT } from './ports.ts';

export const MODELS_URL = `http://127.0.0.1:${MODELS_PORT}/`;
export const CODER = 'seekpad/tiny-deepseek-coder';

export function appUrl(params: Record<string, string>): string {
  return `/?${new URLSearchParams(params).toString()}`;
}

/** Collects uncaught page errors so a test can assert there were none. */
export function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function loadModel(page: Page): Promise<void> {
  const aside = page.locator('aside[data-loads]');
  const before = Number(await aside.getAttribute('data-loads'));
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(aside).toHaveAttribute('data-loads', String(before + 1), { timeout: 170_000 });
}

/** The tiny coder on WASM fp32, loaded, with completions off: most engine tests start here. */
export async function openCoderLoaded(page: Page): Promise<void> {
  await page.goto(appUrl({ model: CODER, host: MODELS_URL, device: 'wasm', dtype: 'fp32' }));
  await disableCompletions(page);
  await loadModel(page);
}

/** A prompt the tiny coder runs to any token limit on: for Stop and other long generations. */
export const LONG_PROMPT = '# Return the sum of two numbers\ndef add';

/** Ghost-text completions off, for tests about something else (they share the engine). */
export async function disableCompletions(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: 'Completions' }).uncheck();
}

/** Replaces the active file's text by pasting it: typed newlines would be auto-indented. */
export async function setPrompt(page: Page, text: string): Promise<void> {
  await expect(page.locator('.editor[data-ready="true"]')).toBeVisible();
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => editorText(page)).toBe(text);
}

/**
 * The active file's text, read back through the clipboard (Monaco renders only visible lines).
 * Leaves the cursor at the end of the file.
 */
export async function editorText(page: Page): Promise<string> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+C');
  await page.keyboard.press('ControlOrMeta+End');
  return page.evaluate(() => navigator.clipboard.readText());
}

export async function generate(page: Page, maxNewTokens: number): Promise<void> {
  await page.getByLabel('Max new tokens').fill(String(maxNewTokens));
  await page.getByRole('button', { name: 'Generate' }).click();
}

export function stats(page: Page) {
  return page.getByTestId('stats');
}

export async function modelRequests(page: Page, reset = false): Promise<{ method: string; path: string; status: number }[]> {
  // A fresh connection each time: a kept-alive one that Node closes just as it is reused (its 5 s
  // idle limit, on a loaded machine) failed a test once with "socket hang up".
  const res = await page.request.get(`${MODELS_URL}__requests${reset ? '?reset=1' : ''}`, { headers: { Connection: 'close' } });
  return (await res.json()) as { method: string; path: string; status: number }[];
}
