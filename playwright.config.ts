import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { APP_PORT, DIST, MODELS_PORT } from './e2e/ports.ts';

// Debian's chromium, never a downloaded browser. CHROMIUM_PATH overrides the path.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(
    `Chromium was not found at ${chromium}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}

// `npm test` runs the Chromium specs in two lanes beside each other: these in the second, after the
// Firefox/WebKit suite (each lane on its own ports, E2E_PORT), the rest in the first. Without
// E2E_LANE, every spec runs.
const SECOND_LANE = ['soak', 'drafts', 'bench-smoke', 'hostile', 'remote', 'remote-eval', 'chaos-download'].map((n) => `**/${n}.spec.ts`);
const lane = process.env.E2E_LANE;

export default defineConfig({
  testDir: 'e2e',
  // Firefox and WebKit: playwright.cross.config.ts.
  testIgnore: ['cross/**', ...(lane === 'a' ? SECOND_LANE : [])],
  ...(lane === 'b' ? { testMatch: SECOND_LANE } : {}),
  outputDir: `test-results/${APP_PORT}`,
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}/`,
    launchOptions: { executablePath: chromium, args: ['--enable-unsafe-webgpu'] },
    trace: 'retain-on-failure',
    // Tests paste code into Monaco: typed newlines would be auto-indented.
    permissions: ['clipboard-read', 'clipboard-write'],
    // Every test is a first visit, where the service worker would precache ~40 MB behind the
    // test's back; offline.spec and static-host.spec allow it and test it.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx tsx scripts/serve.ts --root ${DIST} --port ${APP_PORT} --models e2e/.models --models-port ${MODELS_PORT}`,
    url: `http://127.0.0.1:${APP_PORT}/`,
    // Never reuse: a server already on the port may serve another checkout's build or models
    // (E2E_PORT/E2E_DIST are per run). Playwright refuses to start when the port is taken.
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
