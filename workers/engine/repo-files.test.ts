import { describe, expect, it } from 'vitest';
import { candidateFiles, fromPaths, listRepoFiles, type RepoLocation } from './repo-files.ts';

const loc: RepoLocation = { id: 'o/m', revision: 'main', url: (f) => `http://mirror/o/m/resolve/main/${f}` };

function mirror(files: string[], calls: string[] = []) {
  return async (url: string, init?: RequestInit): Promise<Response> => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    const ok = files.some((f) => url.endsWith(`/${f}`));
    return new Response(null, { status: ok ? 200 : 404, headers: ok ? { 'content-length': '1234' } : {} });
  };
}

describe('what a repository holds', () => {
  it('fromPaths: the base name with the most dtypes, and its dtypes', () => {
    expect(fromPaths(['onnx/decoder_model_merged.onnx', 'onnx/decoder_model_merged_quantized.onnx', 'config.json'], 'probe')).toEqual({ baseName: 'decoder_model_merged', dtypes: ['fp32', 'q8'], from: 'probe' });
    expect(fromPaths(['onnx/model_q4.onnx', 'onnx/model_q4f16.onnx'], 'hub-api')).toMatchObject({ baseName: 'model', dtypes: ['q4', 'q4f16'] });
    expect(fromPaths(['README.md'], 'probe')).toBeNull();
  });

  it('asks a mirror with HEAD requests', async () => {
    const calls: string[] = [];
    const files = await listRepoFiles(loc, mirror(['onnx/decoder_model_merged_quantized.onnx', 'onnx/decoder_model_merged.onnx'], calls));
    expect(files).toMatchObject({ baseName: 'decoder_model_merged', dtypes: ['fp32', 'q8'], from: 'probe' });
    expect(files?.sizes?.['onnx/decoder_model_merged_quantized.onnx']).toBe(1234);
    expect(calls.every((c) => c.startsWith('HEAD '))).toBe(true);
    expect(calls).toHaveLength(candidateFiles().length);
  });

  it('reads the Hub model-info API in one request', async () => {
    const calls: string[] = [];
    const hub = async (url: string): Promise<Response> => {
      calls.push(url);
      return Response.json({ siblings: [{ rfilename: 'onnx/model_q4.onnx', size: 900 }, { rfilename: 'onnx/model_quantized.onnx', size: 1300 }] });
    };
    expect(await listRepoFiles({ ...loc, hubApi: 'https://hub/api/' }, hub)).toMatchObject({ dtypes: ['q8', 'q4'], from: 'hub-api', sizes: { 'onnx/model_q4.onnx': 900 } });
    expect(calls).toEqual(['https://hub/api/models/o/m/revision/main?blobs=true']);
  });

  it('a cached file of the asked dtype needs no request; offline, the cache is the list', async () => {
    const calls: string[] = [];
    const offline = async (url: string): Promise<Response> => {
      calls.push(url);
      throw new TypeError('Failed to fetch');
    };
    expect(await listRepoFiles(loc, offline, { cached: ['onnx/model.onnx'], dtype: 'fp32' })).toMatchObject({ dtypes: ['fp32'], from: 'cache' });
    expect(calls).toEqual([]);
    expect(await listRepoFiles(loc, offline, { cached: ['onnx/model_quantized.onnx'] })).toMatchObject({ dtypes: ['q8'], from: 'cache' });
    expect(await listRepoFiles(loc, offline)).toBeNull();
  });

  it('a host that refuses HEAD is not listed (the catalog decides)', async () => {
    const refuses = async (): Promise<Response> => new Response(null, { status: 405 });
    expect(await listRepoFiles(loc, refuses)).toBeNull();
  });
});
