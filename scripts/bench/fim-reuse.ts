// Prefix reuse for completions: a file of about N tokens, a completion at a point two thirds in,
// then one keystroke there and the follow-up completion, with and without the Engine's KV reuse.
// The keystroke changes the prompt in the middle (FIM: prefix, hole, suffix), so reuse keeps the
// prefix and recomputes the suffix. Runs in the harness page's Engine worker: the app's own
// request path minus the UI, which would only add its debounce.
import type { HarnessPage } from './harness-page.ts';
import type { RunTiming } from './protocol.ts';
import { median, ratio, summarize, type Summary } from './stats.ts';

export interface FimReuseRow {
  /** Tokens of context asked for, and the follow-up prompt's actual token count. */
  target: number;
  promptTokens: number;
  reuse: { computed: Summary; ttftMs: Summary };
  fresh: { computed: Summary; ttftMs: Summary };
  /** fresh / reuse first-token time: how many times sooner it comes with reuse. */
  speedup: number;
}

/** About 18 tokens per function with the DeepSeek-Coder tokenizer. */
const TOKENS_PER_FUNCTION = 18;

function file(tokens: number): { prefix: string; suffix: string } {
  const n = Math.max(3, Math.round(tokens / TOKENS_PER_FUNCTION));
  const fns = Array.from({ length: n }, (_, i) => `def f${i}(x):\n    return x * ${i} + ${i % 7}\n`);
  const cut = Math.round((n * 2) / 3);
  return { prefix: `${fns.slice(0, cut).join('')}\n`, suffix: `\n${fns.slice(cut).join('')}` };
}

export async function measureFimReuse(harness: HarnessPage, sizes: readonly number[], rounds: number, log: (s: string) => void): Promise<FimReuseRow[]> {
  const rows: FimReuseRow[] = [];
  for (const target of sizes) {
    const { prefix, suffix } = file(target);
    const runs: Record<'reuse' | 'fresh', RunTiming[]> = { reuse: [], fresh: [] };
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? (['reuse', 'fresh'] as const) : (['fresh', 'reuse'] as const);
      for (const mode of order) {
        // The completion before the keystroke fills the cache; the follow-up is timed.
        await harness.fim({ prefix: `${prefix}def `, suffix, maxNewTokens: 4, reuseCache: false });
        runs[mode].push(await harness.fim({ prefix: `${prefix}def g`, suffix, maxNewTokens: 4, reuseCache: mode === 'reuse' }));
      }
    }
    const side = (xs: RunTiming[]) => ({
      computed: summarize(xs.map((x) => x.promptTokens - (x.reusedTokens ?? 0))),
      ttftMs: summarize(xs.map((x) => x.ttftMs)),
    });
    const row: FimReuseRow = {
      target,
      promptTokens: median(runs.reuse.map((x) => x.promptTokens)),
      reuse: side(runs.reuse),
      fresh: side(runs.fresh),
      speedup: ratio(median(runs.fresh.map((x) => x.ttftMs)), median(runs.reuse.map((x) => x.ttftMs))),
    };
    log(`  FIM reuse ~${target} tokens: computed ${row.reuse.computed.median} vs ${row.fresh.computed.median}, first token ${row.reuse.ttftMs.median.toFixed(0)} vs ${row.fresh.ttftMs.median.toFixed(0)} ms`);
    rows.push(row);
  }
  return rows;
}
