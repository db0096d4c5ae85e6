// `npm run bench -- --drafts`: n-gram drafts (issue 19). Side by side in one run:
//   1. decode tokens/s of the app's Engine (WASM, in the bench page's worker) with drafts and
//      without, on the scripted fixture's edit scripts (their answers rewrite code from their
//      prompt) and its open-ended ones; the two sides alternate within each round, and an A/A
//      row (drafts off against drafts off) shows how far chance moves a ratio here;
//   2. on the bench model (tiny, or the 1.3B shape with --shape), what a forward pass of 1 + k
//      tokens costs against one token, in the page (WASM) and in Node, and from that and the
//      edit scripts' measured drafts, the speed-up projected for that model.
import { SCRIPTED_CODER } from '../fixtures/shapes.ts';
import { ALL_SCRIPTS } from '../fixtures/scripted.ts';
import { DEFAULT_OUT_DIR, generateFixtures } from '../fixtures/generate.ts';
import type { DraftFigures } from '../../src/contract/engine-api.ts';
import { HarnessPage } from './harness-page.ts';
import { NodeSide } from './node-side.ts';
import type { BenchConfig, Variant } from './options.ts';
import { freshProfile } from './profile.ts';
import type { PassCostResult } from './protocol.ts';
import { IdleWaits } from './quiet.ts';
import type { Urls } from './results.ts';
import { fmt, median, ratio, summarize, type Summary } from './stats.ts';
import { projectSpeedup } from './drafts-projection.ts';

const SCRIPTED_ID = `seekpad/${SCRIPTED_CODER.name}`;
const OPEN_ENDED = ['open-hash-map', 'instruct-reverse-string', 'math-boxed-42'];
const PASS_KS = [1, 2, 4, 8, 16];

export interface ScriptRow {
  script: string;
  kind: 'edit' | 'open';
  tokens: number;
  /** Decode tokens/s after the first token. */
  on: Summary;
  off: Summary;
  /** Median on / median off, and the median of the per-round ratios. */
  ratio: number;
  perRound: number;
  drafts: DraftFigures | null;
}

export interface DraftsBenchResult {
  rounds: number;
  scripts: ScriptRow[];
  /** Drafts off against drafts off, on edit-fix-bug: how far chance alone moves a ratio here. */
  aa: number;
  /** Geometric means of the per-script ratios. */
  edits: number;
  open: number;
  passCost: { model: string; dtype: string; threads: number; wasm: PassCostResult; node: PassCostResult; projected: { script: string; wasm: number; node: number }[] } | null;
}

const geomean = (xs: number[]): number => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

