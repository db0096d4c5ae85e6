// A server's streamed answer as a sequence of JSON messages: Server-Sent Events (OpenAI-style
// servers, llama.cpp, DeepSeek; parsed by eventsource-parser, comments and keep-alives skipped)
// or newline-delimited JSON (Ollama's native API).
import { createParser } from 'eventsource-parser';

export const FRAMINGS = ['sse', 'ndjson'] as const;
export type Framing = (typeof FRAMINGS)[number];

/** A line that is not JSON: the server is not speaking the protocol it was asked for. */
export class NotJsonError extends Error {
  constructor(readonly text: string) {
    super(`the server sent something that is not JSON: ${text.slice(0, 120)}`);
    this.name = 'NotJsonError';
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NotJsonError(text);
  }
}

/**
 * Calls `onMessage` with each JSON message of `body` until the stream ends, `[DONE]` arrives or
 * `onMessage` returns true (the answer is complete). Resolves with whether the end was seen:
 * false means the stream closed before `[DONE]` or a final message (a cut stream).
 */
export async function readMessages(body: ReadableStream<Uint8Array>, framing: Framing, onMessage: (data: unknown) => boolean | void): Promise<boolean> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let ended = false;
  let failure: unknown = null;
  const take = (text: string): void => {
    if (ended || failure) return;
    if (text === '[DONE]') {
      ended = true;
      return;
    }
    try {
      if (onMessage(parse(text)) === true) ended = true;
    } catch (err) {
      failure = err;
    }
  };
  let rest = '';
  const parser = createParser({ onEvent: (e) => take(e.data) });
  try {
    while (!ended && !failure) {
      const { done, value: bytes } = await reader.read();
      if (done) break;
      const value = decoder.decode(bytes, { stream: true });
      if (framing === 'sse') {
        parser.feed(value);
        continue;
      }
      const lines = (rest + value).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') take(line.trim());
    }
    if (framing === 'ndjson' && rest.trim() !== '' && !ended) take(rest.trim());
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  if (failure) throw failure;
  return ended;
}
