// A folder the user picked, in the Hub layout, turned into a load that needs no network.
// Pure: the caller passes the picked files with their relative paths.
import type { DType, DTypePreferences, LocalModelFile, ModelSpec } from '../../contract/engine-api.ts';
import { DTYPES, DTYPE_SUFFIX, ONNX_BASE_NAMES } from '../../contract/sets.ts';
import { verbatim, type Text } from '../i18n/text.ts';

export interface PickedFile {
  /** `webkitRelativePath`: the picked folder's name, then the path inside it. */
  path: string;
  file: Blob;
}

const SUFFIX_DTYPE = new Map<string, DType>(DTYPES.map((d) => [DTYPE_SUFFIX[d], d]));
// onnx/<base><suffix>.onnx, longest suffix first (_q4f16 before _q4).
const ONNX_FILE = new RegExp(
  `^onnx/(${ONNX_BASE_NAMES.join('|')})(${[...SUFFIX_DTYPE.keys()].filter(Boolean).sort((a, b) => b.length - a.length).join('|')})?\\.onnx$`,
);
const PREFERENCE: DTypePreferences = { webgpu: ['q4f16', 'q4', 'fp16', 'fp32', 'q8'], wasm: ['q8', 'q4', 'fp32'] };
const REQUIRED = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];

export type FolderResult = { ok: true; spec: ModelSpec; dtypes: DType[] } | { ok: false; error: Text };

/** The ONNX base name and the dtypes the folder holds, from `onnx/<base><suffix>.onnx`. */
export function onnxVariants(paths: readonly string[]): { base: string; dtypes: DType[] } | null {
  const found = new Map<string, Set<DType>>();
  for (const p of paths) {
    const m = ONNX_FILE.exec(p);
    if (!m) continue;
    const set = found.get(m[1]) ?? new Set<DType>();
    const dtype = SUFFIX_DTYPE.get(m[2] ?? '');
    if (dtype) set.add(dtype);
    found.set(m[1], set);
  }
  const base = found.has('model') ? 'model' : found.keys().next().value;
  if (base === undefined) return null;
  return { base, dtypes: [...(found.get(base) ?? [])] };
}

export function folderToSpec(picked: readonly PickedFile[], want: Pick<ModelSpec, 'device' | 'dtype'>): FolderResult {
  const config = picked
    .filter((f) => f.path === 'config.json' || f.path.endsWith('/config.json'))
    .sort((a, b) => a.path.length - b.path.length)[0];
  if (!config) return { ok: false, error: { key: 'folder_no_config' } };
  const root = config.path.slice(0, config.path.length - 'config.json'.length);
  const files: LocalModelFile[] = picked.filter((f) => f.path.startsWith(root)).map((f) => ({ path: f.path.slice(root.length), file: f.file }));
  const paths = files.map((f) => f.path);
  const missing = REQUIRED.filter((r) => !paths.includes(r));
  if (missing.length > 0) return { ok: false, error: { key: 'folder_missing', params: { files: { list: missing.map(verbatim), and: true } } } };
  const onnx = onnxVariants(paths);
  if (!onnx) return { ok: false, error: { key: 'folder_no_onnx' } };
  const dtypes: DTypePreferences = {
    webgpu: PREFERENCE.webgpu.filter((d) => onnx.dtypes.includes(d)),
    wasm: PREFERENCE.wasm.filter((d) => onnx.dtypes.includes(d)),
  };
  // A folder with only f16 weights still loads on WASM: the runtime choice reports the fallback.
  if (dtypes.wasm.length === 0) dtypes.wasm = [...onnx.dtypes];
  const dtype = want.dtype && want.dtype !== 'auto' && onnx.dtypes.includes(want.dtype) ? want.dtype : 'auto';
  const name = (root.split('/').filter(Boolean).at(-1) ?? 'model').replace(/[^\w.-]/g, '_') || 'model';
  return {
    ok: true,
    dtypes: onnx.dtypes,
    spec: {
      id: `local/${name}`,
      device: want.device ?? 'auto',
      dtype,
      dtypes,
      localFiles: files,
      ...(onnx.base !== 'model' ? { modelFileName: onnx.base } : {}),
    },
  };
}
