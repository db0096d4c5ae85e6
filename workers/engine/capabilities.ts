// What this environment can run: WebGPU adapter and its features, isolation, WASM threads.
import type { Capabilities, GpuInfo } from '../../src/contract/engine-api.ts';
import { status, statusEnglish, type StatusText } from '../../src/contract/status-text.ts';

type GpuNavigator = { gpu?: GPU; hardwareConcurrency?: number };

function runtimeKind(): Capabilities['runtime'] {
  const g = globalThis as { document?: unknown; WorkerGlobalScope?: unknown };
  if (typeof g.document !== 'undefined') return 'window';
  if (typeof g.WorkerGlobalScope !== 'undefined') return 'worker';
  return 'node';
}

/** One thread without isolation (SharedArrayBuffer is missing); else up to 4, measured ~1.6x at 2. */
export function defaultWasmThreads(isolated: boolean, cores: number): number {
  if (!isolated) return 1;
  return Math.max(1, Math.min(4, cores));
}

/** Why there is no GPU, in English and as its code. */
function unavailable(why: StatusText): Pick<Capabilities, 'gpuUnavailableReason' | 'gpuUnavailableText'> {
  return { gpuUnavailableReason: statusEnglish(why), gpuUnavailableText: why };
}

async function probeGpu(nav: GpuNavigator): Promise<{ gpu: GpuInfo | null; reason: StatusText | null }> {
  if (!nav.gpu) return { gpu: null, reason: status('gpu_no_api', {}) };
  let adapter: GPUAdapter | null;
  try {
    adapter = await nav.gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return { gpu: null, reason: status('gpu_request_failed', { detail: err instanceof Error ? err.message : String(err) }) };
  }
  if (!adapter) return { gpu: null, reason: status('gpu_no_adapter_offered', {}) };
  const info = adapter.info;
  const l = adapter.limits;
  return {
    gpu: {
      vendor: info?.vendor ?? '',
      architecture: info?.architecture ?? '',
      description: info?.description ?? '',
      // Older Chromium exposes the flag on the adapter, newer on info.
      isFallbackAdapter: Boolean((info as GPUAdapterInfo & { isFallbackAdapter?: boolean })?.isFallbackAdapter ??
        (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter),
      shaderF16: adapter.features.has('shader-f16'),
      limits: {
        maxBufferSize: l.maxBufferSize,
        maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
        maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
        maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      },
    },
    reason: null,
  };
}

export async function detectCapabilities(): Promise<Capabilities> {
  const runtime = runtimeKind();
  const nav = (typeof navigator === 'undefined' ? {} : navigator) as GpuNavigator;
  const cores = nav.hardwareConcurrency ?? 1;
  if (runtime === 'node') {
    return {
      runtime,
      gpu: null,
      ...unavailable(status('gpu_node', {})),
      crossOriginIsolated: false,
      sharedMemory: true,
      wasmThreads: 0,
      hardwareConcurrency: cores,
    };
  }
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const sharedMemory = typeof SharedArrayBuffer !== 'undefined';
  const { gpu, reason } = await probeGpu(nav);
  return {
    runtime,
    gpu,
    ...(reason ? unavailable(reason) : { gpuUnavailableReason: null }),
    crossOriginIsolated: isolated,
    sharedMemory,
    wasmThreads: defaultWasmThreads(isolated && sharedMemory, cores),
    hardwareConcurrency: cores,
  };
}
