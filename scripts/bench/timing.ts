// Token timing shared by the bare page and the Node side, so both measure like the app does.
// '@huggingface/transformers' resolves to the web build under Vite and the Node build in Node.
import { BaseStreamer } from '@huggingface/transformers';
import type { RunTiming } from './protocol.ts';

export class TokenTimer {
  private first: number | null = null;
  private last: number | null = null;
  private count = 0;

  constructor(
    private readonly startedAt: number,
    private readonly now: () => number,
  ) {}

  mark(tokens = 1): void {
    const t = this.now();
    this.first ??= t;
    this.last = t;
    this.count += tokens;
  }

  result(promptTokens: number, text: string): RunTiming {
    const end = this.now();
    const span = this.first !== null && this.last !== null ? (this.last - this.first) / 1000 : 0;
    return {
      ttftMs: this.first === null ? 0 : this.first - this.startedAt,
      tokensPerSecond: this.count >= 2 && span > 0 ? (this.count - 1) / span : 0,
      generatedTokens: this.count,
      promptTokens,
      totalMs: end - this.startedAt,
      text,
    };
  }
}

/** Times each new token and keeps its id; generate() puts the prompt first, which is skipped. */
export class TimingStreamer extends BaseStreamer {
  readonly ids: number[] = [];
  private sawPrompt = false;

  constructor(private readonly timer: TokenTimer) {
    super();
  }

  override put(value: bigint[][]): void {
    if (!this.sawPrompt) {
      this.sawPrompt = true;
      return;
    }
    const row = value[0] ?? [];
    this.timer.mark(row.length);
    for (const id of row) this.ids.push(Number(id));
  }

  override end(): void {}
}
