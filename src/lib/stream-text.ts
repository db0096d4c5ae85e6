// Streamed output grows at its end. Replacing a text node's whole value on every chunk makes
// Blink shape, break and lay out all of it again: the cost of an update grows with the answer.
// Here the text is a run of blocks that each end at a line break, and a chunk is appended to the
// last one, so an update lays out about one block (`npx tsx scripts/measure-text-layout.ts`).

/** About how long a block gets before the next line break starts a new one. */
export const BLOCK_CHARS = 2048;

/** How the text wraps: as `white-space: pre` (code) or `pre-wrap` (the output box). */
export type WhiteSpace = 'pre' | 'pre-wrap';

/**
 * Shows text in `host`, keeping what is already shown when the new text extends it. Each block
 * is a `span.block` ending at a "\n"; with stream-text.css it renders, reads (textContent,
 * innerText) and copies the same as one text node (`scripts/measure-text-layout.ts` checks).
 */
export class StreamedText {
  private shown = '';
  private last: Text | null = null;

  constructor(
    private readonly host: HTMLElement,
    whiteSpace: WhiteSpace,
    private readonly blockChars = BLOCK_CHARS,
  ) {
    host.classList.add('streamed-text', `ws-${whiteSpace}`);
  }

  show(text: string): void {
    if (this.last && text.startsWith(this.shown)) this.append(text.slice(this.shown.length));
    else this.reset(text);
    this.shown = text;
  }

  private append(delta: string): void {
    let rest = delta;
    while (rest && this.last) {
      // A block ends at the first line break once it is long enough.
      if (this.last.data.length >= this.blockChars && this.last.data.endsWith('\n')) this.addBlock();
      const last = this.last;
      const room = Math.max(0, this.blockChars - last.data.length);
      const nl = rest.indexOf('\n', Math.max(0, room - 1));
      const end = nl < 0 ? rest.length : nl + 1;
      last.appendData(rest.slice(0, end));
      rest = rest.slice(end);
    }
  }

  private reset(text: string): void {
    this.host.replaceChildren();
    this.addBlock();
    this.append(text);
  }

  private addBlock(): void {
    const doc = this.host.ownerDocument;
    const block = doc.createElement('span');
    block.className = 'block';
    const node = doc.createTextNode('');
    block.append(node);
    this.host.append(block);
    this.last = node;
  }
}
