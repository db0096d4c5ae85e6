// What a load would choose and download on this device, before Load is pressed: the dtype from
// the repository's files, the file's size, whether it is cached, the room left, and a rough speed.
import { repoFiles, repoUrl, type ListingContext } from './model-files.ts';
import { CONVERTED_FROM } from './convert/gpu-twin.ts';
import type { Capabilities, LoadPlan, ModelSpec, RuntimeChoice } from '../../src/contract/engine-api.ts';
import { MODEL_CACHE_NAME } from '../../src/contract/engine-api.ts';
import { DTYPE_SUFFIX } from '../../src/contract/sets.ts';
import { chooseRuntime } from './select.ts';
import { status, statusEnglish, type StatusText } from '../../src/contract/status-text.ts';

/**
 * Measured here (NOTES.md, 1.3B shape, Chromium WASM, 2 threads): the 1.55 GB q8 file decodes
 * ~2.4 tokens/s, the 1.06 GB q4 file ~0.21 (one thread ~0.63x). Decoding reads every weight
 * once a token, so the rate scales with the file's size; other dtypes were not measured.
 */
const WASM_MEASURED: Partial<Record<RuntimeChoice['dtype'], { bytes: number; tps: number }>> = {
  q8: { bytes: 1.55e9, tps: 2.4 },
  q4: { bytes: 1.06e9, tps: 0.21 },
};

/** The speed to expect, as a code (the English is its template filled in: statusEnglish). */
export function expectSpeedText(caps: Capabilities, choice: RuntimeChoice, bytes: number | null): StatusText {
  if (choice.device === 'webgpu') return status('speed_gpu', {});
  const threads = Math.max(1, caps.wasmThreads);
  const m = WASM_MEASURED[choice.dtype];
  if (!m || !bytes) return status(threads > 1 ? 'speed_unmeasured' : 'speed_unmeasured_one', { threads });
  const tps = m.tps * (m.bytes / bytes) * (threads >= 2 ? (threads / 2) ** 0.6 : 0.63);
  const shown = tps >= 10 ? Math.round(tps) : tps.toFixed(1);
  return status(threads > 1 ? 'speed_expect' : 'speed_expect_one', { tps: shown, threads });
}

export function expectSpeed(caps: Capabilities, choice: RuntimeChoice, bytes: number | null): string {
  return statusEnglish(expectSpeedText(caps, choice, bytes));
}

export async function planLoad(spec: ModelSpec, caps: Capabilities, ctx: ListingContext, network: boolean): Promise<LoadPlan> {
  const files = caps.runtime === 'node' ? null : await repoFiles(spec, ctx, network);
  const choice = chooseRuntime(caps, spec, files);
  const base = files?.baseName ?? spec.modelFileName ?? 'model';
  const file = `onnx/${base}${DTYPE_SUFFIX[choice.convertFrom ?? choice.dtype]}.onnx`;
  const bytes = files?.sizes?.[file] ?? null;
  let cached = false;
  if (ctx.caches) {
    const cache = await ctx.caches.open(MODEL_CACHE_NAME);
    const url = (f: string): string => repoUrl(ctx, spec.id, spec.revision ?? 'main', f);
    const made = choice.convertFrom ? await cache.match(url(`onnx/${base}${DTYPE_SUFFIX[choice.dtype]}.onnx`)) : undefined;
    cached = (await cache.match(url(file))) !== undefined || made?.headers.has(CONVERTED_FROM) === true;
  }
  const storage = (globalThis as { navigator?: { storage?: { estimate?: () => Promise<StorageEstimate> } } }).navigator?.storage;
  const estimate = storage?.estimate ? await storage.estimate() : null;
  const expectation = expectSpeedText(caps, choice, bytes);
  return {
    choice,
    files,
    file,
    bytes,
    cached,
    storage: estimate?.quota !== undefined ? { usage: estimate.usage ?? 0, quota: estimate.quota } : null,
    expectation: statusEnglish(expectation),
    expectationText: expectation,
  };
}
