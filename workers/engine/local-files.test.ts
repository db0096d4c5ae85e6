import { describe, expect, it } from 'vitest';
import { LOCAL_HOST, configureModelSource, folderCache, isQuotaError, repoPathOf, type SourceEnv } from './local-files.ts';

const ID = 'local/tiny';

function fakeEnv(): SourceEnv {
  return {
    remoteHost: 'http://models.test/',
    useCustomCache: false,
    customCache: null,
    useBrowserCache: true,
    fetch: () => Promise.reject(new Error('network used')),
  };
}

function quotaError(): Error {
  const e = new Error('The quota has been exceeded.');
  e.name = 'QuotaExceededError';
  return e;
}

describe('repoPathOf', () => {
  it('reads the repository path from a remote URL and from transformers.js local path', () => {
    expect(repoPathOf(`${LOCAL_HOST}${ID}/resolve/main/onnx/model.onnx`, ID)).toBe('onnx/model.onnx');
    expect(repoPathOf(`/models/${ID}/config.json`, ID)).toBe('config.json');
    expect(repoPathOf('http://h/other/model/resolve/main/config.json', ID)).toBeNull();
  });
});

describe('folderCache', () => {
  const files = [
    { path: 'config.json', file: new Blob(['{"model_type":"llama"}']) },
    { path: 'onnx/model.onnx', file: new Blob([new Uint8Array(10)]) },
  ];

  it('serves picked files with their size, and misses what the folder lacks', async () => {
    const cache = folderCache(ID, files);
    const hit = await cache.match(`${LOCAL_HOST}${ID}/resolve/main/onnx/model.onnx`);
    expect(hit?.headers.get('content-length')).toBe('10');
    expect((await hit?.arrayBuffer())?.byteLength).toBe(10);
    expect(await (await cache.match(`/models/${ID}/config.json`))?.json()).toEqual({ model_type: 'llama' });
    expect(await cache.match(`${LOCAL_HOST}${ID}/resolve/main/generation_config.json`)).toBeUndefined();
  });
});

describe('configureModelSource', () => {
  it('a folder load replaces the host and fetch, so nothing reaches the network', async () => {
    const env = fakeEnv();
    configureModelSource(env, { id: ID, localFiles: [{ path: 'config.json', file: new Blob(['{}']) }] }, {});
    expect(env.useCustomCache).toBe(true);
    expect(env.remoteHost).toBe(LOCAL_HOST);
    expect((await env.fetch(`${LOCAL_HOST}${ID}/resolve/main/generation_config.json`)).status).toBe(404);
  });

  it('a remote load without Cache API turns the custom cache off again', () => {
    const env = fakeEnv();
    env.useCustomCache = true;
    configureModelSource(env, { id: ID }, {});
    expect(env.useCustomCache).toBe(false);
    expect(env.customCache).toBeNull();
  });

  it('reports a put the browser refused for quota, naming the file', async () => {
    const env = fakeEnv();
    const stored = new Map<string, Response>();
    const cache = {
      match: async (k: string) => stored.get(k),
      put: async (k: string, r: Response) => {
        if (k.endsWith('.onnx')) throw quotaError();
        stored.set(k, r);
      },
    } as unknown as Cache;
    const caches = { open: async () => cache } as unknown as CacheStorage;
    const source = configureModelSource(env, { id: ID }, { caches });
    const custom = env.customCache as { put: (k: string, r: Response) => Promise<void> };
    await custom.put(`http://h/${ID}/resolve/main/config.json`, new Response('{}'));
    expect(source.cacheWarning()).toBeUndefined();
    await expect(custom.put(`http://h/${ID}/resolve/main/onnx/model.onnx`, new Response('x'))).rejects.toThrow(/quota/);
    expect(source.cacheWarning()).toMatch(/onnx\/model\.onnx.*quota exceeded.*Model cache/s);
  });

  it('isQuotaError knows the DOMException name and message', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError(new Error('Failed to fetch'))).toBe(false);
  });
});

describe('a quota error that reaches the engine', () => {
  it('is classified with advice on what to delete', async () => {
    const { classifyLoadError } = await import('./classify-error.ts');
    const e = classifyLoadError(quotaError(), { modelId: 'a/b', lastFile: 'onnx/model.onnx' });
    expect(e.name).toBe('DownloadError');
    expect(e.message).toMatch(/onnx\/model\.onnx.*quota/);
    expect(e.hint).toMatch(/Model cache/);
  });
});
