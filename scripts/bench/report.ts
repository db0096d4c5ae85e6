// The report: JSON for bench-results/ and a plain-text table per variant.
import type { LoadResult } from './load.ts';
import type { Variant } from './options.ts';
import type { GenerationResult, SideResult, VsBare } from './results.ts';
import { fmt, median, ratio } from './stats.ts';

export interface VariantReport {
  model: string;
  device: Variant['device'];
  dtype: Variant['dtype'];
  generation: GenerationResult;
  load: LoadResult;
}

export interface BenchReport {
  date: string;
  /** The checkout's commit (scripts/bench/builds.ts); dist/ is assumed built from it. */
  commit: string;
  argv: string[];
  rounds: number;
  tokens: number;
  machine: { loadAverage: { start: number[]; end: number[] }; cpus: number; cpuModel: string; node: string; chromium: string; platform: string };
  notes: string[];
  variants: VariantReport[];
}

type Row = [string, string, string, string, string, string, string];

function table(rows: Row[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c >= 2 && c <= 5 && c % 2 === 1 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n');
}

export function formatVariant(v: VariantReport, rounds: number, tokens: number): string {
  const g = v.generation;
  const rt = g.runtime;
  const o = g.overhead;
  const head =
    `${v.model} · ${v.dtype} · ${v.device}: app ran ${rt.device}/${rt.dtype}` +
    `${rt.device === 'wasm' ? `, ${rt.wasmThreads} WASM threads of ${rt.cores} cores` : ''}` +
    `${rt.crossOriginIsolated ? ' (cross-origin isolated)' : ' (NOT isolated)'}; ${rounds} rounds × ${tokens} tokens; ` +
    `prompt ${median(g.promptTokens.bare)} tokens (app ${median(g.promptTokens.app)}); ` +
    `${rt.warmUpRounds} warm-up rounds until rates held; ${(rt.idleWaitMs / 1000).toFixed(1)} s waiting for an idle browser`;
  const rows: Row[] = [['section', 'metric', 'side A', '', 'side B', '', 'ratio (1 = parity)']];
  const r2 = (x: number | undefined): string => fmt(x, 2);
  const bare = o.bare;
  const sides: [string, SideResult | null, VsBare | null, string][] = [
    ['app, page', o.appPage, o.vsBare.appPage, ' (goal >= 0.95)'],
    ['app, reported', o.appReported, o.vsBare.appReported, ''],
    ['Engine, no UI', o.engineNoUi, o.vsBare.engineNoUi, ''],
  ];
  sides.forEach(([name, x, vs, goal], i) => {
    rows.push([i === 0 ? '1 own overhead' : '', 'decode tok/s', name, fmt(x?.tokensPerSecond.median), 'bare', fmt(bare.tokensPerSecond.median), `${r2(vs?.decode)} side/bare${goal}, ${r2(vs?.decodePerRound)} per round`]);
  });
  sides.forEach(([name, x, vs, goal]) => {
    rows.push(['', 'first token ms', name, fmt(x?.ttftMs.median), 'bare', fmt(bare.ttftMs.median), `${r2(vs?.ttft)} bare/side${goal}`]);
  });
  // The A/A control: what chance alone does to a ratio in this run.
  const [bare1, bare2] = o.barePages;
  rows.push(['', 'decode tok/s', 'bare, page 2', fmt(bare2.tokensPerSecond.median), 'bare, page 1', fmt(bare1.tokensPerSecond.median), `${r2(o.aa.decode)} A/A (same code: chance alone), ${r2(o.aa.decodePerRound)} per round`]);
  rows.push(['', 'first token ms', 'bare, page 2', fmt(bare2.ttftMs.median), 'bare, page 1', fmt(bare1.ttftMs.median), `${r2(o.aa.ttft)} A/A`]);
  // The page's own cost: the app against the same Engine class called without page or Comlink.
  const pageVsEngine = ratio(o.appPage.tokensPerSecond.median, o.engineNoUi.tokensPerSecond.median);
  rows.push(['', 'decode tok/s', 'app, page', fmt(o.appPage.tokensPerSecond.median), 'Engine, no UI', fmt(o.engineNoUi.tokensPerSecond.median), `${r2(pageVsEngine)} app/Engine (the page's own cost)`]);
  const busy = o.appMainThreadMs.median;
  const cpu = o.appMainThreadCpuMs.median;
  const perToken = (ms: number): string => fmt(ms / Math.max(1, o.appPage.generatedTokens.median), 2);
  rows.push(['', 'page main thread ms, per generation', 'CPU', fmt(cpu), 'in tasks (wall)', fmt(busy), `${perToken(cpu)} ms CPU per token (wall includes waits for a core)`]);
  rows.push(['', 'same text as bare', 'app', o.sameOutput.app ? 'yes' : 'NO', 'Engine', o.sameOutput.engine ? 'yes' : 'NO', '']);
  const n = g.wasmVsNode;
  if ('skipped' in n) {
    rows.push(['2 WASM vs Node', 'skipped', '', '', '', '', n.skipped]);
  } else {
    const a = `Chromium WASM, ${n.threads.wasm} thr`;
    const b = `Node cpu, ${n.threads.node} thr`;
    rows.push(['2 WASM vs Node', 'decode tok/s', a, fmt(n.wasm.tokensPerSecond.median), b, fmt(n.node.tokensPerSecond.median), `${r2(n.ratios.decode)} wasm/node`]);
    rows.push(['', 'first token ms', a, fmt(n.wasm.ttftMs.median), b, fmt(n.node.ttftMs.median), `${r2(n.ratios.ttft)} node/wasm`]);
    rows.push(['', 'same text', 'wasm', '', 'node', '', n.sameOutput ? 'yes' : 'no (float rounding can differ)']);
  }
  const p = g.prefixReuse;
  const reused = p.hit.reusedTokens
    ? `reused ${median(p.hit.reusedTokens)} tok`
    : p.hit.reusedTokensNoUi !== null ? `Engine reuses ${p.hit.reusedTokensNoUi} tok` : 'reuse count unknown';
  rows.push(['3 KV-prefix reuse', `first token ms, ${p.promptTokens ?? '?'}-tok prompt`, 'new prompt', fmt(p.miss.ttftPageMs.median), 'same again', fmt(p.hit.ttftPageMs.median), `${r2(p.speedup)}x sooner (${reused})`]);
  g.fimReuse.forEach((f, i) => {
    rows.push([
      i === 0 ? '3 FIM follow-up' : '',
      `~${f.target} tok (${f.promptTokens}): computed / first token ms`,
      'reuse',
      `${f.reuse.computed.median} / ${fmt(f.reuse.ttftMs.median)}`,
      'no reuse',
      `${f.fresh.computed.median} / ${fmt(f.fresh.ttftMs.median)}`,
      `${r2(f.speedup)}x sooner with reuse`,
    ]);
  });
  const l = v.load;
  rows.push(['4 load', 'Load → ready ms', 'cold', fmt(l.cold.ms.median, 0), 'cached', fmt(l.cached.ms.median, 0), `${r2(l.speedup)}x faster cached`]);
  if (l.cold.engineLoadMs && l.cached.engineLoadMs) {
    rows.push(['', 'engine load ms', 'cold', fmt(l.cold.engineLoadMs.median, 0), 'cached', fmt(l.cached.engineLoadMs.median, 0), '']);
    rows.push(['', 'engine warm-up ms', 'cold', fmt(l.cold.warmupMs?.median, 0), 'cached', fmt(l.cached.warmupMs?.median, 0), '']);
  }
  rows.push(['', 'model-file requests', 'cold', String(median(l.cold.modelRequests)), 'cached', String(median(l.cached.modelRequests)), '']);
  return `${head}\n${table(rows)}`;
}
