// Every forward pass of a generation: timed into the rates, counted, and followed by a yield to
// the event loop so an interrupt is handled between tokens.
import type { PreTrainedModel } from '@huggingface/transformers';
import type { EngineDiagnostics } from '../../src/contract/engine-api.ts';
import type { RateTracker } from './rate-tracker.ts';

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

/** Marks a pass that verifies a draft: its 1 + k tokens are a decode step, not a prefill to time. */
export const VERIFYING = Symbol('verifying');

/**
 * generate() only awaits microtasks between tokens on WASM; make each forward pass yield. Each
 * pass is timed into `rates` (its new tokens: with a KV cache, input_ids holds only those).
 */
export function yieldAfterForward(model: PreTrainedModel, counters: Counters, rates?: RateTracker): void {
  const forward = model.forward.bind(model);
  model.forward = async (inputs: Record<string | symbol, unknown>) => {
    counters.enter('forward');
    const t0 = performance.now();
    try {
      const out = await forward(inputs);
      const ids = inputs.input_ids as { dims?: number[] } | undefined;
      if (!inputs[VERIFYING]) rates?.record(ids?.dims?.at(-1) ?? 0, performance.now() - t0);
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
  readonly data: EngineDiagnostics = { generations: 0, maxConcurrentGenerations: 0, forwards: 0, maxConcurrentForwards: 0, gpuFallbacks: 0, gpuCrops: 0 };
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
