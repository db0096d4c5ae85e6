// The built app on the tiny ASCII coder (WASM, fp32) in a fresh profile: loaded, completions off,
// the service worker installed. Where the single-page measure scripts start.
import type { Page } from '@playwright/test';
import { DEFAULT_OUT_DIR, generateFixtures } from '../fixtures/generate.ts';
import { TINY_CODER_ASCII } from '../fixtures/shapes.ts';
import { serve } from '../serve.ts';
import { benchBuilds, missingBuild } from './builds.ts';
import { disableCompletions, openApp, runtime, serviceWorkerSettled, timeLoad } from './app-page.ts';
import { HarnessPage } from './harness-page.ts';
import { freshProfile, type Profile } from './profile.ts';
import type { IdleWaits } from './quiet.ts';

export interface TinyApp {
  profile: Profile;
  app: Page;
  model: string;
  /** The models' host, as the app's URL names it. */
  host: string;
  /** bench/index.html, for harness pages beside the app. */
  benchUrl: string;
  close(): Promise<void>;
}

/** Serves dist/ (and the harness, dist-bench/) on `port` and the fixture models on `port + 1`. */
export async function openTinyApp(port: number): Promise<TinyApp> {
  const builds = benchBuilds();
  const missing = missingBuild(builds);
  if (missing) throw new Error(missing);
  await generateFixtures({ outDir: DEFAULT_OUT_DIR, fixtures: [TINY_CODER_ASCII], log: () => undefined });
  const server = await serve({ root: builds.app, extraRoots: [builds.harness], port, models: DEFAULT_OUT_DIR, modelsPort: port + 1 });
  let profile: Profile | null = null;
  try {
    profile = await freshProfile(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
    const model = `seekpad/${TINY_CODER_ASCII.name}`;
    const host = `http://127.0.0.1:${port + 1}/`;
    const app = await openApp(profile.context, `http://127.0.0.1:${port}/?${new URLSearchParams({ model, host, device: 'wasm', dtype: 'fp32' })}`);
    await disableCompletions(app);
    await timeLoad(app);
    await serviceWorkerSettled(app);
    const opened = profile;
    return {
      profile: opened,
      app,
      model,
      host,
      benchUrl: `http://127.0.0.1:${port}/bench/index.html`,
      close: async () => {
        await opened.close();
        await server.close();
      },
    };
  } catch (err) {
    await profile?.close();
    await server.close();
    throw err;
  }
}

/** Bare transformers.js in a bench page beside the app: same model, dtype and WASM threads. */
export async function openBare(tiny: TinyApp, idle: IdleWaits): Promise<HarnessPage> {
  const { wasmThreads } = await runtime(tiny.app);
  const harness = await HarnessPage.open(tiny.profile.context, tiny.benchUrl, idle);
  await harness.load('bare', { modelId: tiny.model, host: tiny.host, device: 'wasm', dtype: 'fp32', threads: wasmThreads });
  return harness;
}
