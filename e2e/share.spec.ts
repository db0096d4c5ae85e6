import { expect, test, type Page } from '@playwright/test';
import { decode } from '../src/lib/share/codec.ts';
import type { ShareState } from '../src/lib/share/state.ts';
import { CODER, LONG_PROMPT, MODELS_URL, editorText, modelRequests, openCoderLoaded, setPrompt, stats, trackErrors } from './helpers.ts';
import { cspViolations, expectPolicyEnforced, linkFor, watchCsp } from './share-helpers.ts';

const TEXT = 'def greet(name):\n    return f"héllo {name} 👋"\n\n# 中文\n'; // CRLF round trips: unit tests (Monaco normalises line ends)

test('Copy link restores exactly that state in a fresh browser; the URL follows edits without new history entries', async ({ page, browser }) => {
  const errors = trackErrors(page);
  await page.goto('/');
  await setPrompt(page, TEXT);
  await page.getByLabel('Temperature').fill('0.7');
  await page.getByRole('tab', { name: 'utils.py' }).click();
  const historyLength = await page.evaluate(() => history.length);
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v1\/[\w-]+$/);
  const hash = await page.evaluate(() => location.hash);
  const followed = await decode(hash);
  expect(followed.ok && followed.state.files[0].text).toBe(TEXT);
  expect(await page.evaluate(() => history.length)).toBe(historyLength);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const status = page.getByTestId('share-status');
  await expect(status).toContainText(/Link copied: [\d,]+ characters/);
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(Number(await status.getAttribute('data-length'))).toBe(url.length);
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#v1\//);

  const other = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const fresh = await other.newPage();
  const freshErrors = trackErrors(fresh);
  await fresh.goto(url);
  await expect(fresh.getByRole('tab', { name: 'utils.py' })).toHaveAttribute('aria-selected', 'true');
  await expect(fresh.getByLabel('Temperature')).toHaveValue('0.7');
  await fresh.getByRole('tab', { name: 'main.py' }).click();
  expect(await editorText(fresh)).toBe(TEXT);
  await expect(fresh.getByTestId('your-work')).toHaveCount(0);
  await other.close();
  expect([...errors, ...freshErrors]).toEqual([]);
});

test('during a generation the URL waits for it to end, while autosave goes on', async ({ page }) => {
  const errors = trackErrors(page);
  await openCoderLoaded(page);
  await watchUrl(page);
  await setPrompt(page, LONG_PROMPT);
  await page.getByLabel('Max new tokens').fill('4000');
  await expect.poll(async () => JSON.stringify(await decodeHash(page))).toContain('"maxNewTokens":4000');
  expect((await decodeHash(page))?.files[0].text).toBe(LONG_PROMPT);
  const hash = await page.evaluate(() => location.hash);
  // The control: how long the URL took to follow that edit with nothing running.
  await expect.poll(async () => (await urlSinceEdit(page)).follows.length).toBeGreaterThan(0);
  const idleFollowMs = (await urlSinceEdit(page)).follows[0];
  console.log(`URL followed an edit ${idleFollowMs.toFixed(0)} ms after it (idle)`);

  await page.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => Number(await stats(page).getAttribute('data-generated-tokens'))).toBeGreaterThan(2);
  await setPrompt(page, `${LONG_PROMPT}\n# edited\n`);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('seekpad.autosave.v1') ?? '')).toContain('# edited');
  // Three times the idle delay since the edit: the URL would have followed by now without the generation.
  await expect.poll(async () => (await urlSinceEdit(page)).ms).toBeGreaterThan(3 * idleFollowMs);
  expect((await urlSinceEdit(page)).follows).toEqual([]);
  expect(await page.evaluate(() => location.hash)).toBe(hash);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', '');

  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(stats(page)).toHaveAttribute('data-stop-reason', 'interrupted');
  await expect.poll(async () => (await decodeHash(page))?.files[0].text).toBe(`${LONG_PROMPT}\n# edited\n`);
  expect(errors).toEqual([]);
});

type UrlWatch = { __url: { editAt: number; follows: number[] } };

/** Records, in the page, the time of the last edit (input or paste) and of each URL update. */
async function watchUrl(page: Page): Promise<void> {
  await page.evaluate(() => {
    const u: UrlWatch['__url'] = { editAt: 0, follows: [] };
    (window as unknown as UrlWatch).__url = u;
    for (const type of ['input', 'paste']) document.addEventListener(type, () => (u.editAt = performance.now()), true);
    const replace = history.replaceState.bind(history);
    history.replaceState = (...args: Parameters<History['replaceState']>) => {
      u.follows.push(performance.now());
      replace(...args);
    };
  });
}

