import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/contract/errors.ts';
import type { RepoFiles, RuntimeChoice } from '../../src/contract/engine-api.ts';
import { checkStorage } from './storage-check.ts';

const files: RepoFiles = { baseName: 'decoder_model_merged', dtypes: ['fp32', 'q8'], from: 'probe', sizes: { 'onnx/decoder_model_merged_quantized.onnx': 1_360_000_000 } };
const wasm: RuntimeChoice = { device: 'wasm', dtype: 'q8', reason: '', fellBack: false };
const gpu: RuntimeChoice = { device: 'webgpu', dtype: 'q4', convertFrom: 'q8', reason: '', fellBack: false };
const room = (free: number, cached: string[] = []) => ({ cached: async (f: string) => cached.includes(f), estimate: async () => ({ usage: 1e8, quota: 1e8 + free }) });

describe('checkStorage', () => {
  it('refuses a file larger than the room left, naming it and the figures', async () => {
    const err = await checkStorage(wasm, files, room(9e8)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).name).toBe('StorageFullError');
    expect((err as EngineError).message).toBe('onnx/decoder_model_merged_quantized.onnx needs 1.36 GB of storage, and this site may store 900.0 MB more (100.0 MB of 1.00 GB in use). Nothing was downloaded.');
  });

  it('a conversion needs room for both files at once', async () => {
    await expect(checkStorage(wasm, files, room(2e9))).resolves.toBeUndefined();
    await expect(checkStorage(gpu, files, room(2e9))).rejects.toThrow('while it is converted');
    await expect(checkStorage(gpu, files, room(2.5e9))).resolves.toBeUndefined();
  });

  it('nothing to check when the file is cached, its size unknown, or the quota unknown', async () => {
    await expect(checkStorage(wasm, files, room(1, ['onnx/decoder_model_merged_quantized.onnx']))).resolves.toBeUndefined();
    await expect(checkStorage(gpu, files, room(1, ['onnx/decoder_model_merged_q4.onnx']))).resolves.toBeUndefined();
    await expect(checkStorage(wasm, { ...files, sizes: {} }, room(1))).resolves.toBeUndefined();
    await expect(checkStorage(wasm, files, { cached: async () => false, estimate: async () => ({}) })).resolves.toBeUndefined();
  });
});
