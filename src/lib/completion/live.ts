// One ghost-text generation as it streams: the text the editor shows grows with each chunk, so
// the first characters appear with the first tokens instead of after the last. The editor asks
// again (a refresh) whenever the shown text changes; those asks read this, never a new request.
import { cleanCompletion, type CompletionContext } from '../../contract/completion/postprocess.ts';

export class LiveSuggestion {
  private raw = '';
  private shown = '';
  /** The editor has had text from this generation: later growth needs a refresh. */
  private delivered = false;
  private waiters: ((text: string | null) => void)[] = [];
  done = false;
  /** Ended without its whole text (superseded, dismissed, failed): never asked again. */
  abandoned = false;

  constructor(
    readonly ctx: CompletionContext,
    /** Asks the editor to query again (it then reads `text`). */
    private readonly refresh: () => void,
  ) {}

  /** Made for this document state (text before and after the cursor), and not abandoned. */
  matches(prefix: string, suffix: string): boolean {
    return !this.abandoned && prefix === this.ctx.prefix && suffix === this.ctx.suffix;
  }

  /** What the editor shows now: the post-processed text so far. */
  get text(): string {
    return this.shown;
  }

  append(delta: string): void {
    if (!this.done && delta) this.update(this.raw + delta);
  }

  /** The generation's whole text: the final word on what is shown. */
  finish(raw: string): void {
    if (this.done) return;
    this.update(raw);
    this.done = true;
    this.settle();
  }

  /** Superseded, rejected or failed: no more growth, and a waiting ask gets nothing. */
  abandon(): void {
    this.done = true;
    this.abandoned = true;
    this.shown = '';
    this.settle();
  }

  /** The first text worth showing, or null once the generation ended with none. */
  first(): Promise<string | null> {
    if (this.shown || this.done) return Promise.resolve(this.deliver());
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private update(raw: string): void {
    this.raw = raw;
    const next = cleanCompletion(raw, this.ctx);
    if (next === this.shown) return;
    this.shown = next;
    if (this.delivered) this.refresh();
    else if (next) this.settle();
  }

  private deliver(): string | null {
    if (this.shown) this.delivered = true;
    return this.shown || null;
  }

  private settle(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const resolve of waiting) resolve(this.deliver());
  }
}
