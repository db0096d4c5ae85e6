// Each bench context is a fresh browser profile in a temporary folder: empty caches, and a
// disk-backed Cache API with a real profile's quota. (An incognito-like context keeps the Cache
// API in memory under a small quota: the 1.3B model's 1.25 GiB file did not fit and was fetched
// again on every "cached" load.)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';

export interface Profile {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function freshProfile(executablePath: string): Promise<Profile> {
  const dir = await mkdtemp(path.join(tmpdir(), 'seekpad-bench-profile-'));
  // BENCH_CHROMIUM_ARGS: extra flags, e.g. Vulkan on a Linux GPU machine (see the README).
  const extra = (process.env.BENCH_CHROMIUM_ARGS ?? '').split(/\s+/).filter(Boolean);
  const context = await chromium.launchPersistentContext(dir, { executablePath, args: ['--enable-unsafe-webgpu', ...extra] });
  // tsx compiles with esbuild's keepNames, which wraps named functions inside page.evaluate
  // callbacks in a `__name` helper that pages lack.
  await context.addInitScript('globalThis.__name = (f) => f;');
  return {
    context,
    close: async () => {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
