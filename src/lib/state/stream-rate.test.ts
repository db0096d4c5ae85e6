import { describe, expect, it } from 'vitest';
import type { Capabilities } from '../../contract/engine-api.ts';
import { CHUNK_MS, CHUNK_MS_BUSY_CPU, chunkIntervalMs } from './stream-rate.ts';

const caps = (wasmThreads: number, hardwareConcurrency: number): Capabilities => ({
  runtime: 'worker',
  gpu: null,
  gpuUnavailableReason: null,
  crossOriginIsolated: true, sharedMemory: true,
  wasmThreads,
  hardwareConcurrency,
});

describe('chunkIntervalMs', () => {
  it('streams fewer chunks when WASM threads take every core', () => {
    expect(chunkIntervalMs({ device: 'wasm', capabilities: caps(2, 2) })).toBe(CHUNK_MS_BUSY_CPU);
    expect(chunkIntervalMs({ device: 'wasm', capabilities: caps(4, 4) })).toBe(CHUNK_MS_BUSY_CPU);
  });
  it('keeps the usual rate with a core to spare, on WebGPU, or before a load', () => {
    expect(chunkIntervalMs({ device: 'wasm', capabilities: caps(4, 8) })).toBe(CHUNK_MS);
    expect(chunkIntervalMs({ device: 'webgpu', capabilities: caps(2, 2) })).toBe(CHUNK_MS);
    expect(chunkIntervalMs(null)).toBe(CHUNK_MS);
    expect(CHUNK_MS_BUSY_CPU).toBeGreaterThan(CHUNK_MS);
  });
});
