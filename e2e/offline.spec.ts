// After one visit the app shell and a cached model work with no network at all: the servers
// are shut down and the browser is offline before the reload. Prints the cached-offline load
// time against the first (network) load.
import { expect, test } from '@playwright/test';
import { serve } from '../scripts/serve.ts';
import { CODER, disableCompletions, generate, loadModel, setPrompt, stats, trackErrors } from './helpers.ts';
import { nodeGreedy } from './node-reference.ts';
import { APP_PORT, DIST } from './ports.ts';

const PORT = APP_PORT + 4;
const MODELS_PORT = APP_PORT + 5;
const HOST = `http://127.0.0.1:${MODELS_PORT}/`;
const URL_ = `http://127.0.0.1:${PORT}/?${new URLSearchParams({ model: CODER, host: HOST, device: 'wasm', dtype: 'fp32' })}`;
const PROMPT = '# Print a greeting\ndef hello';

// The service worker is what these tests are about (the config blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });
test('works offline after the first visit: app shell, cached model, generation', async ({ page, context }) => {
  const errors = trackErrors(page);
  const server = await serve({ root: DIST, port: PORT, models: 'e2e/.models', modelsPort: MODELS_PORT });
  let closed = false;
  try {
    await page.goto(URL_);
    // The shell is stored once the worker is active.
    await expect(page.getByTestId('offline-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });

    // Chromium's own installability check: manifest, icons, service worker.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    // Playwright's contexts are incognito, which alone blocks installing; nothing else may.
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
    expect(manifest.url).toBe(`http://127.0.0.1:${PORT}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);

    await disableCompletions(page);
    let t0 = Date.now();
    await loadModel(page);
    const firstMs = Date.now() - t0;
    const expected = await nodeGreedy(CODER, 'fp32', PROMPT, 12);
    await setPrompt(page, PROMPT);
    await generate(page, 12);
    await expect(page.getByTestId('output-text')).toHaveText(expected, { useInnerText: true });

    // No network: both servers stop accepting connections, and the browser goes offline.
    await Promise.race([server.close(), new Promise((r) => setTimeout(r, 3000))]);
    closed = true;
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'seekpad' })).toBeVisible();
    await disableCompletions(page);
    t0 = Date.now();
    await loadModel(page);
    const coldMs = Date.now() - t0;
    await expect(page.locator('[data-file="onnx/model.onnx"]')).toContainText('cached');
    // Again, with ONNX Runtime's WASM compiled, as it was for the first load.
    t0 = Date.now();
    await loadModel(page);
    const cachedMs = Date.now() - t0;
    await setPrompt(page, PROMPT);
    await generate(page, 12);
    await expect(stats(page)).toHaveAttribute('data-stop-reason', /max-tokens|eos/);
    await expect(page.getByTestId('output-text')).toHaveText(expected, { useInnerText: true });
    console.log(
      `offline: first load (network) ${firstMs} ms; cached load offline ${cachedMs} ms; ` +
        `right after the offline reload, runtime compile included, ${coldMs} ms (click to ready, warm-up included)`,
    );
    expect(errors).toEqual([]);
  } finally {
    await context.setOffline(false);
    if (!closed) await server.close();
  }
});
