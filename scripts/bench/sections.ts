// The measurements. Every comparison alternates its sides within each round (and flips the order
// every other round), so drift on a noisy machine falls on both sides alike.
import type { Page } from '@playwright/test';
import { completionRequests, runtime, setMaxTokens, setPrompt, timeGenerate, urlSettled, type AppGenerateTiming, type AppRuntime } from './app-page.ts';
import { measureFimReuse, type FimReuseRow } from './fim-reuse.ts';
import { HarnessPage } from './harness-page.ts';
import { NodeSide } from './node-side.ts';
import type { BenchConfig, Variant } from './options.ts';
import type { Profile } from './profile.ts';
import { PROMPT_B, longPrompt, promptFor } from './prompts.ts';
import { IdleWaits } from './quiet.ts';
import type { RunTiming } from './protocol.ts';
import { median, ratio, summarize, type Summary } from './stats.ts';

export interface Urls {
  app: string;
  bench: string;
  models: string;
  /** The model's resolve/main folder on disk, for Node. */
  modelDir: string;
}

export interface SideResult {
  ttftMs: Summary;
  tokensPerSecond: Summary;
  generatedTokens: Summary;
}

/** A side against bare: 1 = parity; below 1 it is slower. Decode: side/bare; first token: bare/side. */
export interface VsBare {
  decode: number;
  ttft: number;
  /**
   * The median of each round's own decode ratio: both sides of a round ran seconds apart, so
   * drift of a noisy machine over the run mostly cancels in it.
   */
  decodePerRound: number;
}

export interface GenerationResult {
  runtime: AppRuntime & {
    bareThreads: number;
    engineThreads: number;
    nodeThreads: number | null;
    /** Harness loads overlap one another and Node's: informative, not a comparison. */
    bareLoadMs: number;
    bareTokenizerMs: number;
    nodeLoadMs: number | null;
    /** Ghost-text completions the app ran during the bench (should be 0: they are switched off). */
    completionRequests: number | null;
    /** Untimed rounds of every side before the rates held (see warmUpUntilSteady). */
    warmUpRounds: number;
    /** Waited for an idle browser before timed sides, in all (harness pages included). */
    idleWaitMs: number;
  };
  promptTokens: { app: number[]; bare: number[] };
  /** Round 1's text from each side (cut to 300 characters), to see what "same text" compared. */
  outputs: { app: string; engine: string; bare: string; node: string | null };
  overhead: {
    /** The app, timed by the page: click on Generate to the token counts it renders. */
    appPage: SideResult;
    /** The page's main thread busy per app generation: work that competes with ORT's threads. */
    appMainThreadMs: Summary;
    /** Its CPU time (the wall time above includes waits for a core). */
    appMainThreadCpuMs: Summary;
    /** The app, as its engine reports it on the stats line (inside the worker). */
    appReported: SideResult | null;
    /** The app's Engine in a worker of the harness page, called directly: no Comlink, no UI. */
    engineNoUi: SideResult;
    /**
     * The baseline: bare transformers.js in two pages (two renderer processes), each round's
     * figure the mean of the two. One process can run a few percent fast or slow for its whole
     * life; two halve that.
     */
    bare: SideResult;
    /** Each bare page alone. */
    barePages: [SideResult, SideResult];
    vsBare: { appPage: VsBare; appReported: VsBare | null; engineNoUi: VsBare };
    /**
     * A/A control: bare page 2 against bare page 1, the same code. How far it sits from 1 is how
     * far chance alone moves a ratio in this run.
     */
    aa: VsBare;
    /** Every side produced the same text as bare in every round. */
    sameOutput: { app: boolean; engine: boolean; bareAgain: boolean };
  };
  wasmVsNode: { skipped: string } | {
    wasm: SideResult;
    node: SideResult;
    threads: { wasm: number; node: number };
    /** Decode: wasm/node; first token: node/wasm (below 1, Chromium's WASM is slower). */
    ratios: { decode: number; ttft: number };
    sameOutput: boolean;
  };
  prefixReuse: {
    what: string;
    promptTokens: number | null;
    miss: { ttftPageMs: Summary; ttftEngineMs: Summary | null };
    hit: {
      ttftPageMs: Summary;
      ttftEngineMs: Summary | null;
      /** As the app page shows it, when it does. */
      reusedTokens: number[] | null;
      /** As the Engine reports it in the harness for the same prompt sent twice. */
      reusedTokensNoUi: number | null;
    };
    /** miss/hit first-token time from the page: how many times sooner the first token comes. */
    speedup: number;
  };
  /** A completion's follow-up after one keystroke, per context size, with and without KV reuse. */
  fimReuse: FimReuseRow[];
}

