// The context budget of a FIM request with latency targets: the engine knows the measured rates
// and exactly how much of a candidate prompt its KV cache holds.
import { completionSettled } from '../src/lib/completion/postprocess.ts';
import { buildFimPrompt, type CountTokens, type FimAnchor } from '../src/lib/prompts/fim.ts';
import { budgetFloor, chooseFimBudget, type BudgetChoice } from '../src/lib/prompts/fim-budget.ts';
import { prefillRateAt } from '../src/lib/rates.ts';
import { resolvePrompt } from './generate-parts.ts';
import { onGpu, planReuse, type CachedPrefix } from './kv-reuse.ts';
import type { LoadedModel } from './model-loader.ts';
import type { FimRequest, GenerateRequest, Rates } from './protocol.ts';

export interface LatencyContext {
  countTokens: CountTokens;
  encode: (text: string) => number[];
  /** The ids the KV cache covers, and whether it can be cropped (CPU tensors). */
  kv: { ids: readonly number[]; canCrop: boolean } | null;
  rates: Rates;
  /** The budget the previous FIM request got. */
  previousBudget: number | null;
  /** The previous FIM prompt's layout (kept while it fits). */
  anchor?: FimAnchor;
}

export function fimBudgetFor(fim: FimRequest & { latency: NonNullable<FimRequest['latency']> }, ctx: LatencyContext): BudgetChoice {
  const rates = { prefillAt: (n: number) => prefillRateAt(ctx.rates, n), decode: ctx.rates.decodeTokensPerSecond };
  let previous: { budgetTokens: number; tokens: number; reused: number } | null = null;
  if (ctx.previousBudget !== null && ctx.kv) {
    const ids = ctx.encode(buildFimPrompt({ ...fim, budgetTokens: ctx.previousBudget, ...(ctx.anchor ? { anchor: ctx.anchor } : {}) }, ctx.countTokens).prompt);
    previous = { budgetTokens: ctx.previousBudget, tokens: ids.length, reused: planReuse(ctx.kv.ids, ids, ctx.kv.canCrop) };
  }
  return chooseFimBudget({ rates, targets: fim.latency, floor: budgetFloor(fim.prefix, fim.suffix, ctx.countTokens), previous });
}

/** Remembers the last budget and layout, so a follow-up keeps its prompt's start (and its KV cache). */
export class FimBudgets {
  private last: number | null = null;
  /** The last FIM prompt's layout, passed back to the builder. */
  private anchor: FimAnchor | undefined;

  reset(): void {
    this.last = null;
    this.anchor = undefined;
  }

  /** The request's prompt, a FIM one with the chosen budget and the last layout kept if it fits. */
  build(request: GenerateRequest, choice: BudgetChoice | null, countTokens: CountTokens): ReturnType<typeof resolvePrompt> {
    const sized = choice ? { ...request, fim: { ...request.fim!, budgetTokens: choice.budgetTokens } } : request;
    const built = resolvePrompt(sized, countTokens, this.anchor);
    if (built.anchor) this.anchor = built.anchor;
    return built;
  }

  /** The budget of a FIM request with latency targets; null for any other request. */
  choose(request: GenerateRequest, loaded: Pick<LoadedModel, 'countTokens' | 'tokenizer' | 'rates'>, kv: CachedPrefix | null): BudgetChoice | null {
    const fim = request.fim;
    if (!fim?.latency) return null;
    const choice = fimBudgetFor({ ...fim, latency: fim.latency }, {
      countTokens: loaded.countTokens,
      encode: (text) => loaded.tokenizer.encode(text, { add_special_tokens: false }),
      kv: kv ? { ids: kv.ids, canCrop: !onGpu(kv.cache) } : null,
      rates: loaded.rates.snapshot(),
      previousBudget: this.last,
      ...(this.anchor ? { anchor: this.anchor } : {}),
    });
    this.last = choice.budgetTokens;
    return choice;
  }
}

/** For a FIM request that asks for it: true once the streamed text is a complete suggestion. */
export function completionCheck(fim: FimRequest | undefined): ((text: string) => boolean) | undefined {
  if (!fim?.stopWhenComplete) return undefined;
  const ctx = { prefix: fim.prefix, suffix: fim.suffix, language: fim.language };
  return (text) => completionSettled(text, ctx);
}
