// dist/ on a plain static host under a subpath, with no COOP/COEP headers: it generates on one
// thread with a notice, and the service worker's headers make it cross-origin isolated after one
// reload. The server runs here, on its own ports, with `isolation: false`.
import { expect, test, type Page } from '@playwright/test';
import { serve } from '../scripts/serve.ts';
import { CODER, disableCompletions, generate, loadModel, setPrompt, stats, trackErrors } from './helpers.ts';
import { nodeGreedy } from './node-reference.ts';
import { APP_PORT, DIST } from './ports.ts';

const PORT = APP_PORT + 2;
const MODELS_PORT = APP_PORT + 3;
const HOST = `http://127.0.0.1:${MODELS_PORT}/`;
const BASE = '/seekpad/';
const URL_ = `http://127.0.0.1:${PORT}${BASE}?${new URLSearchParams({ model: CODER, host: HOST, device: 'wasm', dtype: 'fp32' })}`;
const PROMPT = '# Return the product of two numbers\ndef mul';

let server: { close: () => Promise<void> } | null = null;
test.beforeAll(async () => {
  server = await serve({ root: DIST, port: PORT, base: BASE, isolation: false, models: 'e2e/.models', modelsPort: MODELS_PORT });
});
test.afterAll(async () => {
  await server?.close();
});

/** Every app request stays under the subpath and succeeds. */
function trackAppFailures(page: Page): string[] {
  const failed: string[] = [];
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.port === String(PORT) && (r.status() >= 400 || !u.pathname.startsWith(BASE))) failed.push(`${r.status()} ${u.pathname}`);
  });
  return failed;
}

async function loadAndGenerate(page: Page): Promise<void> {
  await disableCompletions(page);
  await loadModel(page);
  await expect(page.getByTestId('device')).toHaveText('wasm');
  const expected = await nodeGreedy(CODER, 'fp32', PROMPT, 12);
  expect(expected.length).toBeGreaterThan(0);
  await setPrompt(page, PROMPT);
  await generate(page, 12);
  await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);
  await expect(page.getByTestId('output-text')).toHaveText(expected, { useInnerText: true });
}

// The service worker is what these tests are about (the config blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test.describe('without a service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('runs under /seekpad/ on one thread and says so', async ({ page }) => {
    const errors = trackErrors(page);
    const failed = trackAppFailures(page);
    await page.goto(URL_);
    await expect(page.getByTestId('threads-notice')).toBeVisible();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await expect(page.getByRole('region', { name: 'Runtime' })).toContainText('WASM threads: 1 of');
    await loadAndGenerate(page);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  });
});

test('the service worker makes the page cross-origin isolated after one reload', async ({ page }) => {
  const errors = trackErrors(page);
  const failed = trackAppFailures(page);
  // Document loads (the app also rewrites its URL in place, which is no load).
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(URL_);
  // The page reloads itself once the worker controls it; evaluate may hit the old context.
  await expect
    .poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 90_000 })
    .toBe(true);
  await expect(page.getByTestId('offline-status')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('threads-notice')).toHaveCount(0);
  // The engine worker is isolated too: more than one WASM thread where there are cores for it.
  const runtime = page.getByRole('region', { name: 'Runtime' });
  await expect(runtime).toContainText('Cross-origin isolated: yes');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  if (cores > 1) await expect(runtime).not.toContainText('WASM threads: 1 of');
  await loadAndGenerate(page);
  // One load and one reload: no loop.
  expect(loads).toBe(2);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`http://127.0.0.1:${PORT}${BASE}sw.js`);
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});
