// Ghost-text completion: when to ask, what to ask, and what to show. Monaco calls complete();
// everything that could show something stale is checked here and in inline-completions.ts.
import { CompletionCache } from '../completion/cache.ts';
import { AdaptiveDelay } from '../completion/debounce.ts';
import { LiveSuggestion } from '../completion/live.ts';
import type { CancelSignal, CompletionQuery, WarmQuery } from '../editor/inline-completions.ts';
import type { Family } from '../../contract/sets.ts';
import { isFimCapable } from '../../contract/prompts/fim.ts';
import { DEFAULT_LATENCY, targetsAfterPause, type LatencyTargets } from '../../contract/prompts/fim-budget.ts';
import type { FimBudgetInfo, GenerateRequest, GenerateResult } from '../../contract/engine-api.ts';
import type { EngineState } from './engine.svelte.ts';
import type { ProjectState } from './project.svelte.ts';
import { errorText } from '../i18n/engine-error.ts';
import type { Text } from '../i18n/text.ts';
import { statusText } from '../i18n/status-text.ts';

export type CompletionStatus = 'off' | 'no-model' | 'idle' | 'waiting' | 'generating' | 'shown' | 'empty' | 'busy' | 'error';

/** The budget when latency targets are off: the model sees up to this many tokens of project and file. */
export const FIM_BUDGET_TOKENS = 1536;
export const FIM_MAX_NEW_TOKENS = 64;

