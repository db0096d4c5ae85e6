import { describe, expect, it } from 'vitest';
import type { Capabilities } from '../../contract/engine-api.ts';
import { oneThreadCause } from './threads.ts';

const caps = (over: Partial<Capabilities>): Capabilities => ({
  runtime: 'worker', gpu: null, gpuUnavailableReason: null, crossOriginIsolated: true, sharedMemory: true, wasmThreads: 2, hardwareConcurrency: 2, ...over,
});

describe('why WASM runs on one thread', () => {
  it('names the missing isolation first, then missing shared memory, else nothing', () => {
    expect(oneThreadCause(caps({}))).toBeNull();
    expect(oneThreadCause(caps({ crossOriginIsolated: false, sharedMemory: false }))).toBe('not-isolated');
    // WebKitGTK: isolated, but no SharedArrayBuffer.
    expect(oneThreadCause(caps({ sharedMemory: false }))).toBe('no-shared-memory');
    expect(oneThreadCause(caps({ runtime: 'node', crossOriginIsolated: false }))).toBeNull();
    expect(oneThreadCause(null)).toBeNull();
  });
});
