// Shared by the chaos specs: fault injection on the model host, the browser's model cache, and
// the engine worker.
import { expect, type Page, type Worker } from '@playwright/test';
import { MODELS_URL } from './helpers.ts';

export type FaultKind = 'cut' | '404' | '500' | 'stall';

/** The next `count` GETs whose path contains `path` fail with `kind`. */
export async function injectFault(page: Page, path: string, kind: FaultKind, count = 1): Promise<void> {
  const res = await page.request.post(`${MODELS_URL}__faults`, { data: { path, kind, count } });
  expect(res.ok()).toBe(true);
}

export async function resetFaults(page: Page): Promise<void> {
  await page.request.post(`${MODELS_URL}__faults?reset=1`);
}

/** The model host's request log, with the fault each request met. */
export async function hostLog(page: Page): Promise<{ method: string; path: string; status: number; fault?: FaultKind }[]> {
  const res = await page.request.get(`${MODELS_URL}__requests`);
  return (await res.json()) as { method: string; path: string; status: number; fault?: FaultKind }[];
}

export interface CachedFile {
  url: string;
  bytes: number;
}

/** Every entry of transformers.js's Cache API store, with its body's length. */
export function cachedFiles(page: Page): Promise<CachedFile[]> {
  return page.evaluate(async () => {
    const cache = await caches.open('transformers-cache');
    const out: { url: string; bytes: number }[] = [];
    for (const req of await cache.keys()) {
      const res = await cache.match(req);
      out.push({ url: req.url, bytes: res ? (await res.arrayBuffer()).byteLength : -1 });
    }
    return out;
  });
}

/** Asserts that each cached file is whole: its length is the file's length on the model host. */
export async function expectCacheWhole(page: Page): Promise<CachedFile[]> {
  const files = await cachedFiles(page);
  for (const f of files) {
    const head = await page.request.head(f.url);
    expect(head.ok(), f.url).toBe(true);
    expect(f.bytes, `cached ${f.url}`).toBe(Number(head.headers()['content-length']));
  }
  return files;
}

/** The engine's worker (Monaco runs workers of its own). */
export async function engineWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().some((w) => /engine\.worker/.test(w.url())), { timeout: 30_000 }).toBe(true);
  const found = page.workers().find((w) => /engine\.worker/.test(w.url()));
  if (!found) throw new Error('no engine worker');
  return found;
}

export const alert = (page: Page) => page.locator('[data-error-name]');
