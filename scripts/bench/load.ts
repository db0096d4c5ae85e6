// Load time in the app, from pressing "Load model" to ready (warm-up included): cold in a fresh
// browser profile (empty Cache API and HTTP cache), then cached after a reload in the same one.
import type { Page } from '@playwright/test';
import { disableCompletions, openApp, runtime, serviceWorkerSettled, timeLoad } from './app-page.ts';
import type { BenchConfig, Variant } from './options.ts';
import { appUrl, type Urls } from './results.ts';
import { freshProfile, type Profile } from './profile.ts';
import { ratio, summarize, type Summary } from './stats.ts';

export interface LoadSide {
  ms: Summary;
  /** The engine's own split, from the runtime line ("loaded in X s, warm-up N ms"). */
  engineLoadMs: Summary | null;
  warmupMs: Summary | null;
  /** The engine's per-phase split (check, download, session, warmup), medians over rounds. */
  steps: Record<string, Summary>;
  /** Requests for model files seen by the model host during the load. */
  modelRequests: number[];
  /** Which files were requested, over all rounds (for a cached load: what the cache missed). */
  requestedFiles: string[];
}

export interface LoadResult {
  cold: LoadSide;
  cached: LoadSide;
  /** cold/cached: how many times faster a cached load is. */
  speedup: number;
}

async function requests(models: string, reset: boolean): Promise<string[]> {
  const res = await fetch(`${models}__requests${reset ? '?reset=1' : ''}`);
  return ((await res.json()) as { method: string; path: string }[]).map((r) => `${r.method} ${r.path}`);
}

interface Sample {
  ms: number;
  engineLoadMs: number | null;
  warmupMs: number | null;
  steps: Record<string, number> | null;
  requests: string[];
}

function loadSide(samples: Sample[]): LoadSide {
  const engine = samples.every((s) => s.engineLoadMs !== null && s.warmupMs !== null);
  return {
    ms: summarize(samples.map((s) => s.ms)),
    engineLoadMs: engine ? summarize(samples.map((s) => s.engineLoadMs ?? 0)) : null,
    warmupMs: engine ? summarize(samples.map((s) => s.warmupMs ?? 0)) : null,
    steps: Object.fromEntries(
      [...new Set(samples.flatMap((s) => Object.keys(s.steps ?? {})))].map((k) => [k, summarize(samples.map((s) => s.steps?.[k] ?? 0))]),
    ),
    modelRequests: samples.map((s) => s.requests.length),
    requestedFiles: [...new Set(samples.flatMap((s) => s.requests))],
  };
}

/** The last round's profile and page stay open (model loaded) for the generation sections. */
export interface LoadRun {
  result: LoadResult;
  profile: Profile;
  app: Page;
}

export async function runLoad(urls: Urls, v: Variant, cfg: BenchConfig, log: (s: string) => void): Promise<LoadRun> {
  const url = appUrl(urls, v);
  const cold: Sample[] = [];
  const cached: Sample[] = [];
  const once = async (page: Page): Promise<Sample> => {
    await disableCompletions(page);
    await requests(urls.models, true);
    const ms = await timeLoad(page);
    const rt = await runtime(page);
    return { ms, engineLoadMs: rt.engineLoadMs, warmupMs: rt.warmupMs, steps: rt.steps, requests: await requests(urls.models, false) };
  };
  let kept: { profile: Profile; app: Page } | null = null;
  for (let r = 0; r < cfg.rounds; r++) {
    const profile = await freshProfile(cfg.chromium);
    const last = r === cfg.rounds - 1;
    try {
      const page = await openApp(profile.context, url);
      cold.push(await once(page));
      await serviceWorkerSettled(page);
      await page.reload();
      await page.getByText('Cross-origin isolated:').waitFor({ state: 'attached', timeout: 60_000 });
      cached.push(await once(page));
      if (last) kept = { profile, app: page };
    } finally {
      if (!kept) await profile.close();
    }
    log(`  load round ${r + 1}/${cfg.rounds}: cold ${cold[r].ms.toFixed(0)} ms (${cold[r].requests.length} model requests),` +
      ` cached ${cached[r].ms.toFixed(0)} ms (${cached[r].requests.length}${cached[r].requests.length ? `: ${cached[r].requests.join(', ')}` : ''})`);
  }
  const c = loadSide(cold);
  const w = loadSide(cached);
  if (!kept) throw new Error('no load round ran');
  return { result: { cold: c, cached: w, speedup: ratio(c.ms.median, w.ms.median) }, ...kept };
}
