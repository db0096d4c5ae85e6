// Which device and dtype a load uses, and why. Pure, so the rules are unit-tested.
import type { Capabilities, DType, DTypePreferences, ModelSpec, RepoFiles, RuntimeChoice } from '../../src/contract/engine-api.ts';
import { F16_DTYPES, f32Twin, type BrowserDevice } from '../../src/contract/sets.ts';

/** What an unknown Hub model most likely ships (onnx-community exports). */
export const DEFAULT_DTYPES: DTypePreferences = { webgpu: ['q4f16', 'q4', 'fp32'], wasm: ['q8', 'q4', 'fp32'] };

/**
 * Fastest first, for a repo whose files are known. WebGPU: 4-bit MatMulNBits, then 8-bit
 * (converted to 4-bit: its MatMulInteger has no WebGPU kernel), then float. WASM: ORT-web's
 * 8-bit kernels are about 11x faster than its 4-bit ones (NOTES.md).
 */
export const FASTEST: DTypePreferences = { webgpu: ['q4f16', 'q4', 'q8', 'fp16', 'fp32'], wasm: ['q8', 'q4', 'fp32', 'fp16'] };

const NEEDS_F16: ReadonlySet<DType> = new Set(F16_DTYPES);

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
  const reasons: string[] = [];
  let fellBack = false;

  if (caps.runtime === 'node') {
    const dtype = spec.dtype && spec.dtype !== 'auto' ? spec.dtype : prefs.wasm[0] ?? 'fp32';
    return { device: 'cpu', dtype, reason: 'Node runs on the CPU through onnxruntime-node.', fellBack: false };
  }

  let device: BrowserDevice;
  const asked = spec.device ?? 'auto';
  if (asked === 'wasm' || asked === 'cpu') {
    device = 'wasm';
    reasons.push('WASM was chosen.');
  } else if (caps.gpu) {
    device = 'webgpu';
    const kind = caps.gpu.isFallbackAdapter ? 'a software (fallback) adapter' : `${caps.gpu.vendor || 'a'} GPU`;
    reasons.push(asked === 'webgpu' ? `WebGPU was chosen (${kind}).` : `WebGPU is available (${kind}).`);
  } else {
    device = 'wasm';
    const why = caps.gpuUnavailableReason ?? 'no WebGPU adapter';
    if (asked === 'webgpu') {
      fellBack = true;
      reasons.push(`WebGPU was asked for but is unavailable (${why}), so WASM runs it.`);
    } else {
      reasons.push(`No WebGPU (${why}), so WASM runs it.`);
    }
  }

  const f16ok = device === 'webgpu' && caps.gpu?.shaderF16 === true;
  const list = prefs[device];
  let dtype: DType;
  if (spec.dtype && spec.dtype !== 'auto') {
    dtype = spec.dtype;
    if (NEEDS_F16.has(dtype) && !f16ok) {
      const twin = f32Twin(dtype);
      fellBack = true;
      reasons.push(
        device === 'webgpu'
          ? `${dtype} was asked for, but this GPU lacks shader-f16, so ${twin} (fp32 activations) is used.`
          : `${dtype} was asked for, but f16 kernels need WebGPU with shader-f16, so ${twin} is used on WASM.`,
      );
      dtype = twin;
    } else {
      reasons.push(`dtype ${dtype} was chosen.`);
    }
  } else {
    const usable = list.filter((d) => f16ok || !NEEDS_F16.has(d));
    dtype = usable[0] ?? 'fp32';
    const skipped = list.filter((d) => NEEDS_F16.has(d) && !usable.includes(d));
    if (device === 'webgpu' && skipped.length > 0) {
      reasons.push(`${dtype}: the GPU lacks shader-f16, so ${skipped.join(' and ')} cannot run here.`);
    } else if (device === 'webgpu' && NEEDS_F16.has(dtype)) {
      reasons.push(`${dtype}: the GPU supports shader-f16, the smallest and fastest choice.`);
    } else if (device === 'wasm' && dtype === 'q8') {
      reasons.push('q8: on WASM 8-bit kernels are far faster than 4-bit ones.');
    } else if (!(device === 'webgpu' && dtype === 'q8')) {
      reasons.push(`${dtype}: the best dtype this model offers for ${device}.`);
    }
    if (files) reasons.push(files.from === 'cache' ? `(Chosen from the files in the browser cache: ${files.dtypes.join(', ')}.)` : `(The model's files: ${files.dtypes.join(', ')}.)`);
    // 8-bit MatMulInteger has no WebGPU kernel: every matmul would run on the CPU.
    if (device === 'webgpu' && dtype === 'q8' && spec.convert !== false) {
      reasons.push('8-bit weights run on the CPU under WebGPU, so they are converted to 4-bit for the GPU.');
      return { device, dtype: 'q4', convertFrom: 'q8', reason: reasons.join(' '), fellBack };
    }
    if (device === 'webgpu' && dtype === 'q8') reasons.push('q8: its 8-bit matmuls run on the CPU under WebGPU (conversion is off).');
  }
  return { device, dtype, reason: reasons.join(' '), fellBack };
}
