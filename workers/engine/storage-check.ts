// Before the weights download: will they fit what this site may store? A download that cannot be
// kept is refused with the reason, before a byte of it is fetched (the user may still load it
// without keeping it).
import { EngineError } from '../../src/contract/errors.ts';
import type { RepoFiles, RuntimeChoice } from '../../src/contract/engine-api.ts';
import { DTYPE_SUFFIX } from '../../src/contract/sets.ts';

/** While converting, the 8-bit file and the 4-bit one being written are both in storage. */
const CONVERSION_PEAK = 1.7;

export interface StorageContext {
  /** Whether the cache already holds a repository file. */
  cached: (file: string) => Promise<boolean>;
  estimate: () => Promise<{ usage?: number; quota?: number }>;
}

/** Decimal MB or GB, as download sizes are quoted. */
export function formatSize(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** Throws StorageFullError when the model file to download is larger than the room left. */
export async function checkStorage(choice: RuntimeChoice, files: RepoFiles | null, ctx: StorageContext): Promise<void> {
  if (!files?.sizes) return;
  const file = `onnx/${files.baseName}${DTYPE_SUFFIX[choice.convertFrom ?? choice.dtype]}.onnx`;
  const size = files.sizes[file];
  // The converted copy may already be there, in place of its source.
  const made = choice.convertFrom ? `onnx/${files.baseName}${DTYPE_SUFFIX[choice.dtype]}.onnx` : null;
  if (!size || (await ctx.cached(file)) || (made && (await ctx.cached(made)))) return;
  const need = Math.round(size * (choice.convertFrom ? CONVERSION_PEAK : 1));
  const { usage = 0, quota } = await ctx.estimate();
  if (quota === undefined || need <= quota - usage) return;
  const sizes = { file, need: formatSize(need), free: formatSize(Math.max(0, quota - usage)), usage: formatSize(usage), quota: formatSize(quota) };
  throw EngineError.of(choice.convertFrom ? 'storage_full_converting' : 'storage_full', sizes, file);
}
