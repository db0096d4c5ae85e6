import { describe, expect, it } from 'vitest';
import type { Capabilities, GpuInfo } from './protocol.ts';
import { chooseRuntime } from './select.ts';

const swiftshader: GpuInfo = {
  vendor: 'google',
  architecture: 'swiftshader',
  description: '',
  isFallbackAdapter: true,
  shaderF16: false,
  limits: { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: 2 ** 30, maxComputeWorkgroupStorageSize: 16384, maxComputeInvocationsPerWorkgroup: 256 },
};
const caps = (gpu: GpuInfo | null): Capabilities => ({
  runtime: 'worker',
  gpu,
  gpuUnavailableReason: gpu ? null : 'no WebGPU adapter was offered',
  crossOriginIsolated: true,
  wasmThreads: 2,
  hardwareConcurrency: 4,
});
const f16gpu: GpuInfo = { ...swiftshader, vendor: 'nvidia', architecture: 'ada', isFallbackAdapter: false, shaderF16: true };
const coder = { webgpu: ['q4f16', 'q4'] as const, wasm: ['q8', 'q4'] as const };
const dtypes = { webgpu: [...coder.webgpu], wasm: [...coder.wasm] };

describe('chooseRuntime', () => {
  it('picks q4f16 on a GPU with shader-f16', () => {
    const c = chooseRuntime(caps(f16gpu), { dtypes });
    expect(c).toMatchObject({ device: 'webgpu', dtype: 'q4f16', fellBack: false });
    expect(c.reason).toContain('shader-f16');
  });

  it('never picks an f16 dtype without shader-f16, and says why', () => {
    const c = chooseRuntime(caps(swiftshader), { dtypes });
    expect(c).toMatchObject({ device: 'webgpu', dtype: 'q4' });
    expect(c.reason).toMatch(/lacks shader-f16/);
    expect(c.reason).toMatch(/software \(fallback\) adapter/);
  });

  it('replaces an explicitly asked f16 dtype with its f32 twin', () => {
    expect(chooseRuntime(caps(swiftshader), { dtype: 'q4f16', dtypes })).toMatchObject({ dtype: 'q4', fellBack: true });
    expect(chooseRuntime(caps(swiftshader), { dtype: 'fp16', dtypes })).toMatchObject({ dtype: 'fp32', fellBack: true });
    expect(chooseRuntime(caps(null), { dtype: 'q4f16', dtypes })).toMatchObject({ device: 'wasm', dtype: 'q4' });
  });

  it('keeps an explicit f16 dtype on a GPU that has shader-f16', () => {
    expect(chooseRuntime(caps(f16gpu), { dtype: 'fp16', dtypes })).toMatchObject({ dtype: 'fp16', fellBack: false });
  });

  it('falls back to WASM with the catalog dtype when there is no adapter', () => {
    const c = chooseRuntime(caps(null), { dtypes });
    expect(c).toMatchObject({ device: 'wasm', dtype: 'q8', fellBack: false });
    expect(c.reason).toContain('No WebGPU');
  });

  it('reports a fallback when WebGPU was asked for but is missing', () => {
    const c = chooseRuntime(caps(null), { device: 'webgpu', dtypes });
    expect(c).toMatchObject({ device: 'wasm', fellBack: true });
    expect(c.reason).toContain('WebGPU was asked for');
  });

  it('honours a WASM override even with a GPU', () => {
    expect(chooseRuntime(caps(f16gpu), { device: 'wasm', dtypes })).toMatchObject({ device: 'wasm', dtype: 'q8' });
  });

  it('uses the CPU in Node', () => {
    expect(chooseRuntime({ ...caps(null), runtime: 'node' }, { dtype: 'q4', dtypes })).toMatchObject({ device: 'cpu', dtype: 'q4' });
  });
});
