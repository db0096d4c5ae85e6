// The context budget of a FIM request with latency targets: the engine knows the measured rates
// and exactly how much of a candidate prompt its KV cache holds.
import { completionSettled } from '../../src/contract/completion/postprocess.ts';
import { buildFimPrompt, type CountTokens, type FimAnchor } from '../../src/contract/prompts/fim.ts';
import { aheadLayout, because, budgetFloor, chooseFimBudget, type BudgetChoice } from '../../src/contract/prompts/fim-budget.ts';
import { status } from '../../src/contract/status-text.ts';
import { prefillRateAt } from './rate-tracker.ts';
import { planReuse, type CachedPrefix } from './kv-reuse.ts';
import type { LoadedModel } from './model-loader.ts';
import type { FimRequest, GenerateRequest, Rates } from '../../src/contract/engine-api.ts';

export interface LatencyContext {
  countTokens: CountTokens;
  encode: (text: string) => number[];
  /** The ids the KV cache covers, and whether it can be cropped (CPU tensors). */
  kv: { ids: readonly number[]; canCrop: boolean } | null;
  rates: Rates;
  /** The ahead layout's last anchor (kept while it fits). */
  anchor?: FimAnchor;
  /** A background prefill: always the ahead layout, whatever the cache holds. */
  warm?: boolean;
}

type Timed = FimRequest & { latency: NonNullable<FimRequest['latency']> };

export function fimBudgetFor(fim: Timed, ctx: LatencyContext): BudgetChoice {
  const rates = { prefillAt: (n: number) => prefillRateAt(ctx.rates, n), decode: ctx.rates.decodeTokensPerSecond };
  const floor = budgetFloor(fim.prefix, fim.suffix, ctx.countTokens);
  const layout = aheadLayout(rates, fim.latency, floor);
  if (layout && ctx.warm) return { budgetTokens: layout.budgetTokens, suffixTokens: layout.suffixTokens, ahead: true, ...because(status('budget_warm', {})) };
  let ahead = null;
  if (layout) {
    const ids = ctx.encode(buildFimPrompt({ ...fim, ...layout, ...(ctx.anchor ? { anchor: ctx.anchor } : {}) }, ctx.countTokens).prompt);
    ahead = { ...layout, tokens: ids.length, reused: ctx.kv ? planReuse(ctx.kv.ids, ids, ctx.kv.canCrop) : 0 };
  }
  return chooseFimBudget({ rates, targets: fim.latency, floor, ahead });
}

/**
 * Remembers each layout's last anchor (the ahead one and the cold one), so a follow-up keeps its
 * prompt's start and its KV cache. Requests without latency targets (the fixed path) keep none.
 */
export class FimBudgets {
  private anchors: { ahead?: FimAnchor; cold?: FimAnchor } = {};

  reset(): void {
    this.anchors = {};
  }

  /** The request's prompt, a FIM one with the chosen budget and its layout's last anchor kept if it fits. */
  build(request: GenerateRequest, choice: BudgetChoice | null, countTokens: CountTokens): ReturnType<typeof resolvePrompt> {
    if (!choice) return resolvePrompt(request, countTokens);
    const slot = choice.ahead ? 'ahead' : 'cold';
    const sized = { ...request, fim: { ...request.fim!, budgetTokens: choice.budgetTokens, ...(choice.suffixTokens ? { suffixTokens: choice.suffixTokens } : {}) } };
    const built = resolvePrompt(sized, countTokens, this.anchors[slot]);
    if (built.anchor) this.anchors[slot] = built.anchor;
    return built;
  }

  /** The budget of a FIM request with latency targets; null for any other request. */
  choose(request: GenerateRequest, loaded: Pick<LoadedModel, 'countTokens' | 'tokenizer' | 'rates' | 'crop'>, kv: CachedPrefix | null): BudgetChoice | null {
    const fim = request.fim;
    if (!fim?.latency) return null;
    return fimBudgetFor({ ...fim, latency: fim.latency }, {
      countTokens: loaded.countTokens,
      encode: (text) => loaded.tokenizer.encode(text, { add_special_tokens: false }),
      kv: kv ? { ids: kv.ids, canCrop: loaded.crop !== null } : null,
      rates: loaded.rates.snapshot(),
      ...(this.anchors.ahead ? { anchor: this.anchors.ahead } : {}),
      warm: fim.prefillOnly === true,
    });
  }
}

/** For a FIM request that asks for it: true once the streamed text is a complete suggestion. */
export function completionCheck(fim: FimRequest | undefined): ((text: string) => boolean) | undefined {
  if (!fim?.stopWhenComplete) return undefined;
  const ctx = { prefix: fim.prefix, suffix: fim.suffix, language: fim.language };
  return (text) => completionSettled(text, ctx);
}

/** The prompt text and stops for a request: as given, or built for FIM with the real tokenizer. */
function resolvePrompt(
  request: GenerateRequest,
  countTokens: CountTokens,
  anchor?: FimAnchor,
): { prompt: string; addSpecialTokens: boolean; stopTokenIds: number[]; stop: string[]; anchor?: FimAnchor; stableEnd?: number } {
  if (request.fim) {
    const fim = buildFimPrompt({ ...request.fim, ...(anchor ? { anchor } : {}) }, countTokens);
    return {
      anchor: fim.parts.anchor,
      stableEnd: fim.parts.stableEnd,
      prompt: fim.prompt,
      addSpecialTokens: false,
      stopTokenIds: [...fim.stopTokenIds, ...(request.stopTokenIds ?? [])],
      stop: [...fim.stop, ...(request.stop ?? [])],
    };
  }
  return {
    prompt: request.prompt,
    addSpecialTokens: request.addSpecialTokens ?? true,
    stopTokenIds: request.stopTokenIds ?? [],
    stop: request.stop ?? [],
  };
}
