// Turns generated token ids into text deltas, timing and stop-sequence detection. Independent
// of transformers.js so it is unit-tested with a fake decoder.
import type { GenerateChunk } from '../../src/contract/engine-api.ts';
import { DEFAULT_CHUNK_INTERVAL_MS } from '../../src/contract/sets.ts';

export interface TokenDecoder {
  decode(ids: number[]): string;
}

export class TokenStream {
  readonly ids: number[] = [];
  /** Text handed out so far (never retracted). */
  emitted = '';
  firstTokenAt: number | null = null;
  lastTokenAt: number | null = null;
  stopSequenceHit = false;
  /** Tokens produced after an interrupt was requested. */
  tokensAfterInterrupt: number | null = null;
  /** Chunks handed to onChunk so far. */
  chunks = 0;
  private lastChunkAt: number | null = null;
  /** Visible ids; text up to `settledAt` is `settledText` and is never decoded again. */
  private readonly visible: number[] = [];
  private settledAt = 0;
  private settledText = '';
  /** Off once the decoder turns out not to decode line by line the same as whole. */
  private incremental = true;

  constructor(
    private readonly decoder: TokenDecoder,
    private readonly startedAt: number,
    private readonly stop: readonly string[],
    /** Ids that end generation and never appear in the text. */
    private readonly hiddenIds: ReadonlySet<number>,
    private readonly onChunk: ((chunk: GenerateChunk) => void) | undefined,
    private readonly now: () => number,
    /**
     * Deltas closer together than this are merged into one chunk (the first is never held).
     * Every chunk is a message, a page update and, in chat, a Markdown and KaTeX render of the
     * whole answer; per token that costs the page more than a small model's tokens do, on the
     * cores ORT's threads need. 20 updates a second still reads as streaming; the page asks
     * for fewer when ORT's threads take every core (GenerateRequest.chunkIntervalMs).
     */
    private readonly minChunkIntervalMs = DEFAULT_CHUNK_INTERVAL_MS,
    /** Ends generation, like a stop sequence but keeping the text, once this says the text is complete. */
    private readonly complete?: (text: string) => boolean,
  ) {}

  /** Set when `complete` ended the generation. */
  completeHit = false;

  markInterrupted(): void {
    if (this.tokensAfterInterrupt === null) this.tokensAfterInterrupt = 0;
  }

  /** The text so far, cut before the first stop sequence. */
  get text(): string {
    return this.cutAtStop(this.decodeVisible()).text;
  }

  ttftMs(): number {
    return this.firstTokenAt === null ? 0 : this.firstTokenAt - this.startedAt;
  }

  tokensPerSecond(): number {
    if (this.firstTokenAt === null || this.lastTokenAt === null || this.ids.length < 2) return 0;
    const secs = (this.lastTokenAt - this.firstTokenAt) / 1000;
    return secs > 0 ? (this.ids.length - 1) / secs : 0;
  }

  push(id: number): void {
    const t = this.now();
    if (this.firstTokenAt === null) this.firstTokenAt = t;
    this.lastTokenAt = t;
    this.ids.push(id);
    if (!this.hiddenIds.has(id)) this.visible.push(id);
    if (this.tokensAfterInterrupt !== null) this.tokensAfterInterrupt++;
    if (this.stopSequenceHit) return;
    const { text, hit } = this.cutAtStop(this.decodeVisible());
    if (hit) this.stopSequenceHit = true;
    else if (this.complete?.(text)) {
      // Stops through the same criteria as a stop sequence, within this token.
      this.stopSequenceHit = this.completeHit = true;
      this.emit(text, t);
      return;
    }
    // Hold back a trailing partial UTF-8 sequence and anything that could start a stop sequence.
    let safe = hit ? text : text.replace(/\uFFFD+$/, '');
    if (!hit) safe = safe.slice(0, safe.length - this.pendingStopPrefix(safe));
    const soon = this.lastChunkAt !== null && t - this.lastChunkAt < this.minChunkIntervalMs;
    if (!soon || hit) this.emit(safe, t);
  }

  /** Whatever was held back, once generation has ended. */
  flush(): void {
    this.emit(this.text, this.now());
  }

  private emit(upTo: string, t: number): void {
    if (upTo.length <= this.emitted.length || !upTo.startsWith(this.emitted)) return;
    const delta = upTo.slice(this.emitted.length);
    this.emitted = upTo;
    this.lastChunkAt = t;
    this.chunks++;
    this.onChunk?.({ delta, generatedTokens: this.ids.length, ttftMs: this.ttftMs(), tokensPerSecond: this.tokensPerSecond() });
  }

  /**
   * The visible text. Decoding every id on every token is O(n²) over a long answer, so text is
   * settled at each line end and only the current line is decoded again. Before the first token
   * of a new line is trusted, the decoder must decode it after the previous token the same as on
   * its own (a SentencePiece decoder can drop a leading space); if not, decode everything.
   */
  private decodeVisible(): string {
    const ids = this.visible;
    if (!this.incremental) return this.decoder.decode(ids);
    if (this.settledAt > 0 && ids.length === this.settledAt + 1) {
      const pair = this.decoder.decode(ids.slice(this.settledAt - 1));
      const apart = this.decoder.decode(ids.slice(this.settledAt - 1, this.settledAt)) + this.decoder.decode(ids.slice(this.settledAt));
      if (pair !== apart) {
        this.incremental = false;
        return this.decoder.decode(ids);
      }
    }
    // transformers.js throws on an empty id list.
    const tail = ids.length > this.settledAt ? this.decoder.decode(ids.slice(this.settledAt)) : '';
    const text = this.settledText + tail;
    if (tail.endsWith('\n') && !tail.includes('\uFFFD')) {
      this.settledText = text;
      this.settledAt = ids.length;
    }
    return text;
  }

  private cutAtStop(text: string): { text: string; hit: boolean } {
    let cut = -1;
    for (const s of this.stop) {
      if (!s) continue;
      const i = text.indexOf(s);
      if (i >= 0 && (cut < 0 || i < cut)) cut = i;
    }
    return cut >= 0 ? { text: text.slice(0, cut), hit: true } : { text, hit: false };
  }

  /** Length of the longest suffix of `text` that is a proper prefix of a stop sequence. */
  private pendingStopPrefix(text: string): number {
    let best = 0;
    for (const s of this.stop) {
      for (let n = Math.min(s.length - 1, text.length); n > best; n--) {
        if (text.endsWith(s.slice(0, n))) {
          best = n;
          break;
        }
      }
    }
    return best;
  }
}