/** Milliseconds since the last edit, and the URL updates since then (ms after the edit). */
function urlSinceEdit(page: Page): Promise<{ ms: number; follows: number[] }> {
  return page.evaluate(() => {
    const u = (window as unknown as UrlWatch).__url;
    return { ms: performance.now() - u.editAt, follows: u.follows.filter((t) => t >= u.editAt).map((t) => t - u.editAt) };
  });
}

async function decodeHash(page: Page): Promise<ShareState | null> {
  const d = await decode(await page.evaluate(() => location.hash));
  return d.ok ? d.state : null;
}

test("a link opened over the user's own work keeps it, and Return to my work brings it back", async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto('/');
  await setPrompt(page, 'my own work\n');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('seekpad.autosave.v1') ?? '')).toContain('my own work');

  // A pasted link (hashchange, no reload), then the same over a reload (start-up path).
  const link = await linkFor((s) => (s.files = [{ path: 'main.py', text: 'from the link\n' }]));
  await page.evaluate((h) => (location.hash = h), link);
  await expect(page.getByTestId('your-work')).toBeVisible();
  expect(await editorText(page)).toBe('from the link\n');
  await page.reload();
  await expect(page.getByTestId('your-work')).toBeVisible();
  await page.getByRole('button', { name: 'Return to my work' }).click();
  await expect(page.getByTestId('your-work')).toHaveCount(0);
  expect(await editorText(page)).toBe('my own work\n');
  expect(errors).toEqual([]);
});

test('a damaged link gives a clear message and keeps the page as it was', async ({ page }) => {
  const errors = trackErrors(page);
  const good = await linkFor((s) => (s.files = [{ path: 'a.py', text: 'x = 1\n'.repeat(50) }]));
  await page.goto(`/${good.slice(0, good.length - 10)}`);
  await expect(page.getByTestId('link-error')).toContainText('This link could not be opened: it is damaged');
  await expect(page.getByRole('tab', { name: 'main.py' })).toBeVisible();
  await page.getByTestId('link-error').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('link-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a link naming a model host other than the Hub asks before any download; autoload waits', async ({ page }) => {
  const errors = trackErrors(page);
  await watchCsp(page);
  const link = await linkFor((s) => {
    s.choice = { model: CODER, host: MODELS_URL, device: 'wasm', dtype: 'fp32' };
    s.settings.maxNewTokens = 4;
  });
  await modelRequests(page, true);
  await page.goto(`/?autoload${link}`);
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(`model files from ${MODELS_URL.replace(/\/$/, '')}`);
  expect(await modelRequests(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Nothing was downloaded from')).toBeVisible();
  expect(await modelRequests(page)).toEqual([]);

  await page.getByRole('button', { name: 'Load model' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Download from this host' }).click();
  await expect(page.locator('aside[data-loads]')).toHaveAttribute('data-loads', '1', { timeout: 170_000 });
  expect((await modelRequests(page)).length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(stats(page)).toContainText('tokens');
  // The policy let the app do all of that: nothing was blocked; and it is in force.
  expect(await cspViolations(page)).toEqual([]);
  await expectPolicyEnforced(page);
  expect(errors).toEqual([]);
});

test('?embed shows only editor, run controls and output, with a link out that carries the state', async ({ page }) => {
  const errors = trackErrors(page);
  const link = await linkFor((s) => {
    s.files = [{ path: 'demo.py', text: 'def add(a, b):\n' }];
    s.settings.temperature = 0.3;
  });
  await page.goto(`/?embed${link}`);
  const embed = page.getByTestId('embed');
  await expect(embed.locator('.editor[data-ready="true"]')).toBeVisible();
  await expect(embed.getByRole('button', { name: 'Generate' })).toBeVisible();
  await expect(embed.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expect(embed.getByRole('region', { name: 'Output' })).toBeVisible();
  for (const absent of [page.getByRole('group', { name: 'Model' }), page.getByLabel('Message'), page.getByRole('button', { name: 'Copy link' }), page.getByRole('tablist')]) {
    await expect(absent).toHaveCount(0);
  }
  expect(await editorText(page)).toBe('def add(a, b):\n');
  const out = embed.getByRole('link', { name: /Open in seekpad/ });
  await expect(out).toHaveAttribute('href', /#v1\//);
  const href = (await out.getAttribute('href')) ?? '';
  expect(href).not.toContain('embed');
  const carried = await decode(new URL(href).hash);
  expect(carried.ok && carried.state.files).toEqual([{ path: 'demo.py', text: 'def add(a, b):\n' }]);
  expect(carried.ok && carried.state.settings.temperature).toBe(0.3);
  expect(carried.ok && carried.state.embed).toBe(false);
  expect(errors).toEqual([]);
});
