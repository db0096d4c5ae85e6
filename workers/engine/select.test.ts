import { describe, expect, it } from 'vitest';
import type { Capabilities, DType, GpuInfo } from '../../src/contract/engine-api.ts';
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
  crossOriginIsolated: true, sharedMemory: true,
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

describe('chooseRuntime from the files a repository holds', () => {
  const base = { baseName: 'decoder_model_merged', dtypes: ['fp32', 'q8'] as DType[], from: 'probe' as const };
  it('converts 8-bit-only weights to 4-bit on WebGPU, ahead of fp32', () => {
    const c = chooseRuntime(caps(swiftshader), {}, base);
    expect(c).toMatchObject({ device: 'webgpu', dtype: 'q4', convertFrom: 'q8' });
    expect(c.reason).toContain('converted to 4-bit for the GPU');
    expect(c.reason).toContain("The model's files: fp32, q8");
  });

  it('keeps q8 on WebGPU when conversion is off, and says its matmuls run on the CPU', () => {
    const c = chooseRuntime(caps(swiftshader), { convert: false }, base);
    expect(c).toMatchObject({ dtype: 'q8' });
    expect(c.convertFrom).toBeUndefined();
    expect(c.reason).toContain('on the CPU');
  });

  it('an explicit q8 on WebGPU is taken as asked', () => {
    expect(chooseRuntime(caps(swiftshader), { dtype: 'q8' }, base)).toMatchObject({ dtype: 'q8', fellBack: false });
  });

  it('prefers q8 on WASM wherever it exists, whatever the catalog said', () => {
    const r1 = { baseName: 'model', dtypes: ['q4', 'q4f16', 'q8', 'fp16'] as DType[], from: 'hub-api' as const };
    expect(chooseRuntime(caps(null), { dtypes: { webgpu: ['q4f16'], wasm: ['q4'] } }, r1)).toMatchObject({ device: 'wasm', dtype: 'q8' });
    expect(chooseRuntime(caps(f16gpu), {}, r1)).toMatchObject({ device: 'webgpu', dtype: 'q4f16' });
    expect(chooseRuntime(caps(swiftshader), {}, r1)).toMatchObject({ device: 'webgpu', dtype: 'q4' });
  });

  it('takes a real 4-bit file over converting', () => {
    expect(chooseRuntime(caps(swiftshader), {}, { ...base, dtypes: ['q8', 'q4'] })).toMatchObject({ dtype: 'q4' });
    expect(chooseRuntime(caps(swiftshader), {}, { ...base, dtypes: ['q8', 'q4'] }).convertFrom).toBeUndefined();
  });
});

describe('chooseRuntime when the listing has nothing the device runs', () => {
  it('keeps the catalog list rather than pick a file that does not exist', () => {
    const f16only = { baseName: 'model', dtypes: ['q4f16'] as DType[], from: 'probe' as const };
    expect(chooseRuntime(caps(null), { dtypes }, f16only)).toMatchObject({ device: 'wasm', dtype: 'q8' });
  });
});
