import { describe, expect, it } from 'vitest';
import { MODEL_CACHE_NAME } from '../../contract/engine-api.ts';
import {
  deleteCachedModel,
  formatBytes,
  listCachedModels,
  parseCacheUrl,
  quotaAdvice,
  requestPersistence,
  storageInfo,
} from './model-cache.ts';
import { render } from '../i18n/render.ts';

/** A Cache API stand-in over a Map, enough for keys/match/delete. */
function fakeCaches(entries: Record<string, Response>): { caches: CacheStorage; urls: () => string[] } {
  const store = new Map(Object.entries(entries));
  const cache = {
    keys: async () => [...store.keys()].map((u) => new Request(u)),
    match: async (r: Request | string) => store.get(typeof r === 'string' ? r : r.url)?.clone(),
    delete: async (r: Request | string) => store.delete(typeof r === 'string' ? r : r.url),
  };
  const caches = {
    has: async (name: string) => name === MODEL_CACHE_NAME,
    open: async () => cache,
  } as unknown as CacheStorage;
  return { caches, urls: () => [...store.keys()] };
}

const HOST = 'http://127.0.0.1:4174/';
const sized = (n: number, withLength = true) =>
  new Response(new Uint8Array(n), { headers: withLength ? { 'content-length': String(n) } : {} });

describe('parseCacheUrl', () => {
  it('splits host, id, revision and file, also under a subpath host', () => {
    expect(parseCacheUrl(`${HOST}seekpad/tiny/resolve/main/onnx/model_q4.onnx`)).toEqual({
      host: HOST,
      id: 'seekpad/tiny',
      revision: 'main',
      file: 'onnx/model_q4.onnx',
    });
    expect(parseCacheUrl('https://cdn.example/mirror/a/b/resolve/v1/config.json')?.host).toBe('https://cdn.example/mirror/');
    expect(parseCacheUrl('not a url')).toBeNull();
    expect(parseCacheUrl(`${HOST}config.json`)).toBeNull();
  });
});

describe('listCachedModels / deleteCachedModel', () => {
  it('groups files by model with byte sizes, from Content-Length or the body, largest first', async () => {
    const { caches } = fakeCaches({
      [`${HOST}a/small/resolve/main/config.json`]: sized(10),
      [`${HOST}a/small/resolve/main/onnx/model.onnx`]: sized(1000, false),
      [`${HOST}b/big/resolve/main/onnx/model.onnx`]: sized(5000),
    });
    const models = await listCachedModels(caches);
    expect(models.map((m) => [m.id, m.bytes, m.files.length])).toEqual([
      ['b/big', 5000, 1],
      ['a/small', 1010, 2],
    ]);
  });

  it('deletes one model and leaves the others', async () => {
    const { caches, urls } = fakeCaches({
      [`${HOST}a/small/resolve/main/config.json`]: sized(10),
      [`${HOST}a/small/resolve/main/onnx/model.onnx`]: sized(100),
      [`${HOST}b/big/resolve/main/onnx/model.onnx`]: sized(500),
    });
    const [big, small] = await listCachedModels(caches);
    expect(await deleteCachedModel(caches, small)).toBe(2);
    expect(urls()).toEqual([big.files[0].url]);
  });

  it('an absent cache lists nothing', async () => {
    const caches = { has: async () => false } as unknown as CacheStorage;
    expect(await listCachedModels(caches)).toEqual([]);
  });
});

describe('storage', () => {
  it('reads usage, quota and persistence; tolerates a browser without the API', async () => {
    const storage = { estimate: async () => ({ usage: 50, quota: 1000 }), persisted: async () => false };
    expect(await storageInfo(storage)).toEqual({ usage: 50, quota: 1000, persisted: false });
    expect(await storageInfo(undefined)).toEqual({ usage: null, quota: null, persisted: null });
  });

  it('reports whether persistence was granted', async () => {
    expect((await requestPersistence({ estimate: async () => ({}), persist: async () => true })).granted).toBe(true);
    const refused = await requestPersistence({ estimate: async () => ({}), persist: async () => false });
    expect(refused).toMatchObject({ granted: false, message: { key: 'cache_persist_refused' } });
    expect(render(refused.message, 'en')).toMatch(/Not granted/);
    expect((await requestPersistence({ estimate: async () => ({}) })).granted).toBe(false);
  });

  it('advises what to delete only when space is nearly gone', () => {
    const models = [{ key: 'k', host: HOST, id: 'b/big', revision: 'main', files: [], bytes: 3 * 2 ** 30 }];
    expect(quotaAdvice({ usage: 1, quota: 100, persisted: null }, models)).toBeNull();
    const advice = quotaAdvice({ usage: 95 * 2 ** 30, quota: 100 * 2 ** 30, persisted: null }, models);
    expect(advice && render(advice, 'en')).toMatch(/5\.0 GB.*deleting b\/big frees 3\.0 GB/);
  });

  it('formats bytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(9_800_000)).toBe('9.3 MB');
    expect(formatBytes(9_800_000, 'zh-Hant')).toBe('9.3 MB');
  });
});
