// Playwright's runner with our own browsers: `engine` comes from the project, `servers` serve
// the built app (instrumented) and the fixture models, and can go away to test offline use.
import { test as base } from '@playwright/test';
import { serve } from '../../scripts/serve.ts';
import { APP_PORT, DIST, MODELS_PORT } from '../ports.ts';
import type { Driver, EngineName } from './driver.ts';
import { openFirefox } from './firefox.ts';
import { INSTRUMENT } from './instrument.ts';
import { openWebKit, startWebKitDriver } from './webkit.ts';

export const APP = `http://127.0.0.1:${APP_PORT}/`;
const WEBKIT_DRIVER_PORT = APP_PORT + 2;

export interface Servers {
  stop(): Promise<void>;
  start(): Promise<void>;
}

async function startServers(): Promise<{ close: () => Promise<void> }> {
  return serve({ root: DIST, port: APP_PORT, models: 'e2e/.models', modelsPort: MODELS_PORT, inject: INSTRUMENT });
}

export const test = base.extend<{ open: () => Promise<Driver>; servers: Servers }, { engine: EngineName; webkitDriver: number | null; serving: Servers }>({
  engine: ['firefox', { option: true, scope: 'worker' }],
  serving: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      let running: { close: () => Promise<void> } | null = await startServers();
      await use({
        stop: async () => { await running?.close(); running = null; },
        start: async () => { running ??= await startServers(); },
      });
      await running?.close();
    },
    { scope: 'worker' },
  ],
  webkitDriver: [
    async ({ engine }, use) => {
      if (engine !== 'webkit') return use(null);
      const driver = await startWebKitDriver(WEBKIT_DRIVER_PORT);
      await use(WEBKIT_DRIVER_PORT);
      driver.stop();
    },
    { scope: 'worker' },
  ],
  // Back up after each test: the offline test stops them.
  servers: async ({ serving }, use) => {
    await use(serving);
    await serving.start();
  },
  // Each call is a new browser with a new profile: a first visit.
  open: async ({ engine, webkitDriver, servers: _ }, use) => {
    const opened: Driver[] = [];
    await use(async () => {
      const d = engine === 'webkit' ? await openWebKit(webkitDriver!) : await openFirefox();
      opened.push(d);
      return d;
    });
    for (const d of opened) await d.close().catch(() => undefined);
  },
});

export { expect } from '@playwright/test';