export async function runDraftsBench(urls: Urls, v: Variant, cfg: BenchConfig, log: (s: string) => void): Promise<DraftsBenchResult> {
  await generateFixtures({ outDir: DEFAULT_OUT_DIR, fixtures: [SCRIPTED_CODER], log: (l) => log(`fixtures: ${l}`) });
  const scripts = ALL_SCRIPTS.filter((s) => s.name.startsWith('edit-') || OPEN_ENDED.includes(s.name));
  const profile = await freshProfile(cfg.chromium);
  const idle = new IdleWaits(cfg.idleWaitMaxMs);
  try {
    const harness = await HarnessPage.open(profile.context, urls.bench, idle);
    const request = { modelId: SCRIPTED_ID, host: urls.models, device: 'wasm' as const, dtype: 'fp32' as const, threads: 0 };
    const loaded = await harness.load('engine', request);
    log(`drafts: ${SCRIPTED_ID} fp32 on wasm, ${loaded.threads} threads, ${cfg.rounds} rounds`);
    const rows: ScriptRow[] = [];
    let aa = Number.NaN;
    for (const s of scripts) {
      const on: number[] = [];
      const off: number[] = [];
      const off2: number[] = [];
      let figures: DraftFigures | null = null;
      let tokens = 0;
      // A long answer: a short one's decode is mostly scheduler noise.
      const withAa = s.name === 'edit-fix-bug';
      // One untimed pair warms up both paths on this prompt.
      for (let round = -1; round < cfg.rounds; round++) {
        const order = round % 2 === 0 ? [true, false] : [false, true];
        const texts = new Map<boolean, string>();
        for (const drafts of order) {
          const t = await harness.generate('engine', s.prompt, 2048, drafts);
          texts.set(drafts, t.text);
          if (round < 0) continue;
          (drafts ? on : off).push(t.tokensPerSecond);
          if (drafts) figures = t.drafts ?? null;
          tokens = t.generatedTokens;
        }
        if (texts.get(true) !== texts.get(false)) throw new Error(`${s.name}: drafts changed the text`);
        if (withAa && round >= 0) off2.push((await harness.generate('engine', s.prompt, 2048, false)).tokensPerSecond);
      }
      if (withAa) aa = ratio(median(off2), median(off));
      const row: ScriptRow = {
        script: s.name,
        kind: s.name.startsWith('edit-') ? 'edit' : 'open',
        tokens,
        on: summarize(on),
        off: summarize(off),
        ratio: ratio(median(on), median(off)),
        perRound: median(on.map((x, i) => ratio(x, off[i]))),
        drafts: figures,
      };
      rows.push(row);
      log(`  ${s.name.padEnd(24)} ${String(tokens).padStart(4)} tokens  off ${fmt(row.off.median, 0).padStart(5)} tok/s  on ${fmt(row.on.median, 0).padStart(5)} tok/s  ${fmt(row.ratio, 2)}x (per round ${fmt(row.perRound, 2)}x)  kept ${figures?.accepted ?? 0}/${figures?.drafted ?? 0} in ${figures?.forwards ?? 0} passes`);
    }
    const edits = geomean(rows.filter((r) => r.kind === 'edit').map((r) => r.ratio));
    const open = geomean(rows.filter((r) => r.kind === 'open').map((r) => r.ratio));
    log(`  edits ${fmt(edits, 2)}x (goal >= 2), open-ended ${fmt(open, 2)}x (goal >= 0.97), A/A ${fmt(aa, 2)}x`);

    const passCost = await passCosts(harness, urls, v, cfg, { rows, threads: loaded.threads }, log);
    return { rounds: cfg.rounds, scripts: rows, aa, edits, open, passCost };
  } finally {
    await profile.close();
  }
}

async function passCosts(harness: HarnessPage, urls: Urls, v: Variant, cfg: BenchConfig, measured: { rows: ScriptRow[]; threads: number }, log: (s: string) => void): Promise<DraftsBenchResult['passCost']> {
  const { rows, threads: engineThreads } = measured;
  // transformers.js alone in the bare worker, on the threads the Engine chose in this page.
  await harness.load('bare', { modelId: v.modelId, host: urls.models, device: 'wasm', dtype: v.dtype, threads: engineThreads });
  const req = { contextTokens: cfg.smoke ? 32 : 256, ks: PASS_KS, reps: cfg.smoke ? 1 : 3 };
  const wasm = await harness.passCost(req);
  const node = await NodeSide.load(urls.modelDir, v.dtype, engineThreads);
  let nodeCost: PassCostResult;
  try {
    nodeCost = await node.passCost(req);
  } finally {
    await node.dispose();
  }
  const line = (name: string, c: PassCostResult): string => {
    const one = c.passes[0].ms.median;
    return `  ${name}: 1 token ${fmt(one, 0)} ms; ${c.passes.slice(1).map((p) => `1+${p.k}: ${fmt(p.ms.median / one, 2)}x`).join(', ')}; crop ${fmt(c.cropMs.median, 1)} ms`;
  };
  log(`pass cost, ${v.modelId} ${v.dtype}, context ${req.contextTokens} tokens, ${engineThreads} threads (each against one token):`);
  log(line('wasm', wasm));
  log(line('node', nodeCost));
  const projected = rows
    .filter((r) => r.kind === 'edit' && r.drafts)
    .map((r) => ({ script: r.script, wasm: projectSpeedup(r.drafts!, wasm), node: projectSpeedup(r.drafts!, nodeCost) }));
  for (const p of projected) log(`  projected on ${v.modelId}: ${p.script} ${fmt(p.wasm, 2)}x (wasm), ${fmt(p.node, 2)}x (node)`);
  return { model: v.modelId, dtype: v.dtype, threads: engineThreads, wasm, node: nodeCost, projected };
}
