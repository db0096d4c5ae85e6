// Which device and dtype a load uses, and why. Pure, so the rules are unit-tested.
import type { Capabilities, DType, DTypePreferences, ModelSpec, RepoFiles, RuntimeChoice } from '../../src/contract/engine-api.ts';
import { F16_DTYPES, f32Twin, type BrowserDevice } from '../../src/contract/sets.ts';
import { sentencesEnglish, status, statusEnglish, type StatusText, type StatusValue } from '../../src/contract/status-text.ts';

/** What an unknown Hub model most likely ships (onnx-community exports). */
export const DEFAULT_DTYPES: DTypePreferences = { webgpu: ['q4f16', 'q4', 'fp32'], wasm: ['q8', 'q4', 'fp32'] };

/**
 * Fastest first, for a repo whose files are known. WebGPU: 4-bit MatMulNBits, then 8-bit
 * (converted to 4-bit: its MatMulInteger has no WebGPU kernel), then float. WASM: ORT-web's
 * 8-bit kernels are about 11x faster than its 4-bit ones (NOTES.md).
 */
export const FASTEST: DTypePreferences = { webgpu: ['q4f16', 'q4', 'q8', 'fp16', 'fp32'], wasm: ['q8', 'q4', 'fp32', 'fp16'] };

const NEEDS_F16: ReadonlySet<DType> = new Set(F16_DTYPES);

/** A reason's sentences, in English and as codes (the page shows them in the user's language). */
export function explained(parts: StatusText[]): { reason: string; reasonText: StatusText[] } {
  return { reason: sentencesEnglish(parts), reasonText: parts };
}

/** The choice's reason with one more sentence. */
export function withReason(choice: RuntimeChoice, part: StatusText): Pick<RuntimeChoice, 'reason' | 'reasonText'> {
  // A reason without codes stays English only: codes for part of it would not say what it says.
  return { reason: `${choice.reason} ${statusEnglish(part)}`, ...(choice.reasonText ? { reasonText: [...choice.reasonText, part] } : {}) };
}

export function chooseRuntime(
  caps: Capabilities,
  spec: Pick<ModelSpec, 'device' | 'dtype' | 'dtypes' | 'convert'>,
  files: RepoFiles | null = null,
): RuntimeChoice {
  const listed = files ? new Set(files.dtypes) : null;
  const fallback = spec.dtypes ?? DEFAULT_DTYPES;
  // A device with no file it can run in the listing keeps the catalog's list (and its error, if any).
  const pick = (device: keyof DTypePreferences): DType[] => {
    const have = listed ? FASTEST[device].filter((d) => listed.has(d)) : [];
    return have.length ? have : fallback[device];
  };
  const prefs: DTypePreferences = { webgpu: pick('webgpu'), wasm: pick('wasm') };
  const reasons: StatusText[] = [];
  let fellBack = false;

  if (caps.runtime === 'node') {
    const dtype = spec.dtype && spec.dtype !== 'auto' ? spec.dtype : prefs.wasm[0] ?? 'fp32';
    return { device: 'cpu', dtype, ...explained([status('node_cpu', {})]), fellBack: false };
  }

  let device: BrowserDevice;
  const asked = spec.device ?? 'auto';
  if (asked === 'wasm' || asked === 'cpu') {
    device = 'wasm';
    reasons.push(status('wasm_chosen', {}));
  } else if (caps.gpu) {
    device = 'webgpu';
    const vendor = caps.gpu.vendor;
    const kind = caps.gpu.isFallbackAdapter ? status('gpu_software', {}) : vendor ? status('gpu_vendor', { vendor }) : status('gpu_unknown_vendor', {});
    reasons.push(status(asked === 'webgpu' ? 'webgpu_chosen' : 'webgpu_available', { kind }));
  } else {
    device = 'wasm';
    const why: StatusValue = caps.gpuUnavailableText ?? caps.gpuUnavailableReason ?? status('gpu_no_adapter', {});
    if (asked === 'webgpu') fellBack = true;
    reasons.push(status(asked === 'webgpu' ? 'webgpu_unavailable_asked' : 'webgpu_none', { why }));
  }

  const f16ok = device === 'webgpu' && caps.gpu?.shaderF16 === true;
  const list = prefs[device];
  let dtype: DType;
  if (spec.dtype && spec.dtype !== 'auto') {
    dtype = spec.dtype;
    if (NEEDS_F16.has(dtype) && !f16ok) {
      const twin = f32Twin(dtype);
      fellBack = true;
      reasons.push(status(device === 'webgpu' ? 'f16_no_shader_gpu' : 'f16_on_wasm', { dtype, twin }));
      dtype = twin;
    } else {
      reasons.push(status('dtype_chosen', { dtype }));
    }
  } else {
    const usable = list.filter((d) => f16ok || !NEEDS_F16.has(d));
    dtype = usable[0] ?? 'fp32';
    const skipped = list.filter((d) => NEEDS_F16.has(d) && !usable.includes(d));
    if (device === 'webgpu' && skipped.length > 0) {
      reasons.push(status('f16_skipped', { dtype, skipped: { list: skipped, and: true } }));
    } else if (device === 'webgpu' && NEEDS_F16.has(dtype)) {
      reasons.push(status('f16_supported', { dtype }));
    } else if (device === 'wasm' && dtype === 'q8') {
      reasons.push(status('q8_wasm', {}));
    } else if (!(device === 'webgpu' && dtype === 'q8')) {
      reasons.push(status('dtype_best', { dtype, device }));
    }
    if (files) reasons.push(status(files.from === 'cache' ? 'files_cached' : 'files_listed', { dtypes: { list: [...files.dtypes] } }));
    // 8-bit MatMulInteger has no WebGPU kernel: every matmul would run on the CPU.
    if (device === 'webgpu' && dtype === 'q8' && spec.convert !== false) {
      reasons.push(status('q8_converted', {}));
      return { device, dtype: 'q4', convertFrom: 'q8', ...explained(reasons), fellBack };
    }
    if (device === 'webgpu' && dtype === 'q8') reasons.push(status('q8_on_gpu', {}));
  }
  return { device, dtype, ...explained(reasons), fellBack };
}
