// Before a load: what the repository holds, whether its file fits the storage, and for WebGPU the
// 4-bit twin of 8-bit weights (made once, kept in the model cache). Any failure to convert leaves
// the 8-bit weights running, with the reason said.
import { CONVERTED_FROM, ensureQ4Twin } from './convert/gpu-twin.ts';
import { EngineError } from '../../src/contract/errors.ts';
import { abortError } from './classify-error.ts';
import type { LoadTracker } from './load-progress.ts';
import type { ConversionInfo, ModelSpec, RepoFiles, RuntimeChoice } from '../../src/contract/engine-api.ts';
import { candidateFiles, listRepoFiles } from './repo-files.ts';
import { checkStorage, formatSize } from './storage-check.ts';
import { MODEL_CACHE_NAME } from '../../src/contract/engine-api.ts';
import { status, type StatusText } from '../../src/contract/status-text.ts';
import { withReason } from './select.ts';

export interface WeightsContext {
  host: string;
  pathTemplate: string;
  hubHost: string;
  /** The load's guarded fetch (downloads). */
  fetch: (url: string) => Promise<Response>;
  signal: AbortSignal;
  tracker: LoadTracker;
  now: () => number;
  caches?: CacheStorage;
}

/** `{host}{model}/resolve/{revision}/{file}`, joined as transformers.js joins it (its cache key). */
export function repoUrl(ctx: Pick<WeightsContext, 'host' | 'pathTemplate'>, id: string, revision: string, file: string): string {
  const path = ctx.pathTemplate.replaceAll('{model}', id).replaceAll('{revision}', encodeURIComponent(revision));
  return [ctx.host, path, file].map((p, i) => (i === 0 ? p.replace(/\/+$/, '') : p.replace(/^\/+|\/+$/g, ''))).join('/');
}

/** Candidate model files in the cache that were downloaded (a converted twin is not the repo's). */
async function cachedCandidates(spec: ModelSpec, ctx: ListingContext): Promise<string[]> {
  if (!ctx.caches) return [];
  const revision = spec.revision ?? 'main';
  const cache = await ctx.caches.open(MODEL_CACHE_NAME);
  const hits = await Promise.all(
    candidateFiles(spec.modelFileName).map(async (file) => {
      const res = await cache.match(repoUrl(ctx, spec.id, revision, file));
      return res && !res.headers.has(CONVERTED_FROM) ? file : null;
    }),
  );
  return hits.filter((f): f is string => f !== null);
}

/** What listing the repository needs of the load's context. */
export type ListingContext = Pick<WeightsContext, 'host' | 'pathTemplate' | 'hubHost' | 'caches'>;

/** Without `network`, only the cache answers (nothing leaves the browser). */
export async function repoFiles(spec: ModelSpec, ctx: ListingContext, network = true): Promise<RepoFiles | null> {
  const revision = spec.revision ?? 'main';
  const dtype = spec.dtype && spec.dtype !== 'auto' ? spec.dtype : undefined;
  return listRepoFiles(
    {
      id: spec.id,
      revision,
      url: (file) => repoUrl(ctx, spec.id, revision, file),
      hubApi: ctx.host === ctx.hubHost ? `${ctx.hubHost}api/` : undefined,
      localFiles: spec.localFiles,
      baseName: spec.modelFileName,
    },
    network ? (url, init) => fetch(url, init) : () => Promise.reject(new Error('no network asked for')),
    { cached: await cachedCandidates(spec, ctx), dtype },
  );
}

/** The 4-bit twin when the choice asks for one; else the 8-bit choice, with why. */
export async function gpuWeights(
  spec: ModelSpec,
  baseName: string,
  choice: RuntimeChoice,
  ctx: WeightsContext,
): Promise<{ choice: RuntimeChoice; conversion?: ConversionInfo }> {
  if (!choice.convertFrom) return { choice };
  const keepQ8 = (why: StatusText): { choice: RuntimeChoice } => ({
    choice: { device: choice.device, dtype: choice.convertFrom!, fellBack: true, ...withReason(choice, why) },
  });
  if (spec.localFiles?.length) return keepQ8(status('q8_kept_folder', {}));
  if (!ctx.caches) return keepQ8(status('q8_kept_no_cache', {}));
  const revision = spec.revision ?? 'main';
  try {
    const conversion = await ensureQ4Twin(baseName, {
      cache: await ctx.caches.open(MODEL_CACHE_NAME),
      fetch: ctx.fetch,
      url: (file) => repoUrl(ctx, spec.id, revision, file),
      revision,
      onProgress: (e) => ctx.tracker.event(e),
      onPhase: (p) => ctx.tracker.phase(p),
      signal: ctx.signal,
      now: ctx.now,
    });
    const sizes = conversion.bytesIn ? `${formatSize(conversion.bytesIn)} -> ${formatSize(conversion.bytesOut)}` : formatSize(conversion.bytesOut);
    const made = conversion.reused ? status('converted_reused', { sizes }) : status('converted_now', { sizes, seconds: (conversion.ms / 1000).toFixed(1) });
    return { choice: { ...choice, ...withReason(choice, made) }, conversion };
  } catch (err) {
    if (ctx.signal.aborted) throw abortError();
    // A failed download fails the load, naming the file: the 8-bit file would not come either.
    if (err instanceof EngineError) throw err;
    return keepQ8(status('q8_kept_failed', { detail: err instanceof Error ? err.message : String(err) }));
  }
}

/** Refuses, before any weight is fetched, a model file that the site's storage cannot keep. */
export async function checkRoom(spec: ModelSpec, choice: RuntimeChoice, files: RepoFiles | null, ctx: WeightsContext): Promise<void> {
  const storage = (globalThis as { navigator?: { storage?: { estimate?: () => Promise<StorageEstimate> } } }).navigator?.storage;
  if (!ctx.caches || !storage?.estimate || spec.localFiles?.length || spec.ignoreStorageQuota) return;
  const cache = await ctx.caches.open(MODEL_CACHE_NAME);
  const revision = spec.revision ?? 'main';
  await checkStorage(choice, files, {
    cached: async (file) => (await cache.match(repoUrl(ctx, spec.id, revision, file))) !== undefined,
    estimate: () => storage.estimate!(),
  });
}
