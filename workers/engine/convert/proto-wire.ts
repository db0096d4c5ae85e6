// Protocol Buffers wire format, just what a lossless ONNX rewrite needs: keys, varints and
// length-delimited fields. Fields the converter does not touch are copied as their bytes.

export const WT = { VARINT: 0, I64: 1, LEN: 2, I32: 5 } as const;

/** Reads a varint at `pos`; values past 2^53 lose precision (never lengths or ONNX dims we use). */
export function readVarint(buf: Uint8Array, pos: number): { value: number; next: number } {
  let value = 0;
  let mul = 1;
  for (let i = pos; i < buf.length && i < pos + 10; i++) {
    const b = buf[i];
    value += (b & 0x7f) * mul;
    if (b < 0x80) return { value, next: i + 1 };
    mul *= 128;
  }
  throw new Error(`protobuf: truncated varint at byte ${pos}`);
}

export function varintBytes(n: number): number[] {
  if (n < 0 || !Number.isSafeInteger(n)) throw new Error(`protobuf: cannot encode ${n} as a varint`);
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}

export function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    len++;
  }
  return len;
}

/** Key and length prefix of a length-delimited field. */
export function lenHeader(field: number, length: number): Uint8Array {
  return Uint8Array.from([...varintBytes(field * 8 + WT.LEN), ...varintBytes(length)]);
}

export function lenHeaderLength(field: number, length: number): number {
  return varintLength(field * 8 + WT.LEN) + varintLength(length);
}

/** One field of a message held in memory; `start..end` is the value (for LEN, without its length). */
export interface WireField {
  no: number;
  wt: number;
  /** Where the field's key starts: `buf.subarray(at, end)` is the whole encoded field. */
  at: number;
  start: number;
  end: number;
  /** The value of a VARINT field. */
  value: number;
}

/** Where a field's value starts and ends, from its key at `pos`. */
export function fieldAt(buf: Uint8Array, pos: number): WireField {
  const key = readVarint(buf, pos);
  const no = Math.floor(key.value / 8);
  const wt = key.value % 8;
  switch (wt) {
    case WT.VARINT: {
      const v = readVarint(buf, key.next);
      return { no, wt, at: pos, start: key.next, end: v.next, value: v.value };
    }
    case WT.I64:
      return { no, wt, at: pos, start: key.next, end: key.next + 8, value: 0 };
    case WT.I32:
      return { no, wt, at: pos, start: key.next, end: key.next + 4, value: 0 };
    case WT.LEN: {
      const len = readVarint(buf, key.next);
      return { no, wt, at: pos, start: len.next, end: len.next + len.value, value: len.value };
    }
    default:
      throw new Error(`protobuf: unsupported wire type ${wt} at byte ${pos}`);
  }
}

export function* fields(buf: Uint8Array): Generator<WireField> {
  let pos = 0;
  while (pos < buf.length) {
    const f = fieldAt(buf, pos);
    if (f.end > buf.length) throw new Error(`protobuf: field ${f.no} runs past its message`);
    yield f;
    pos = f.end;
  }
}

const utf8 = new TextDecoder();
const utf8Out = new TextEncoder();

export function text(buf: Uint8Array, f: WireField): string {
  return utf8.decode(buf.subarray(f.start, f.end));
}

/** Repeated int64 field values, packed or not, appended to `out`. */
export function pushInts(buf: Uint8Array, f: WireField, out: number[]): void {
  if (f.wt === WT.VARINT) {
    out.push(f.value);
    return;
  }
  for (let p = f.start; p < f.end; ) {
    const v = readVarint(buf, p);
    out.push(v.value);
    p = v.next;
  }
}

// Encoders for the few messages the converter writes from scratch.
export function encString(field: number, s: string): number[] {
  const b = utf8Out.encode(s);
  return [...lenHeader(field, b.length), ...b];
}

export function encVarint(field: number, n: number): number[] {
  return [...varintBytes(field * 8 + WT.VARINT), ...varintBytes(n)];
}

export function encMessage(field: number, body: number[] | Uint8Array): number[] {
  return [...lenHeader(field, body.length), ...body];
}
