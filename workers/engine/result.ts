// A finished generation as the page receives it: why it stopped, its text and its figures.
import type { Job } from './generate-run.ts';
import type { FimBudgetInfo, GenerateResult, Rates, StopReason } from '../../src/contract/engine-api.ts';
import type { TokenStream } from './streaming.ts';

export interface RunFacts {
  prompt: string;
  promptTokens: number;
  reused: number;
  stopIds: readonly number[];
  startedAt: number;
  end: number;
  rates: Rates;
  fimBudget: FimBudgetInfo | null;
}

export function stopReasonOf(stream: TokenStream, job: Pick<Job, 'criteria'>, stopIds: readonly number[]): StopReason {
  const last = stream.ids.at(-1);
  if (job.criteria.interrupted) return 'interrupted';
  if (stream.completeHit) return 'complete';
  if (stream.stopSequenceHit) return 'stop-sequence';
  if (last !== undefined && stopIds.includes(last)) return 'eos';
  return 'max-tokens';
}

export function resultOf(stream: TokenStream, job: Pick<Job, 'criteria'>, f: RunFacts): GenerateResult {
  return {
    rates: f.rates,
    ...(f.fimBudget ? { fimBudget: f.fimBudget } : {}),
    text: stream.text,
    prompt: f.prompt,
    stopReason: stopReasonOf(stream, job, f.stopIds),
    stats: {
      promptTokens: f.promptTokens,
      generatedTokens: stream.ids.length,
      ttftMs: stream.ttftMs(),
      totalMs: f.end - f.startedAt,
      tokensPerSecond: stream.tokensPerSecond(),
      tokensAfterInterrupt: stream.tokensAfterInterrupt,
      reusedTokens: f.reused,
    },
  };
}

export function emptyStats(promptTokens: number, start: number, end: number): GenerateResult['stats'] {
  return { promptTokens, generatedTokens: 0, ttftMs: 0, totalMs: end - start, tokensPerSecond: 0, tokensAfterInterrupt: null, reusedTokens: 0 };
}
