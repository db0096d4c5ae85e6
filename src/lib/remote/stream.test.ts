import { describe, expect, it } from 'vitest';
import { NotJsonError, readMessages } from './stream.ts';

/** A body that arrives in the given pieces (split anywhere, as a network would). */
function body(...pieces: string[]): ReadableStream<Uint8Array> {
  const bytes = pieces.map((p) => new TextEncoder().encode(p));
  return new ReadableStream({
    pull(c) {
      const next = bytes.shift();
      if (next) c.enqueue(next);
      else c.close();
    },
  });
}

describe('readMessages', () => {
  it('SSE: data lines split across reads, comments and keep-alives skipped, [DONE] ends it', async () => {
    const got: unknown[] = [];
    const ended = await readMessages(body(': keep-alive\n\n', 'data: {"a":', '1}\n\ndata: {"a":2}\n', '\ndata: [DONE]\n\n', 'data: {"a":3}\n\n'), 'sse', (d) => void got.push(d));
    expect(got).toEqual([{ a: 1 }, { a: 2 }]);
    expect(ended).toBe(true);
  });

  it('a character split between two reads comes whole', async () => {
    const bytes = new TextEncoder().encode('data: {"t":"中文"}\n\n');
    const cut = bytes.indexOf(0xe4) + 1;
    const parts = [bytes.slice(0, cut), bytes.slice(cut)];
    const stream = new ReadableStream<Uint8Array>({ pull: (c) => (parts.length ? c.enqueue(parts.shift()!) : c.close()) });
    const got: unknown[] = [];
    await readMessages(stream, 'sse', (d) => void got.push(d));
    expect(got).toEqual([{ t: '中文' }]);
  });

  it('a stream that closes before its end says so', async () => {
    const got: unknown[] = [];
    expect(await readMessages(body('data: {"a":1}\n\n'), 'sse', (d) => void got.push(d))).toBe(false);
    expect(got).toEqual([{ a: 1 }]);
  });

  it('NDJSON: one object a line, the last without a newline; the handler can end it', async () => {
    const got: unknown[] = [];
    expect(await readMessages(body('{"r":"a"}\n{"r"', ':"b"}\n\n{"r":"c","done":true}'), 'ndjson', (d) => void got.push(d))).toBe(false);
    expect(got).toEqual([{ r: 'a' }, { r: 'b' }, { r: 'c', done: true }]);
    expect(await readMessages(body('{"done":true}\n{"x":1}\n'), 'ndjson', (d) => (d as { done?: boolean }).done === true)).toBe(true);
  });

  it('an HTML page or any other text fails as not JSON', async () => {
    await expect(readMessages(body('data: <html>502 Bad Gateway</html>\n\n'), 'sse', () => undefined)).rejects.toBeInstanceOf(NotJsonError);
    await expect(readMessages(body('<html>\n'), 'ndjson', () => undefined)).rejects.toThrow('not JSON: <html>');
  });
});
