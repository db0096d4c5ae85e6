// What a model repository really holds for its ONNX file, so the dtype is chosen from files that
// exist: the Hub's model-info API lists them; a static mirror is asked with HEAD requests; a
// picked folder is its file list. null when it cannot be told (offline, a host that refuses
// HEAD): the catalog's lists are used then.
import type { DType, LocalModelFile, RepoFiles } from '../../src/contract/engine-api.ts';
import { DTYPE_SUFFIX, ONNX_BASE_NAMES as BASE_NAMES } from '../../src/contract/sets.ts';

/** The order listings and HEAD requests go in: the suffix map's (fp32 first). */
const DTYPES = Object.keys(DTYPE_SUFFIX) as DType[];

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface RepoLocation {
  id: string;
  revision: string;
  /** The URL of a file in the repository. */
  url: (file: string) => string;
  /** The Hub's API root, when the host is the Hub. */
  hubApi?: string;
  localFiles?: readonly LocalModelFile[];
  /** Only this base name (a catalog entry's model_file_name). */
  baseName?: string;
}

/** The base name with the most dtypes, `model` first on a tie; its dtypes (and file sizes, when told). */
export function fromPaths(paths: Iterable<string>, from: RepoFiles['from'], only?: string, sizes?: Record<string, number>): RepoFiles | null {
  const have = new Set(paths);
  let best: RepoFiles | null = null;
  for (const baseName of only ? [only] : BASE_NAMES) {
    const dtypes = DTYPES.filter((d) => have.has(`onnx/${baseName}${DTYPE_SUFFIX[d]}.onnx`));
    if (dtypes.length > (best?.dtypes.length ?? 0)) best = { baseName, dtypes, from, ...(sizes && Object.keys(sizes).length ? { sizes } : {}) };
  }
  return best;
}

export function candidateFiles(baseName?: string, dtypes: readonly DType[] = DTYPES): string[] {
  return (baseName ? [baseName] : BASE_NAMES).flatMap((b) => dtypes.map((d) => `onnx/${b}${DTYPE_SUFFIX[d]}.onnx`));
}

export interface ListOptions {
  /** Candidate files already in the browser cache (downloaded, not made here). */
  cached?: readonly string[];
  /** A dtype the user asked for: when its file is cached, no request is made. */
  dtype?: DType;
  timeoutMs?: number;
}

export async function listRepoFiles(loc: RepoLocation, fetch: Fetch, opts: ListOptions = {}): Promise<RepoFiles | null> {
  if (loc.localFiles?.length) return fromPaths(loc.localFiles.map((f) => f.path), 'folder', loc.baseName);
  const cached = opts.cached ?? [];
  if (opts.dtype && cached.some((f) => f.endsWith(`${DTYPE_SUFFIX[opts.dtype!]}.onnx`))) return fromPaths(cached, 'cache', loc.baseName);
  const online = await listOnline(loc, fetch, opts.timeoutMs ?? 5000);
  if (online) return fromPaths([...Object.keys(online), ...cached], Object.keys(online).length ? (loc.hubApi ? 'hub-api' : 'probe') : 'cache', loc.baseName, sizesOf(online));
  return cached.length ? fromPaths(cached, 'cache', loc.baseName) : null;
}

function sizesOf(files: Record<string, number | null>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [f, n] of Object.entries(files)) if (n !== null && n > 0) out[f] = n;
  return out;
}

/** The repository's files with their sizes (null when not told), or null when it cannot be asked. */
async function listOnline(loc: RepoLocation, fetch: Fetch, timeoutMs: number): Promise<Record<string, number | null> | null> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    if (loc.hubApi) {
      const res = await fetch(`${loc.hubApi}models/${loc.id}/revision/${encodeURIComponent(loc.revision)}?blobs=true`, { signal: timeout });
      if (!res.ok) return null;
      const info = (await res.json()) as { siblings?: { rfilename?: string; size?: number }[] };
      return Object.fromEntries((info.siblings ?? []).map((s) => [s.rfilename ?? '', typeof s.size === 'number' ? s.size : null]));
    }
    const found = await Promise.all(
      candidateFiles(loc.baseName).map(async (file): Promise<[string, number | null] | null> => {
        const res = await fetch(loc.url(file), { method: 'HEAD', signal: timeout });
        if (res.ok) return [file, Number(res.headers.get('content-length')) || null];
        if (res.status === 404) return null;
        throw new Error(`HEAD ${file}: HTTP ${res.status}`);
      }),
    );
    return Object.fromEntries(found.filter((f): f is [string, number | null] => f !== null));
  } catch {
    return null;
  }
}
