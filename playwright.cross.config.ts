// The smoke suite in Firefox and WebKit (Debian's firefox-esr and WebKitGTK), driven over
// WebDriver BiDi and classic WebDriver: see e2e/cross/. Its own ports, so it can run beside the
// Chromium suite.
import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

process.env.E2E_PORT ??= '4473';
const { FIREFOX_PATH } = await import('./e2e/cross/firefox.ts');
const { MINIBROWSER } = await import('./e2e/cross/webkit.ts');
for (const [what, file, pkg] of [['Firefox', FIREFOX_PATH, 'firefox-esr'], ['WebKitGTK', MINIBROWSER, 'webkit2gtk-driver xvfb']] as const) {
  if (!existsSync(file)) throw new Error(`${what} was not found at ${file}. Install it (Debian: sudo apt-get install -y ${pkg}).`);
}

export default defineConfig({
  testDir: 'e2e/cross',
  outputDir: `test-results/cross`,
  timeout: 240_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  projects: [
    // Firefox sometimes starts a first load that never ends, with no error (docs/how-it-works.md,
    // "Browsers"; not understood): any Firefox test may retry once, and the report marks it flaky.
    { name: 'firefox', retries: 1, use: { engine: 'firefox' } },
    { name: 'webkit', use: { engine: 'webkit' } },
  ],
});
