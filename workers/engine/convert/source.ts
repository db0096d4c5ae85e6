// Random access to a large file without reading it into memory: a Blob (a Cache API response's
// blob, a picked File, Node's fs.openAsBlob) read through one sliding window.

export interface ByteSource {
  readonly size: number;
  /** The bytes of [start, end); valid until the next call. */
  read(start: number, end: number): Promise<Uint8Array>;
  /** The bytes of [start, end) in a new array the caller keeps. */
  copy(start: number, end: number): Promise<Uint8Array>;
}

const WINDOW = 4 << 20;

export class BlobSource implements ByteSource {
  private winStart = 0;
  private win = new Uint8Array(0);

  constructor(private readonly blob: Blob, private readonly window = WINDOW) {}

  get size(): number {
    return this.blob.size;
  }

  async read(start: number, end: number): Promise<Uint8Array> {
    if (start < 0 || end > this.blob.size || end < start) {
      throw new Error(`read [${start}, ${end}) is outside the file (${this.blob.size} bytes)`);
    }
    if (start >= this.winStart && end <= this.winStart + this.win.length) {
      return this.win.subarray(start - this.winStart, end - this.winStart);
    }
    if (end - start > this.window) return new Uint8Array(await this.blob.slice(start, end).arrayBuffer());
    const stop = Math.min(this.blob.size, start + this.window);
    this.win = new Uint8Array(await this.blob.slice(start, stop).arrayBuffer());
    this.winStart = start;
    return this.win.subarray(0, end - start);
  }

  async copy(start: number, end: number): Promise<Uint8Array> {
    return new Uint8Array(await this.blob.slice(start, end).arrayBuffer());
  }
}

