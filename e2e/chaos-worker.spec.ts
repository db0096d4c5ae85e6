// The engine worker killed mid-generation: the page says so, a new worker starts, Retry reloads
// the model, and the editor keeps every character. Output streamed before the crash stays.
import { expect, test } from '@playwright/test';
import { editorText, generate, openCoderLoaded, setPrompt, stats, trackErrors } from './helpers.ts';
import { alert, engineWorker } from './chaos-helpers.ts';

// Unicode, tabs, CRLF-free multi-line text and trailing spaces: all must survive exactly.
const CODE = 'def greet(name):\n\treturn f"héllo, {name} 👋"  \n\n# 数学: ∑ᵢ xᵢ²\nprint(greet("ada"))\n';

test('killing the worker mid-generation: the user is told, the engine restarts, no character is lost', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = trackErrors(page);
  await openCoderLoaded(page);
  await setPrompt(page, CODE);
  const first = await engineWorker(page);

  await generate(page, 4000);
  await expect.poll(async () => Number(await stats(page).getAttribute('data-generated-tokens'))).toBeGreaterThan(10);
  const streamed = (await page.getByTestId('output-text').textContent()) ?? '';
  const closed = new Promise<void>((resolve) => first.once('close', () => resolve()));
  // Closing from inside is what an out-of-memory kill looks like to the page: no error event.
  await first.evaluate(() => {
    setTimeout(() => self.close(), 0);
  });
  await closed;

  await expect(alert(page)).toHaveAttribute('data-error-name', 'WorkerCrashedError');
  await expect(alert(page)).toContainText('The model worker stopped');
  await expect(alert(page)).toContainText('Your code is safe');
  await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible();
  // What streamed before the crash is still on the page.
  const kept = (await page.getByTestId('output-text').textContent()) ?? '';
  expect(kept.startsWith(streamed)).toBe(true);
  expect(kept.length).toBeGreaterThan(0);
  expect(await editorText(page)).toBe(CODE);

  // A new worker is already running; Retry reloads the model in it.
  await expect.poll(() => page.workers().filter((w) => /engine\.worker/.test(w.url()) && w !== first).length).toBe(1);
  await alert(page).getByRole('button', { name: 'Retry' }).click();
  await expect(page.locator('aside')).toHaveAttribute('data-loads', '2', { timeout: 170_000 });
  await expect(alert(page)).toHaveCount(0);
  await generate(page, 4);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);
  expect(await editorText(page)).toBe(CODE);
  expect(errors).toEqual([]);
});
