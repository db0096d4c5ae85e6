// What transformers.js keeps in the browser's Cache API, grouped by model, and the storage
// quota around it. Globals are passed in, so the logic is unit-tested with fakes.

import { MODEL_CACHE_NAME } from '../../contract/engine-api.ts';
import type { Text } from '../i18n/text.ts';

export interface CachedFile {
  url: string;
  /** Path inside the repository, e.g. `onnx/model_q4.onnx`. */
  file: string;
  bytes: number;
}

export interface CachedModel {
  /** host + id + revision: what one delete removes. */
  key: string;
  host: string;
  id: string;
  revision: string;
  files: CachedFile[];
  bytes: number;
}

export interface StorageInfo {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

type StorageLike = Pick<StorageManager, 'estimate'> & Partial<Pick<StorageManager, 'persist' | 'persisted'>>;

/** `{host}{owner}/{name}/resolve/{revision}/{file}`, the layout transformers.js requests. */
export function parseCacheUrl(url: string): { host: string; id: string; revision: string; file: string } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const m = /^(.*\/)([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(u.pathname);
  if (!m) return null;
  return { host: `${u.origin}${m[1]}`, id: decodeURIComponent(m[2]), revision: decodeURIComponent(m[3]), file: decodeURIComponent(m[4]) };
}

async function sizeOf(cache: Cache, request: Request): Promise<number> {
  const res = await cache.match(request);
  if (!res) return 0;
  const header = Number(res.headers.get('content-length'));
  if (Number.isFinite(header) && header > 0) return header;
  // No length stored: the blob is backed by the cache on disk, not read into memory.
  return (await res.blob()).size;
}

/** Models in the cache, largest first; files that do not fit the Hub layout are grouped as `other`. */
export async function listCachedModels(caches: CacheStorage): Promise<CachedModel[]> {
  if (!(await caches.has(MODEL_CACHE_NAME))) return [];
  const cache = await caches.open(MODEL_CACHE_NAME);
  const groups = new Map<string, CachedModel>();
  for (const request of await cache.keys()) {
    const parsed = parseCacheUrl(request.url) ?? { host: '', id: 'other', revision: '', file: request.url };
    const key = `${parsed.host}${parsed.id}@${parsed.revision}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, host: parsed.host, id: parsed.id, revision: parsed.revision, files: [], bytes: 0 };
      groups.set(key, group);
    }
    const bytes = await sizeOf(cache, request);
    group.files.push({ url: request.url, file: parsed.file, bytes });
    group.bytes += bytes;
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes);
}

/** Removes every file of one model; returns how many entries went. */
export async function deleteCachedModel(caches: CacheStorage, model: Pick<CachedModel, 'files'>): Promise<number> {
  const cache = await caches.open(MODEL_CACHE_NAME);
  let removed = 0;
  for (const f of model.files) if (await cache.delete(f.url)) removed++;
  return removed;
}

export async function storageInfo(storage: StorageLike | undefined): Promise<StorageInfo> {
  if (!storage) return { usage: null, quota: null, persisted: null };
  const estimate = await storage.estimate().catch(() => ({}) as StorageEstimate);
  const persisted = storage.persisted ? await storage.persisted().catch(() => null) : null;
  return { usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted };
}

/** Asks the browser not to evict the models under storage pressure. */
export async function requestPersistence(storage: StorageLike | undefined): Promise<{ granted: boolean; message: Text }> {
  if (!storage?.persist) return { granted: false, message: { key: 'cache_persist_unsupported' } };
  const granted = await storage.persist().catch(() => false);
  return { granted, message: { key: granted ? 'cache_persist_granted' : 'cache_persist_refused' } };
}

/** When a model of this size will not fit, what to tell the user; sizes for `locale`. */
export function quotaAdvice(info: StorageInfo, models: readonly CachedModel[], locale = 'en'): Text | null {
  if (info.usage === null || info.quota === null || info.quota === 0) return null;
  const free = info.quota - info.usage;
  if (free / info.quota > 0.1) return null;
  const biggest = models[0];
  const left = formatBytes(free, locale);
  return biggest
    ? { key: 'cache_quota_advice_delete', params: { free: left, model: biggest.id, size: formatBytes(biggest.bytes, locale) } }
    : { key: 'cache_quota_advice', params: { free: left } };
}

/** Stored sizes in binary units; `locale` as in lib/format.ts. */
export function formatBytes(n: number, locale = 'en'): string {
  if (n < 1024) return `${new Intl.NumberFormat(locale, { useGrouping: false }).format(n)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = v >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(v)} ${units[i]}`;
}
