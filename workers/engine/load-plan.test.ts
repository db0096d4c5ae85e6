import { describe, expect, it } from 'vitest';
import { expectSpeed } from './load-plan.ts';
import type { Capabilities, RuntimeChoice } from '../../src/contract/engine-api.ts';

const caps = (threads: number): Capabilities => ({ runtime: 'worker', gpu: null, gpuUnavailableReason: 'none', crossOriginIsolated: true, sharedMemory: true, wasmThreads: threads, hardwareConcurrency: threads });
const q8: RuntimeChoice = { device: 'wasm', dtype: 'q8', reason: '', fellBack: false };

describe('expectSpeed', () => {
  it('scales the measured 1.3B q8 rate by file size and threads, and says it is rough', () => {
    expect(expectSpeed(caps(2), q8, 1.55e9)).toBe('Expect about 2.4 tokens/s on 2 WASM threads (a rough figure from a 2-core machine).');
    expect(expectSpeed(caps(1), q8, 1.55e9)).toContain('about 1.5 tokens/s on 1 WASM thread ');
    expect(expectSpeed(caps(8), q8, 1.55e9)).toContain('about 5.5 tokens/s');
  });

  it('says what is not known rather than guess', () => {
    expect(expectSpeed(caps(2), { ...q8, dtype: 'fp32' }, 5e9)).toBe('WASM on 2 threads; measured once loaded.');
    expect(expectSpeed(caps(2), { ...q8, device: 'webgpu', dtype: 'q4' }, 9e8)).toContain('depends on the GPU');
  });
});
