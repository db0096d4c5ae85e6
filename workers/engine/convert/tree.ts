// A protobuf message as a list of parts: bytes kept as they were, spans of the source file
// copied at write time, nested messages, and fields produced at write time. Sizes are known
// before any large data is read, so the output streams in one pass.
import type { ByteSource } from './source.ts';
import { fieldAt, lenHeader, lenHeaderLength, type WireField } from './proto-wire.ts';

export type Part =
  /** Encoded fields, key included. */
  | { t: 'bytes'; data: Uint8Array }
  /** A length-delimited field whose value is bytes [start, end) of the source. */
  | { t: 'span'; no: number; start: number; end: number }
  | { t: 'msg'; no: number; msg: Msg }
  /** A length-delimited field whose value is computed while writing. */
  | { t: 'lazy'; no: number; length: number; produce: () => Promise<Uint8Array> };

export interface Msg {
  parts: Part[];
}

/** A field found in the source: offsets are absolute. */
export type SourceField = WireField;

const MAX_HEADER = 20;

/** Calls `visit` for each field of the message at [start, end) of the source. */
export async function scan(src: ByteSource, start: number, end: number, visit: (f: SourceField) => Promise<void>): Promise<void> {
  let pos = start;
  while (pos < end) {
    const head = await src.read(pos, Math.min(end, pos + MAX_HEADER));
    const f = fieldAt(head, 0);
    const abs: SourceField = { ...f, at: pos, start: pos + f.start, end: pos + f.end };
    if (abs.end > end) throw new Error(`protobuf: field ${f.no} at byte ${pos} runs past its message`);
    await visit(abs);
    pos = abs.end;
  }
}

const SMALL = 1 << 20;

/** The whole encoded field (key included), copied out of the source. */
export async function inline(src: ByteSource, f: SourceField): Promise<Part> {
  return { t: 'bytes', data: await bytesOf(src, f.at, f.end) };
}

/** A copy of [start, end): small ranges through the source's window (many tiny fields). */
export async function bytesOf(src: ByteSource, start: number, end: number): Promise<Uint8Array> {
  return end - start < SMALL ? (await src.read(start, end)).slice() : src.copy(start, end);
}

export function partSize(p: Part): number {
  switch (p.t) {
    case 'bytes':
      return p.data.length;
    case 'span':
      return lenHeaderLength(p.no, p.end - p.start) + (p.end - p.start);
    case 'msg': {
      const n = msgSize(p.msg);
      return lenHeaderLength(p.no, n) + n;
    }
    case 'lazy':
      return lenHeaderLength(p.no, p.length) + p.length;
  }
}

export function msgSize(m: Msg): number {
  let n = 0;
  for (const p of m.parts) n += partSize(p);
  return n;
}

const COPY_CHUNK = 4 << 20;

/** The message's encoding, in chunks the caller may keep. */
export async function* encode(m: Msg, src: ByteSource): AsyncGenerator<Uint8Array> {
  for (const p of m.parts) {
    switch (p.t) {
      case 'bytes':
        yield p.data;
        break;
      case 'span':
        yield lenHeader(p.no, p.end - p.start);
        for (let s = p.start; s < p.end; s += COPY_CHUNK) yield await src.copy(s, Math.min(p.end, s + COPY_CHUNK));
        break;
      case 'msg':
        yield lenHeader(p.no, msgSize(p.msg));
        yield* encode(p.msg, src);
        break;
      case 'lazy': {
        const data = await p.produce();
        if (data.length !== p.length) throw new Error(`internal: field ${p.no} produced ${data.length} bytes, planned ${p.length}`);
        yield lenHeader(p.no, p.length);
        yield data;
        break;
      }
    }
  }
}
