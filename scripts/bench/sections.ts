// The measurements. Every comparison alternates its sides within each round (and flips the order
// every other round), so drift on a noisy machine falls on both sides alike.
import type { Page } from '@playwright/test';
import { completionRequests, runtime, setMaxTokens, setPrompt, timeGenerate, urlSettled, type AppGenerateTiming } from './app-page.ts';
import { measureFimReuse } from './fim-reuse.ts';
import { HarnessPage } from './harness-page.ts';
import { NodeSide } from './node-side.ts';
import type { BenchConfig, Variant } from './options.ts';
import type { Profile } from './profile.ts';
import { PROMPT_B, promptFor } from './prompts.ts';
import { IdleWaits } from './quiet.ts';
import type { RunTiming } from './protocol.ts';
import { median, ratio, summarize } from './stats.ts';
import { measureReuse } from './prefix-reuse.ts';
import type { GenerationResult, SideResult, Urls, VsBare } from './results.ts';

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