function sleep(ms: number, signal: CancelSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.onCancel(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

export interface CompletionTiming {
  askedAt: number;
  firstAt: number | null;
  eightAt: number | null;
  doneAt: number | null;
  generated: number;
  promptTokens: number;
  reused: number;
}

export class CompletionState {
  enabled = $state(true);
  status = $state<CompletionStatus>('idle');
  detail = $state.raw<Text | null>(null);
  /** Completions the model was asked for (cache hits excluded). */
  requests = $state(0);
  /** The text of the suggestion last handed to the editor, and the document it was made for. */
  lastShown = $state.raw<{ prefix: string; suffix: string; text: string } | null>(null);
  /** Which engine served the last request: the main one, or the completion model beside it. */
  servedBy = $state<'main' | 'side' | ''>('');
  /** The context budget the engine chose for the last request, and why. */
  budget = $state.raw<FimBudgetInfo | null>(null);
  /** The last background prefill: prompt tokens it covered, how many it computed, whether it finished. */
  warmed = $state.raw<{ tokens: number; computed: number; done: boolean } | null>(null);
  /** Time targets from the pause (the engine sizes the context to them); null sends FIM_BUDGET_TOKENS. */
  latency = $state<LatencyTargets | null>({ ...DEFAULT_LATENCY });
  /**
   * Size completions to this machine: the latency targets, stopping once complete, ghost text that grows
   * token by token, background prefill. Off: a fixed FIM_BUDGET_TOKENS context and
   * FIM_MAX_NEW_TOKENS tokens, shown when all are done (the comparison the bench makes).
   */
  fit = $state(true);
  /** The last request's times (performance.now()): asked, first ghost text, eight tokens (or all) shown, done. */
  timing = $state.raw<CompletionTiming | null>(null);

  private seq = 0;
  /** The load the cache's entries came from: another model completes differently. */
  private cacheLoad = '';
  private readonly cache = new CompletionCache();
  private readonly delay = new AdaptiveDelay(150, 400);
  /** The generation streaming now, if any: the editor's refreshes read it. */
  private live: LiveSuggestion | null = null;
  /** Asks the editor to query again, so growing ghost text shows (set by the editor). */
  refresh: () => void = () => {};
  /** A completion ended: the editor warms the context again once it is idle (set by the editor). */
  afterSettle: () => void = () => {};

  constructor(
    private readonly main: EngineState,
    private readonly project: ProjectState,
    private readonly family: () => Family,
    /** A FIM-trained model loaded beside the main one (its own worker), when there is one. */
    private readonly side: () => EngineState | null = () => null,
  ) {}

  /** The completion model when it is ready, else the main model. */
  private route(): { engine: EngineState; family: Family; key: string; served: 'main' | 'side' } {
    const side = this.side();
    if (side?.phase === 'ready') return { engine: side, family: 'deepseek-coder', key: `side:${side.loads}`, served: 'side' };
    return { engine: this.main, family: this.family(), key: `main:${this.main.loads}`, served: 'main' };
  }

  accepted = (): void => {
    this.delay.accepted();
  };

  rejected = (): void => {
    this.delay.ignored();
    // Dismissed (Escape): the rest would only grow a suggestion no one sees.
    if (this.live && !this.live.done) {
      this.live.abandon();
      void this.route().engine.interrupt('completion');
    }
  };

  complete = async (q: CompletionQuery, signal: CancelSignal): Promise<string | null> => {
    // The editor asking again while this document state's suggestion grows: no second request.
    if (this.live?.matches(q.prefix, q.suffix)) return this.live.done ? this.live.text || null : this.live.first();
    const id = ++this.seq;
    const { engine, family, key, served } = this.route();
    if (this.cacheLoad !== key) {
      this.cache.clear();
      this.cacheLoad = key;
    }
    // Typing what a suggestion showed keeps its rest, even with automatic completion off.
    const cached = this.cache.lookup(q.prefix, q.suffix);
    if (cached) return this.finish(id, 'shown', { key: 'completion_detail_cached' }, this.remember(q, cached));
    if (!this.enabled && !q.explicit) return this.finish(id, 'off', null, null);
    if (engine.phase !== 'ready') return this.finish(id, 'no-model', { key: 'completion_detail_no_model' }, null);
    if (!isFimCapable(family)) return this.finish(id, 'off', { key: 'completion_detail_not_fim' }, null);
    if (engine.generating) return this.finish(id, 'busy', { key: 'completion_detail_busy' }, null);

    if (!q.explicit) {
      this.status = 'waiting';
      await sleep(this.delay.current(), signal);
      // Cancelled while waiting: say so, unless a newer request already took over the status.
      if (signal.cancelled || id !== this.seq) return this.finish(id, 'idle', null, null);
    }
    this.status = 'generating';
    this.detail = null;
    this.requests++;
    const timing: CompletionTiming = { askedAt: performance.now(), firstAt: null, eightAt: null, doneAt: null, generated: 0, promptTokens: 0, reused: 0 };
    this.timing = timing;
    const fit = this.fit;
    const ctx = { prefix: q.prefix, suffix: q.suffix, language: q.language };
    const live = new LiveSuggestion(ctx, () => {
      if (q.stillCurrent()) this.refresh();
    });
    this.live?.abandon();
    this.live = live;
    signal.onCancel(() => {
      // A keystroke: stop this generation within a token. Not the editor's own refresh, which
      // cancels the ask that showed the first characters but leaves the document as it was.
      setTimeout(() => {
        if (!q.stillCurrent() && !live.done) {
          live.abandon();
          void engine.interrupt('completion');
          this.finish(id, 'idle', null, null);
        }
      }, 0);
    });
    this.servedBy = served;
    const request = engine.request(
      {
        ...this.fimRequest(q, family, { explicit: q.explicit }),
        maxNewTokens: FIM_MAX_NEW_TOKENS,
        temperature: 0,
        mode: 'supersede',
        channel: 'completion',
        // Every token as it comes: the ghost text grows with each (at most FIM_MAX_NEW_TOKENS).
        chunkIntervalMs: 0,
      },
      fit
        ? (chunk) => {
            live.append(chunk.delta);
            if (chunk.generatedTokens >= 8) timing.eightAt ??= performance.now();
          }
        : undefined,
    );
    void request.then(
      (res) => this.settle(id, q, live, res),
      (err: unknown) => {
        live.abandon();
        if (id === this.seq) this.finish(id, 'error', errorText(err), null);
      },
    );
    // The first characters, as soon as there are any; the rest grows in through refreshes.
    const first = await live.first();
    if (first) timing.firstAt ??= performance.now();
    return signal.cancelled && !q.stillCurrent() ? null : first;
  };

  /** The routed engine's load, for the editor to warm the context again when it changes. */
  get warmKey(): string {
    const { engine, key } = this.route();
    return `${key}:${engine.phase}`;
  }

  /** While the user reads or moves around: the engine computes the stable part of the next prompt. */
  warm = (q: WarmQuery): void => {
    const { engine, family } = this.route();
    if (!this.enabled || !this.fit || engine.phase !== 'ready' || !isFimCapable(family) || engine.generating || (this.live && !this.live.done)) return;
    const request = { ...this.fimRequest(q, family, { prefillOnly: true }), maxNewTokens: 1, mode: 'supersede' as const, channel: 'warm' as const };
    void engine.request(request).then(
      (res) => {
        if (res) this.warmed = { tokens: res.stats.promptTokens, computed: res.stats.promptTokens - res.stats.reusedTokens, done: res.stopReason === 'prefilled' };
      },
      () => undefined,
    );
  };

  private afterPause(t: LatencyTargets, explicit: boolean): LatencyTargets {
    return targetsAfterPause(t, explicit ? 0 : this.delay.current());
  }

  /** `explicit`: Alt+\, asked at once (no pause to take off the targets); `prefillOnly`: a background prefill. */
  private fimRequest(q: WarmQuery, family: Family, { explicit = false, prefillOnly = false } = {}): Pick<GenerateRequest, 'prompt' | 'fim'> {
    return {
      prompt: '',
      fim: {
        family,
        path: q.path,
        language: q.language,
        prefix: q.prefix,
        suffix: q.suffix,
        files: this.project.others().map((f) => ({ path: f.path, text: f.text })),
        budgetTokens: FIM_BUDGET_TOKENS,
        // The engine sizes the context to these targets from its measured rates (the targets
        // count from the keystroke, so the pause before asking is taken off),
        ...(this.latency && this.fit ? { latency: this.afterPause(this.latency, explicit) } : {}),
        // and stops as soon as the post-processor's rules say the suggestion is complete.
        stopWhenComplete: this.fit,
        ...(prefillOnly ? { prefillOnly } : {}),
      },
    };
  }

  /** The generation ended: its whole text is the suggestion (cached, shown, counted). */
  private settle(id: number, q: CompletionQuery, live: LiveSuggestion, res: GenerateResult | null): void {
    // Dropped: superseded, cancelled, or made for an older document.
    if (!res || live.abandoned || id !== this.seq) {
      live.abandon();
      // Dismissed or moved away from while it grew: nothing is shown.
      this.finish(id, 'idle', null, null);
      return;
    }
    live.finish(res.text);
    const text = live.text;
    const timing = this.timing;
    if (timing) {
      const now = performance.now();
      this.timing = { ...timing, doneAt: now, eightAt: timing.eightAt ?? now, firstAt: timing.firstAt ?? (text ? now : null), generated: res.stats.generatedTokens, promptTokens: res.stats.promptTokens, reused: res.stats.reusedTokens };
    }
    if (text) this.cache.put(q.prefix, q.suffix, text);
    const ms = Math.round(res.stats.totalMs);
    this.budget = res.fimBudget ?? null;
    const { generatedTokens: generated, reusedTokens: reused, promptTokens: prompt } = res.stats;
    const done: Text = { key: res.stopReason === 'complete' ? 'completion_detail_complete' : 'completion_detail_done', params: { generated, ms, reused, prompt } };
    const budget = res.fimBudget;
    const detail: Text = budget ? { key: 'completion_detail_context', params: { budget: budget.budgetTokens, why: statusText(budget.whyText, budget.why), rest: done } } : done;
    this.finish(id, text ? 'shown' : 'empty', detail, text ? this.remember(q, text) : null);
    this.afterSettle();
  }

  private remember(q: CompletionQuery, text: string): string {
    this.lastShown = { prefix: q.prefix, suffix: q.suffix, text };
    return text;
  }

  private finish(id: number, status: CompletionStatus, detail: Text | null, text: string | null): string | null {
    if (id === this.seq) {
      this.status = status;
      this.detail = detail;
    }
    return text;
  }
}
