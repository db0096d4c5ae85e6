// The browser side of the conversion, in Node with a Map-backed Cache: what is fetched, kept,
// dropped and reused.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelDir } from '../../../scripts/fixtures/layout.ts';
import { TINY_CODER_BASE } from '../../../scripts/fixtures/shapes.ts';
import { generateTemp, removeTempDirs } from '../../../tests/fixtures/helpers.ts';
import { CONVERTED_FROM, ensureQ4Twin, recordOf, type TwinContext } from './gpu-twin.ts';

class MemoryCache {
  readonly entries = new Map<string, { body: Blob; headers: Headers }>();
  async match(key: RequestInfo | URL): Promise<Response | undefined> {
    const e = this.entries.get(String(key));
    return e ? new Response(e.body, { headers: e.headers }) : undefined;
  }
  async put(key: RequestInfo | URL, res: Response): Promise<void> {
    // Like Cache.put: the whole body is read first; a failing stream stores nothing.
    const body = await res.blob();
    this.entries.set(String(key), { body, headers: res.headers });
  }
  async delete(key: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(String(key));
  }
}

let dir = '';
const url = (file: string): string => `http://mirror/seekpad/${TINY_CODER_BASE.name}/resolve/main/${file}`;

beforeAll(async () => {
  dir = modelDir(await generateTemp([TINY_CODER_BASE]), TINY_CODER_BASE.name);
}, 60_000);
afterAll(removeTempDirs);

function context(cache: MemoryCache, fetched: string[], signal = new AbortController().signal): TwinContext {
  return {
    cache,
    fetch: async (u) => {
      fetched.push(u);
      const file = path.join(dir, u.slice(url('').length));
      return new Response(fs.readFileSync(file), { headers: { 'content-length': String(fs.statSync(file).size), etag: '"abc"' } });
    },
    url,
    revision: 'main',
    onProgress: () => undefined,
    onPhase: () => undefined,
    signal,
    now: () => performance.now(),
  };
}

describe('ensureQ4Twin', () => {
  it('downloads the 8-bit file once, keeps the 4-bit one marked with its source, then reuses it', async () => {
    const cache = new MemoryCache();
    const fetched: string[] = [];
    const first = await ensureQ4Twin('decoder_model_merged', context(cache, fetched));
    expect(fetched).toEqual([url('onnx/decoder_model_merged_quantized.onnx')]);
    expect(first).toMatchObject({ reused: false, nodes: 30, file: 'onnx/decoder_model_merged_q4.onnx', bytesIn: fs.statSync(path.join(dir, 'onnx/decoder_model_merged_quantized.onnx')).size });
    const kept = cache.entries.get(url('onnx/decoder_model_merged_q4.onnx'))!;
    expect(kept.body.size).toBe(first.bytesOut);
    expect(kept.headers.get(CONVERTED_FROM)).toMatch(/^onnx\/decoder_model_merged_quantized\.onnx; size=\d+; revision=main; etag="abc"$/);
    // The 4-bit file replaces the 8-bit one.
    expect(cache.entries.has(url('onnx/decoder_model_merged_quantized.onnx'))).toBe(false);

    const again = await ensureQ4Twin('decoder_model_merged', context(cache, fetched));
    expect(fetched).toHaveLength(1);
    expect(again).toEqual({ ...first, reused: true });
    expect(cache.entries.has(url(recordOf('onnx/decoder_model_merged_q4.onnx')))).toBe(true);
  });

  it('an aborted conversion leaves no 4-bit file behind', async () => {
    const cache = new MemoryCache();
    const abort = new AbortController();
    const ctx = context(cache, []);
    const run = ensureQ4Twin('decoder_model_merged', { ...ctx, signal: abort.signal, onPhase: (p) => p === 'convert' && abort.abort() });
    await expect(run).rejects.toThrow(/abort/);
    expect([...cache.entries.keys()].some((k) => k.includes('_q4'))).toBe(false);
  });
});