export const appUrl = (u: Urls, v: Variant): string =>
  `${u.app}?${new URLSearchParams({ model: v.modelId, host: u.models, device: v.device, dtype: v.dtype }).toString()}`;

/** A side is warm when its rate moves less than this over three warm-up rounds. */
const STEADY = 0.15;

/**
 * Runs every side in turn until no side's rate has moved by more than STEADY over the last three
 * rounds (one steady pair can be chance while rates still climb); returns the rounds.
 */
async function warmUpUntilSteady(cfg: BenchConfig, idle: IdleWaits, log: (s: string) => void, sides: (() => Promise<number>)[]): Promise<number> {
  const { min, max } = cfg.warmUpRounds;
  const history: number[][] = [];
  for (let round = 1; ; round++) {
    const rates: number[] = [];
    for (const side of sides) {
      rates.push(await side());
      await idle.settle();
    }
    log(`  warm-up ${round}: ${rates.map((r) => r.toFixed(0)).join(' / ')} tok/s (app / engine / bare 1 / bare 2 / node)`);
    history.push(rates);
    const last = history.slice(-3);
    const steady = last.length === 3 && rates.every((_, i) => {
      const xs = last.map((r) => r[i]);
      return Math.max(...xs) - Math.min(...xs) <= STEADY * Math.max(...xs);
    });
    if (round >= max || (round >= min && steady)) return round;
  }
}

/** One round of the baseline from its two pages: the mean of their figures, page 1's text. */
function pooled(a: RunTiming, b: RunTiming): RunTiming {
  return { ...a, ttftMs: (a.ttftMs + b.ttftMs) / 2, tokensPerSecond: (a.tokensPerSecond + b.tokensPerSecond) / 2 };
}

/** `x` against `base`, round by round too (both sides of a round ran seconds apart). */
function versus(x: SideResult, base: SideResult): VsBare {
  const baseRates = base.tokensPerSecond.samples;
  return {
    decode: ratio(x.tokensPerSecond.median, base.tokensPerSecond.median),
    ttft: ratio(base.ttftMs.median, x.ttftMs.median),
    decodePerRound: median(x.tokensPerSecond.samples.map((t, i) => ratio(t, baseRates[i]))),
  };
}

function side(runs: { ttftMs: number; tokensPerSecond: number; generatedTokens: number }[]): SideResult {
  return {
    ttftMs: summarize(runs.map((r) => r.ttftMs)),
    tokensPerSecond: summarize(runs.map((r) => r.tokensPerSecond)),
    generatedTokens: summarize(runs.map((r) => r.generatedTokens)),
  };
}

/**
 * `app` has the model loaded (the load section's last page); its profile's Cache API holds the
 * files, so the harness page loads the same bytes locally. The profile is closed at the end.
 */
