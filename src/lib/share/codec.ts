// Share links: `#v1/<base64url(deflate-raw(JSON))>`. decode() never throws: links are untrusted
// input, so every failure (truncated, altered, oversized, a decompression bomb, hostile text)
// becomes a clear message and the caller keeps its state. Each version keeps its decoder forever.
import { fromBase64url, toBase64url } from './base64url.ts';
import { validateWire } from './schema.ts';
import type { ShareState } from './state.ts';
import { fromWire, toWire } from './wire.ts';
import type { Text } from '../i18n/text.ts';

export interface CodecGlobals {
  CompressionStream: typeof CompressionStream;
  DecompressionStream: typeof DecompressionStream;
}

export const LINK_VERSION = 1;
/** Longest hash decoded at all (Chrome keeps URLs up to 2 MB). */
export const MAX_HASH_CHARS = 1_000_000;
/** Most bytes a link may inflate to: the guard against decompression bombs. */
export const MAX_JSON_BYTES = 4_000_000;

export type DecodeResult = { ok: true; state: ShareState; version: number } | { ok: false; message: Text };

const fail = (why: Text): DecodeResult => ({ ok: false, message: { key: 'link_error', params: { why } } });

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, cap: number): Promise<Uint8Array | 'too-large'> {
  const writer = stream.writable.getWriter();
  // Not awaited: the readable must drain for the write to finish. Errors surface on read().
  writer.write(new Uint8Array(bytes)).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function encode(state: ShareState, g: CodecGlobals = globalThis): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(toWire(state)));
  const packed = await pipe(json, new g.CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
  if (packed === 'too-large') throw new Error('unreachable');
  return `#v${LINK_VERSION}/${toBase64url(packed)}`;
}

async function decodeV1(payload: string, g: CodecGlobals): Promise<DecodeResult> {
  const bytes = fromBase64url(payload);
  if (!bytes || bytes.length === 0) return fail({ key: 'link_damaged_chars' });
  let raw: Uint8Array | 'too-large';
  try {
    raw = await pipe(bytes, new g.DecompressionStream('deflate-raw'), MAX_JSON_BYTES);
  } catch {
    return fail({ key: 'link_damaged_inflate' });
  }
  if (raw === 'too-large') return fail({ key: 'link_too_large', params: { mb: MAX_JSON_BYTES / 1e6 } });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return fail({ key: 'link_damaged_utf8' });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail({ key: 'link_damaged_json' });
  }
  const checked = validateWire(data, 'link');
  if (!checked.ok) return fail({ key: 'link_invalid', params: { problem: checked.message } });
  return { ok: true, state: fromWire(checked.wire), version: 1 };
}

/** One decoder per link version, kept forever so old links keep opening. */
const DECODERS: Record<number, (payload: string, g: CodecGlobals) => Promise<DecodeResult>> = { 1: decodeV1 };

/** True when a location.hash holds anything to decode (the app writes no other hashes). */
export function hasLink(hash: string): boolean {
  return hash.replace(/^#/, '') !== '';
}

export async function decode(hash: string, g: CodecGlobals = globalThis): Promise<DecodeResult> {
  try {
    if (hash.length > MAX_HASH_CHARS) return fail({ key: 'link_too_long', params: { max: { grouped: MAX_HASH_CHARS } } });
    const m = /^#?v(\d{1,6})\/([\s\S]*)$/.exec(hash);
    if (!m) return fail({ key: 'link_not_seekpad' });
    const version = Number(m[1]);
    const decoder = DECODERS[version];
    if (!decoder) {
      return fail(
        version > LINK_VERSION
          ? { key: 'link_newer', params: { version, supported: LINK_VERSION } }
          : { key: 'link_unknown_version', params: { version } },
      );
    }
    return await decoder(m[2], g);
  } catch {
    return fail({ key: 'link_damaged' });
  }
}
