// Pieces of a generation that do not need the Engine's state: streaming ids, stop criteria,
// per-forward yielding and counting, prompts and sampling options.
import {
  BaseStreamer,
  type InterruptableStoppingCriteria,
  LogitsProcessorList,
  StoppingCriteria,
  random,
  type DynamicCache,
  type PreTrainedModel,
  type Tensor,
} from '@huggingface/transformers';
import { buildFimPrompt, type CountTokens, type FimAnchor } from '../../src/contract/prompts/fim.ts';
import type { EngineDiagnostics, GenerateRequest, GenerateResult } from '../../src/contract/engine-api.ts';
import type { RateTracker } from './rate-tracker.ts';
import { NucleusLogitsProcessor } from './sampling.ts';
import type { TokenStream } from './streaming.ts';

export type Job = {
  criteria: InterruptableStoppingCriteria;
  stream: TokenStream | null;
  superseded: boolean;
  channel: string;
  /** A background prefill: any other request cancels it. */
  warm?: boolean;
};

/** Ends generation when the stream saw a stop sequence. */
export class StopSequenceCriteria extends StoppingCriteria {
  constructor(private readonly job: Job) {
    super();
  }
  override _call(input_ids: number[][]): boolean[] {
    return input_ids.map(() => this.job.stream?.stopSequenceHit === true);
  }
}

/** Feeds each new token id to the TokenStream (the first put is the prompt). */
export class IdStreamer extends BaseStreamer {
  private sawPrompt = false;
  /** Set when its generation was abandoned (lost GPU): late tokens must not reach the stream. */
  detached = false;
  constructor(private readonly stream: TokenStream) {
    super();
  }
  override put(value: bigint[][]): void {
    if (!this.sawPrompt) {
      this.sawPrompt = true;
      return;
    }
    if (this.detached) return;
    for (const id of value[0] ?? []) this.stream.push(Number(id));
  }
  override end(): void {}
}

/** Node keeps a process alive while a port is referenced: only while a yield waits. Browsers lack these. */
type NodeLikePort = MessagePort & { ref?: () => void; unref?: () => void };

/**
 * One channel for every yield: a new MessageChannel per token pays for its ports each time
 * (54 µs against 13 to 19 µs per yield in a Chromium worker, `npx tsx scripts/measure-token-path.ts`).
 */
let yieldChannel: { send: MessagePort; receive: NodeLikePort; waiting: (() => void)[] } | null = null;

/** A macrotask turn, so messages waiting for the worker (an interrupt) are handled between tokens. */
function yieldToEventLoop(): Promise<void> {
  if (!yieldChannel) {
    const ch = new MessageChannel();
    const receive: NodeLikePort = ch.port1;
    const waiting: (() => void)[] = [];
    receive.onmessage = () => {
      waiting.shift()?.();
      if (waiting.length === 0) receive.unref?.();
    };
    yieldChannel = { send: ch.port2, receive, waiting };
  }
  const { send, receive, waiting } = yieldChannel;
  return new Promise((resolve) => {
    waiting.push(resolve);
    receive.ref?.();
    send.postMessage(null);
  });
}

/**
 * generate() only awaits microtasks between tokens on WASM; make each forward pass yield. Each
 * pass is timed into `rates` (its new tokens: with a KV cache, input_ids holds only those).
 */
export function yieldAfterForward(model: PreTrainedModel, counters: Counters, rates?: RateTracker): void {
  const forward = model.forward.bind(model);
  model.forward = async (inputs: Record<string, unknown>) => {
    counters.enter('forward');
    const t0 = performance.now();
    try {
      const out = await forward(inputs);
      const ids = inputs.input_ids as { dims?: number[] } | undefined;
      rates?.record(ids?.dims?.at(-1) ?? 0, performance.now() - t0);
      await yieldToEventLoop();
      return out;
    } finally {
      counters.leave('forward');
    }
  };
}

/** Counts generations and forward passes, and the most that ever ran at once. */
export class Counters {
  private active = { forward: 0, generation: 0 };
  readonly data: EngineDiagnostics = { generations: 0, maxConcurrentGenerations: 0, forwards: 0, maxConcurrentForwards: 0, gpuFallbacks: 0 };
  enter(kind: 'forward' | 'generation'): void {
    const n = ++this.active[kind];
    if (kind === 'forward') {
      this.data.forwards++;
      this.data.maxConcurrentForwards = Math.max(this.data.maxConcurrentForwards, n);
    } else {
      this.data.generations++;
      this.data.maxConcurrentGenerations = Math.max(this.data.maxConcurrentGenerations, n);
    }
  }
  leave(kind: 'forward' | 'generation'): void {
    this.active[kind]--;
  }
}

export type GenerateOutput = { sequences: Tensor; past_key_values: DynamicCache };

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Top-p as a processor (transformers.js 4.3.1 applies none), and the seed. */
export function samplingProcessors(request: GenerateRequest): LogitsProcessorList {
  const list = new LogitsProcessorList();
  if (request.topP !== undefined && request.topP > 0 && request.topP < 1) list.push(new NucleusLogitsProcessor(request.topP));
  // The sampler draws from transformers.js's global Mersenne Twister: seeding it makes a shared
  // prompt reproduce the same text (one generation runs at a time).
  if (request.seed !== undefined) random.seed(request.seed);
  return list;
}

/** The prompt text and stops for a request: as given, or built for FIM with the real tokenizer. */
export function resolvePrompt(
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

export function abortError(): Error {
  const e = new Error('aborted');
  e.name = 'AbortError';
  return e;
}

export function emptyStats(promptTokens: number, start: number, end: number): GenerateResult['stats'] {
  return { promptTokens, generatedTokens: 0, ttftMs: 0, totalMs: end - start, tokensPerSecond: 0, tokensAfterInterrupt: null, reusedTokens: 0 };
}

export function eosIds(model: PreTrainedModel): number[] {
  const raw = (model.generation_config as { eos_token_id?: number | number[] } | null)?.eos_token_id ??
    (model.config as { eos_token_id?: number | number[] }).eos_token_id;
  if (raw === undefined || raw === null) return [];
  return Array.isArray(raw) ? raw : [raw];
}