export async function runGeneration(
  profile: Profile,
  app: Page,
  urls: Urls,
  v: Variant,
  cfg: BenchConfig,
  log: (s: string) => void,
): Promise<GenerationResult> {
  let node: NodeSide | null = null;
  // Before each timed side: the browser idle (no background WASM tier-up, no previous side's threads).
  const idle = new IdleWaits(cfg.idleWaitMaxMs);
  try {
    const rt = await runtime(app);
    if (rt.device !== v.device || rt.dtype !== v.dtype) log(`  warning: the app chose ${rt.device}/${rt.dtype}, not ${v.device}/${v.dtype}`);
    const threads = rt.wasmThreads > 0 ? rt.wasmThreads : 1;
    await setMaxTokens(app, cfg.tokens);
    // Each side in a page of its own, so each has its own renderer process as the app has: two
    // workers in one process share its WASM code and its tier-up, and warm up sooner.
    const harness = await HarnessPage.open(profile.context, urls.bench, idle);
    const bareHarness = await HarnessPage.open(profile.context, urls.bench, idle);
    const bareHarness2 = await HarnessPage.open(profile.context, urls.bench, idle);
    const request = { modelId: v.modelId, host: urls.models, device: v.device, dtype: v.dtype, threads };
    // Loads overlap (they are not a measured comparison here): the run stays short.
    const [bareLoad, , engineLoad, nodeSide] = await Promise.all([
      bareHarness.load('bare', request),
      bareHarness2.load('bare', request),
      harness.load('engine', request),
      v.device === 'wasm' ? NodeSide.load(urls.modelDir, v.dtype, threads) : null,
    ]);
    node = nodeSide;

    const runApp = async (prompt: string): Promise<AppGenerateTiming> => {
      await app.bringToFront();
      await setPrompt(app, prompt);
      // The tab switch repaints the page, and typing makes the editor work: neither is generation.
      await idle.settle();
      const timing = await timeGenerate(app);
      // The page brings its URL up to date once a generation ends; that must not fall in the
      // next side's run.
      await urlSettled(app);
      return timing;
    };
    // Warm-up, untimed, until every side's rate holds: Chromium tiers ONNX Runtime's WASM up to
    // optimized code function by function as it runs hot, so the first runs of a page go at a
    // fraction of its steady speed.
    const warmUp = await warmUpUntilSteady(cfg, idle, log, [
      async () => (await runApp(PROMPT_B)).page.tokensPerSecond,
      async () => (await harness.generate('engine', PROMPT_B, cfg.tokens)).tokensPerSecond,
      async () => (await bareHarness.generate('bare', PROMPT_B, cfg.tokens)).tokensPerSecond,
      async () => (await bareHarness2.generate('bare', PROMPT_B, cfg.tokens)).tokensPerSecond,
      async () => (node ? (await node.generate(PROMPT_B, cfg.tokens)).tokensPerSecond : 0),
    ]);

    const appRuns: AppGenerateTiming[] = [];
    const engineRuns: RunTiming[] = [];
    const bareRuns1: RunTiming[] = [];
    const bareRuns2: RunTiming[] = [];
    const nodeRuns: RunTiming[] = [];
    for (let r = 0; r < cfg.rounds; r++) {
      // Alternating prompts: the app's and the Engine's KV-prefix reuse never applies here.
      const prompt = promptFor(r);
      const steps: (() => Promise<void>)[] = [
        async () => void appRuns.push(await runApp(prompt)),
        async () => void engineRuns.push(await harness.generate('engine', prompt, cfg.tokens)),
        async () => void bareRuns1.push(await bareHarness.generate('bare', prompt, cfg.tokens)),
        async () => void bareRuns2.push(await bareHarness2.generate('bare', prompt, cfg.tokens)),
        async () => void (node && nodeRuns.push(await node.generate(prompt, cfg.tokens))),
      ];
      for (const step of r % 2 === 0 ? steps : steps.reverse()) {
        await step();
        await idle.settle();
      }
      const tps = (x: number | undefined): string => (x === undefined ? '-' : x.toFixed(1));
      log(`  round ${r + 1}/${cfg.rounds} tok/s: app ${tps(appRuns[r].page.tokensPerSecond)} (reported ${tps(appRuns[r].engine?.tokensPerSecond)}),` +
        ` engine ${tps(engineRuns[r].tokensPerSecond)}, bare ${tps(bareRuns1[r].tokensPerSecond)} / ${tps(bareRuns2[r].tokensPerSecond)}${node ? `, node ${tps(nodeRuns[r].tokensPerSecond)}` : ''}`);
    }

    const bareRuns = bareRuns1.map((b, i) => pooled(b, bareRuns2[i]));
    const mismatch = appRuns.findIndex((a, i) => a.engine !== null && a.engine.promptTokens !== bareRuns[i].promptTokens);
    if (mismatch >= 0) {
      // Different prompts make every comparison below meaningless.
      throw new Error(`the app tokenized ${appRuns[mismatch].engine?.promptTokens} prompt tokens, bare ${bareRuns[mismatch].promptTokens}: the editor changed the prompt`);
    }
    const bare = side(bareRuns);
    const barePages: [SideResult, SideResult] = [side(bareRuns1), side(bareRuns2)];
    const vsBare = (x: SideResult): VsBare => versus(x, bare);
    const appPage = side(appRuns.map((a) => a.page));
    const reported = appRuns.map((a) => a.engine);
    const appReported = reported.every((e) => e !== null)
      ? side(reported.map((e, i) => ({ ...e, generatedTokens: appRuns[i].page.generatedTokens })))
      : null;
    const engineNoUi = side(engineRuns);
    const overhead: GenerationResult['overhead'] = {
      appPage,
      appMainThreadMs: summarize(appRuns.map((a) => a.mainThreadMs)),
      appMainThreadCpuMs: summarize(appRuns.map((a) => a.mainThreadCpuMs)),
      appReported,
      engineNoUi,
      bare,
      barePages,
      vsBare: { appPage: vsBare(appPage), appReported: appReported ? vsBare(appReported) : null, engineNoUi: vsBare(engineNoUi) },
      aa: versus(barePages[1], barePages[0]),
      sameOutput: {
        app: appRuns.every((a, i) => a.text === bareRuns[i].text),
        engine: engineRuns.every((e, i) => e.text === bareRuns[i].text),
        bareAgain: bareRuns2.every((b, i) => b.text === bareRuns1[i].text),
      },
    };
    let wasmVsNode: GenerationResult['wasmVsNode'] = { skipped: 'Node runs onnxruntime-node on the CPU: compared with WASM only' };
    if (node) {
      const nodeResult = side(nodeRuns);
      wasmVsNode = {
        wasm: bare,
        node: nodeResult,
        threads: { wasm: bareLoad.threads, node: node.threads },
        ratios: {
          decode: ratio(bare.tokensPerSecond.median, nodeResult.tokensPerSecond.median),
          ttft: ratio(nodeResult.ttftMs.median, bare.ttftMs.median),
        },
        sameOutput: bareRuns.every((b, i) => b.text === nodeRuns[i].text),
      };
    }
    const prefixReuse = await measureReuse(app, harness, idle, cfg, log);
    const fimReuse = await measureFimReuse(harness, cfg.fimSizes, cfg.rounds, log);
    const cut = (t: string | undefined): string => (t ?? '').slice(0, 300);
    return {
      runtime: {
        ...rt,
        bareThreads: bareLoad.threads,
        engineThreads: engineLoad.threads,
        nodeThreads: node?.threads ?? null,
        bareLoadMs: bareLoad.loadMs,
        bareTokenizerMs: bareLoad.tokenizerMs,
        nodeLoadMs: node?.loadMs ?? null,
        completionRequests: await completionRequests(app),
        warmUpRounds: warmUp,
        idleWaitMs: idle.waitedMs,
      },
      promptTokens: {
        app: appRuns.map((a) => a.engine?.promptTokens ?? 0),
        bare: bareRuns.map((b) => b.promptTokens),
      },
      outputs: { app: cut(appRuns[0]?.text), engine: cut(engineRuns[0]?.text), bare: cut(bareRuns[0]?.text), node: node ? cut(nodeRuns[0]?.text) : null },
      overhead,
      wasmVsNode,
      prefixReuse,
      fimReuse,
    };
  } finally {
    await node?.dispose();
    await profile.close();
  }
}

/**
 * KV-prefix reuse through the app (the engine reuses a token-exact cached prefix by default):
 * a long prompt whose start differs from the previous request (miss), then the same prompt
 * again (hit: everything but its last token comes from the cache).
 */
async function measureReuse(app: Page, harness: HarnessPage, idle: IdleWaits, cfg: BenchConfig, log: (s: string) => void): Promise<GenerationResult['prefixReuse']> {
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
