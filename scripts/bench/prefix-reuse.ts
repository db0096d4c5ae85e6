// KV-prefix reuse through the app, with the harness's Engine to count the reused tokens.
import type { Page } from '@playwright/test';
import { setMaxTokens, setPrompt, timeGenerate, type AppGenerateTiming } from './app-page.ts';
import type { HarnessPage } from './harness-page.ts';
import type { BenchConfig } from './options.ts';
import { longPrompt, promptFor } from './prompts.ts';
import type { IdleWaits } from './quiet.ts';
import type { GenerationResult } from './results.ts';
import { ratio, summarize, type Summary } from './stats.ts';

/**
 * KV-prefix reuse through the app (the engine reuses a token-exact cached prefix by default):
 * a long prompt whose start differs from the previous request (miss), then the same prompt
 * again (hit: everything but its last token comes from the cache).
 */
export async function measureReuse(app: Page, harness: HarnessPage, idle: IdleWaits, cfg: BenchConfig, log: (s: string) => void): Promise<GenerationResult['prefixReuse']> {
  const miss: AppGenerateTiming[] = [];
  const hit: AppGenerateTiming[] = [];
  await app.bringToFront();
  // Only the first token matters here.
  await setMaxTokens(app, Math.min(cfg.tokens, 4));
  for (let r = 0; r < cfg.rounds; r++) {
    // promptFor(rounds + r) never starts like the request before it (the last overhead round).
    await setPrompt(app, longPrompt(promptFor(cfg.rounds + r), cfg.reuseLines));
    await idle.settle();
    miss.push(await timeGenerate(app));
    await idle.settle();
    hit.push(await timeGenerate(app));
    await idle.settle();
    log(`  reuse round ${r + 1}/${cfg.rounds}: first token ${miss[r].page.ttftMs.toFixed(0)} ms (new prompt) vs ${hit[r].page.ttftMs.toFixed(0)} ms (same prompt again)`);
  }
  // The page does not show how many tokens came from the cache; the same Engine in the harness
  // says, for the same two requests.
  const prompt = longPrompt(promptFor(cfg.rounds), cfg.reuseLines);
  await harness.generate('engine', prompt, Math.min(cfg.tokens, 4));
  const engineHit = await harness.generate('engine', prompt, Math.min(cfg.tokens, 4));
  const engineTtft = (runs: AppGenerateTiming[]): Summary | null =>
    runs.every((x) => x.engine) ? summarize(runs.map((x) => x.engine?.ttftMs ?? 0)) : null;
  const reused = hit.map((x) => x.engine?.reusedTokens ?? null);
  const missPage = summarize(miss.map((x) => x.page.ttftMs));
  const hitPage = summarize(hit.map((x) => x.page.ttftMs));
  return {
    what: 'app path: Generate on a new long prompt (no shared prefix), then Generate again on the same prompt',
    promptTokens: miss[0]?.engine?.promptTokens ?? null,
    miss: { ttftPageMs: missPage, ttftEngineMs: engineTtft(miss) },
    hit: {
      ttftPageMs: hitPage,
      ttftEngineMs: engineTtft(hit),
      reusedTokens: reused.every((x) => x !== null) ? (reused as number[]) : null,
      reusedTokensNoUi: engineHit.reusedTokens ?? null,
    },
    speedup: ratio(missPage.median, hitPage.median),
  };
}
