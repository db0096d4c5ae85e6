import { describe, expect, it } from 'vitest';
import type { GenerateChunk } from '../../src/contract/engine-api.ts';
import { TokenStream } from './streaming.ts';

// A fake byte-level decoder: ids are byte values, 1000 is a hidden stop id.
const decoder = { decode: (ids: number[]) => new TextDecoder().decode(new Uint8Array(ids)) };
const bytes = (s: string) => [...new TextEncoder().encode(s)];

function run(text: string | number[], stop: string[] = [], hidden: number[] = []) {
  let t = 0;
  const chunks: GenerateChunk[] = [];
  const s = new TokenStream(decoder, 0, stop, new Set(hidden), (c) => chunks.push(c), () => (t += 10));
  const ids = typeof text === 'string' ? bytes(text) : text;
  for (const id of ids) {
    s.push(id);
    if (s.stopSequenceHit) break;
  }
  s.flush();
  return { s, chunks, streamed: chunks.map((c) => c.delta).join('') };
}

describe('TokenStream', () => {
  it('streams deltas that add up to the text', () => {
    const { s, streamed, chunks } = run('def add(a, b):');
    expect(streamed).toBe('def add(a, b):');
    expect(s.text).toBe(streamed);
    expect(chunks.at(-1)?.generatedTokens).toBe(14);
  });

  it('holds back a partial UTF-8 character', () => {
    const { chunks, streamed } = run('é!');
    expect(chunks.every((c) => !c.delta.includes('\uFFFD'))).toBe(true);
    expect(streamed).toBe('é!');
  });

  it('stops at a stop sequence and never shows it, even split across tokens', () => {
    const { s, streamed } = run('x = 1\n```output\nmore', ['```output']);
    expect(s.stopSequenceHit).toBe(true);
    expect(streamed).toBe('x = 1\n');
    expect(s.text).toBe('x = 1\n');
  });

  it('releases a held-back partial stop sequence that did not complete', () => {
    const { streamed } = run('a ``` b', ['```output']);
    expect(streamed).toBe('a ``` b');
  });

  it('hides stop token ids from the text', () => {
    const { streamed } = run([...bytes('ok'), 1000], [], [1000]);
    expect(streamed).toBe('ok');
  });

  it('measures time to first token and decode rate', () => {
    const { s } = run('abcde');
    expect(s.ttftMs()).toBe(10);
    // 5 tokens at 10 ms apart: 4 intervals in 40 ms.
    expect(s.tokensPerSecond()).toBeCloseTo(100);
  });

  it('counts tokens after an interrupt', () => {
    const s = new TokenStream(decoder, 0, [], new Set(), undefined, () => 0);
    s.push(97);
    s.markInterrupted();
    s.push(98);
    expect(s.tokensAfterInterrupt).toBe(1);
  });

  it('merges deltas closer together than the chunk interval, never holding the first', () => {
    let t = 0;
    const chunks: GenerateChunk[] = [];
    // Tokens 5 ms apart with a 16 ms interval: the first alone, then about one chunk per 20 ms.
    const s = new TokenStream(decoder, 0, [], new Set(), (c) => chunks.push(c), () => t, 16);
    for (const id of bytes('abcdefghij')) {
      t += 5;
      s.push(id);
    }
    s.flush();
    expect(chunks[0]).toMatchObject({ delta: 'a', generatedTokens: 1 });
    expect(chunks.map((c) => c.delta).join('')).toBe('abcdefghij');
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.length).toBeLessThan(6);
    expect(s.chunks).toBe(chunks.length);
  });

  it('sends one chunk per token when the interval is 0', () => {
    let t = 0;
    const chunks: GenerateChunk[] = [];
    const s = new TokenStream(decoder, 0, [], new Set(), (c) => chunks.push(c), () => t, 0);
    for (const id of bytes('abc')) {
      t += 1;
      s.push(id);
    }
    expect(chunks.map((c) => c.delta)).toEqual(['a', 'b', 'c']);
  });

  it('sends the text up to a stop sequence at once, even inside the interval', () => {
    let t = 0;
    const chunks: GenerateChunk[] = [];
    const s = new TokenStream(decoder, 0, ['STOP'], new Set(), (c) => chunks.push(c), () => t, 1000);
    for (const id of bytes('ab STOP')) {
      t += 1;
      s.push(id);
      if (s.stopSequenceHit) break;
    }
    expect(chunks.map((c) => c.delta).join('')).toBe('ab ');
  });
});

describe('TokenStream decoding', () => {
  it('decodes only the current line again, and the text stays exact', () => {
    const calls: number[] = [];
    const counting = { decode: (ids: number[]) => (calls.push(ids.length), decoder.decode(ids)) };
    const text = 'line one\nline two\nline three é\nlast';
    let t = 0;
    const s = new TokenStream(counting, 0, [], new Set(), undefined, () => (t += 1), 0);
    for (const id of bytes(text)) s.push(id);
    expect(s.text).toBe(text);
    // Never more ids at once than the longest line (plus the one-token boundary check).
    expect(Math.max(...calls)).toBeLessThanOrEqual('line three é\n'.length + 2);
  });

  it('never asks the decoder for an empty list (transformers.js throws on one)', () => {
    const strict = { decode: (ids: number[]) => (ids.length === 0 ? (() => { throw new Error('empty'); })() : decoder.decode(ids)) };
    const s = new TokenStream(strict, 0, [], new Set([1000]), undefined, () => 0, 0);
    for (const id of [...bytes('a\n'), 1000]) s.push(id);
    expect(s.text).toBe('a\n');
  });

  it('falls back to decoding everything when a line start decodes differently in context', () => {
    // SentencePiece-like: a leading "_" is a space, dropped at the start of a decode.
    const sp = { decode: (ids: number[]) => String.fromCharCode(...ids).replace(/_/g, ' ').replace(/^ /, '') };
    const ids = [...'a\n_b_c'].map((c) => c.charCodeAt(0));
    const s = new TokenStream(sp, 0, [], new Set(), undefined, () => 0, 0);
    for (const id of ids) s.push(id);
    expect(s.text).toBe('a\n b c');
  });
});

describe('TokenStream with a completeness check', () => {
  it('ends generation at the token that completes the text, keeping all of it', () => {
    const s = new TokenStream(decoder, 0, [], new Set(), undefined, () => 0, 50, (text) => text.includes('\n'));
    let pushed = 0;
    for (const id of bytes('first line\nsecond line\n')) {
      s.push(id);
      pushed++;
      if (s.stopSequenceHit) break;
    }
    expect(pushed).toBe('first line\n'.length);
    expect(s.completeHit).toBe(true);
    expect(s.text).toBe('first line\n');
  });
});
