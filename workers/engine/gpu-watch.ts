// Watches the WebGPU device a model runs on. A lost device (driver reset, destroy(), a GPU
// process crash) can make ONNX Runtime throw or never answer; the engine races each generation
// against the loss and lets WASM take over.
import { EngineError } from '../../src/contract/errors.ts';

export interface GpuWatch {
  /** Why the device was lost; null while it is fine. */
  lost: string | null;
  /** Rejects with a GpuError when the device is lost; never resolves. */
  readonly whenLost: Promise<never>;
}

type LostInfo = { reason?: string; message?: string };
type DeviceLike = { lost: Promise<LostInfo> };

function isDevice(value: unknown): value is DeviceLike {
  return typeof value === 'object' && value !== null && (value as { lost?: unknown }).lost instanceof Promise;
}

/** `why`: what the device said, if anything. */
export function gpuLostError(why: string | null): EngineError {
  return why ? EngineError.of('gpu_lost', { detail: why }) : EngineError.of('gpu_lost_unknown', {});
}

/** A watch on `device` (a GPUDevice or a promise of one); null when there is none in time. */
export async function watchDevice(device: unknown, waitMs = 2000): Promise<GpuWatch | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
  });
  const resolved = await Promise.race([Promise.resolve(device).catch(() => null), timeout]);
  clearTimeout(timer);
  if (!isDevice(resolved)) return null;
  const watch: { lost: string | null; whenLost: Promise<never> } = { lost: null, whenLost: Promise.resolve() as never };
  watch.whenLost = resolved.lost.then((info) => {
    const why = info.message || info.reason || null;
    watch.lost = why ?? 'unknown reason';
    throw gpuLostError(why);
  });
  // Nobody may be racing against it when it happens.
  watch.whenLost.catch(() => undefined);
  return watch;
}

