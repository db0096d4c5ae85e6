// Where a load reads model files from: a folder the user picked (no network at all), or the
// model host with transformers.js's browser cache, wrapped so that a save the browser refuses
// for lack of quota is reported instead of swallowed (transformers.js only logs it).
import { MODEL_CACHE_NAME, type LocalModelFile } from '../../src/contract/engine-api.ts';
import { status, statusEnglish, type StatusText } from '../../src/contract/status-text.ts';
/** A host that never resolves: files a local folder lacks read as missing, never as a request. */
export const LOCAL_HOST = 'https://local-folder.invalid/';

type Matchable = Response | undefined;
export interface CustomCache {
  match(key: string): Promise<Matchable>;
  put(key: string, response: Response): Promise<void>;
}

/** The part of transformers.js's `env` this module sets. */
export interface SourceEnv {
  remoteHost: string;
  useCustomCache: boolean;
  // transformers.js types it as its own CacheInterface; this module only writes it.
  customCache: unknown;
  useBrowserCache: boolean;
  fetch: (input: string | URL, init?: RequestInit) => Promise<Response>;
}

export interface ModelSource {
  /** Set when the model loaded but could not be kept for offline use. */
  cacheWarning(): string | undefined;
  /** The same, as a code the page shows in the user's language. */
  cacheWarningText(): StatusText | undefined;
}

const TYPES: Record<string, string> = { json: 'application/json', onnx: 'application/octet-stream', txt: 'text/plain' };

/** The file path inside the repository for a cache key: a remote URL or transformers.js's local path. */
export function repoPathOf(key: string, modelId: string): string | null {
  const path = key.split('?')[0];
  const at = path.indexOf(`${modelId}/`);
  if (at < 0) return null;
  const rest = path.slice(at + modelId.length + 1);
  const resolved = /^resolve\/[^/]+\/(.+)$/.exec(rest);
  return resolved ? resolved[1] : rest;
}

/** Serves a picked folder's files as cache hits; never stores anything. */
export function folderCache(modelId: string, files: readonly LocalModelFile[]): CustomCache {
  const byPath = new Map(files.map((f) => [f.path.replace(/^\.?\//, ''), f.file]));
  return {
    async match(key) {
      const rel = repoPathOf(key, modelId);
      const blob = rel === null ? undefined : byPath.get(rel);
      if (!blob) return undefined;
      const ext = rel?.split('.').pop() ?? '';
      return new Response(blob, {
        headers: { 'content-length': String(blob.size), 'content-type': TYPES[ext] ?? 'application/octet-stream' },
      });
    },
    async put() {},
  };
}

export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  const message = err instanceof Error ? err.message : String(err);
  return name === 'QuotaExceededError' || /quota/i.test(message);
}

/** The warning for the files the browser refused to store, as a code. */
export function quotaWarningText(files: string[]): StatusText {
  return status('cache_refused', { files: { list: files } });
}

/** The browser cache, with quota failures on put recorded (transformers.js would only log them). */
export function reportingCache(open: () => Promise<Cache>, onQuota: (key: string) => void): CustomCache {
  let cache: Promise<Cache> | null = null;
  const get = () => (cache ??= open());
  return {
    async match(key) {
      return (await get()).match(key);
    },
    async put(key, response) {
      try {
        await (await get()).put(key, response);
      } catch (err) {
        if (isQuotaError(err)) onQuota(key);
        throw err;
      }
    },
  };
}

/**
 * Points transformers.js at the model's files for one load. Call after the engine has set
 * remoteHost and fetch: a folder load replaces both, so nothing goes to the network.
 */
export function configureModelSource(
  env: SourceEnv,
  spec: { id: string; localFiles?: readonly LocalModelFile[] },
  storage: { caches?: CacheStorage } = globalThis,
): ModelSource {
  if (spec.localFiles && spec.localFiles.length > 0) {
    env.useCustomCache = true;
    env.customCache = folderCache(spec.id, spec.localFiles);
    env.remoteHost = LOCAL_HOST;
    // A missing optional file (generation_config.json) reads as a 404, never as a request.
    env.fetch = async () => new Response('not in the folder', { status: 404 });
    return { cacheWarning: () => undefined, cacheWarningText: () => undefined };
  }
  const refused: string[] = [];
  const caches = storage.caches;
  if (env.useBrowserCache && caches) {
    env.useCustomCache = true;
    env.customCache = reportingCache(() => caches.open(MODEL_CACHE_NAME), (key) => refused.push(key));
  } else {
    env.useCustomCache = false;
    env.customCache = null;
  }
  const warning = (): StatusText | undefined => (refused.length > 0 ? quotaWarningText(refused.map((k) => repoPathOf(k, spec.id) ?? k)) : undefined);
  return {
    cacheWarning: () => {
      const text = warning();
      return text ? statusEnglish(text) : undefined;
    },
    cacheWarningText: warning,
  };
}
