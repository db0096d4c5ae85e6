// What the bench's generation section reports, and the app's address for a variant.
import type { AppRuntime } from './app-page.ts';
import type { FimReuseRow } from './fim-reuse.ts';
import type { Variant } from './options.ts';
import type { Summary } from './stats.ts';

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
