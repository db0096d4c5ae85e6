// The HTTP requests each kind of model server accepts, as plain data (url, headers, body), so
// they are unit-tested without a server: models, chat, a raw completion, and fill-in-the-middle
// in the four shapes servers really take.
import { buildFimPrompt, type FimInput } from '../../contract/prompts/fim.ts';
import { BOS_TEXT } from '../../contract/prompts/families.ts';
import type { StreamKind } from './chunks.ts';
import type { Framing } from './stream.ts';
import type { FimShape } from '../../contract/sets.ts';
export type { FimShape } from '../../contract/sets.ts';

export interface Endpoint {
  /** The OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1. */
  base: string;
  model: string;
  /** Sent as a bearer token; never stored by this module. */
  key?: string;
}

export interface Sampling {
  maxTokens: number;
  temperature: number;
  topP?: number;
  seed?: number;
  stop?: string[];
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** How to read the answer. */
  kind: StreamKind;
  framing: Framing;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A base URL with one trailing slash removed and a path joined. */
function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The server's root (the base without a trailing `/v1`), where `/infill`, `/beta` and `/api` live. */
export function serverRoot(base: string): string {
  return base.replace(/\/+$/, '').replace(/\/v1$/, '');
}

function headers(e: Endpoint, json: boolean): Record<string, string> {
  const h: Record<string, string> = { Accept: json ? 'text/event-stream, application/json' : 'application/json' };
  if (json) h['Content-Type'] = 'application/json';
  if (e.key) h.Authorization = `Bearer ${e.key}`;
  return h;
}

/** OpenAI's sampling fields, with usage asked for at the stream's end. */
function openAiBody(e: Endpoint, s: Sampling): Record<string, unknown> {
  return {
    model: e.model,
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: s.maxTokens,
    temperature: s.temperature,
    ...(s.topP !== undefined && s.topP < 1 ? { top_p: s.topP } : {}),
    ...(s.seed !== undefined ? { seed: s.seed } : {}),
    ...(s.stop?.length ? { stop: s.stop } : {}),
  };
}

export function modelsRequest(e: Omit<Endpoint, 'model'>): HttpRequest {
  return { url: join(e.base, 'models'), method: 'GET', headers: headers({ ...e, model: '' }, false), kind: 'openai-chat', framing: 'sse' };
}

export function chatRequest(e: Endpoint, messages: readonly ChatMessage[], s: Sampling): HttpRequest {
  const body = { ...openAiBody(e, s), messages };
  return { url: join(e.base, 'chat/completions'), method: 'POST', headers: headers(e, true), body: JSON.stringify(body), kind: 'openai-chat', framing: 'sse' };
}

/** A prompt continued as it is (seekpad's own template, a base model's document). */
export function completionRequest(e: Endpoint, prompt: string, s: Sampling): HttpRequest {
  const body = { ...openAiBody(e, s), prompt };
  return { url: join(e.base, 'completions'), method: 'POST', headers: headers(e, true), body: JSON.stringify(body), kind: 'openai-completion', framing: 'sse' };
}

/** About 3.5 characters a token for code: servers count exactly; this only sizes the request. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 3.5);

export function fimRequest(e: Endpoint, shape: FimShape, input: FimInput, s: Sampling): HttpRequest {
  const built = buildFimPrompt(input, estimateTokens);
  const prefix = input.prefix.slice(built.parts.prefixStart);
  const suffix = input.suffix.slice(0, built.parts.suffixEnd);
  const stop = [...(s.stop ?? []), ...built.stop];
  // Servers put their own BOS before a prompt they tokenize: a spelled-out one would be a second.
  const psm = built.prompt.startsWith(BOS_TEXT) ? built.prompt.slice(BOS_TEXT.length) : built.prompt;
  if (shape === 'raw') return completionRequest(e, psm, { ...s, stop });
  if (shape === 'deepseek-beta') {
    const body = { ...openAiBody(e, s), prompt: prefix, suffix };
    return { url: join(serverRoot(e.base), 'beta/completions'), method: 'POST', headers: headers(e, true), body: JSON.stringify(body), kind: 'openai-completion', framing: 'sse' };
  }
  if (shape === 'llamacpp-infill') {
    const extra = input.files.filter((f) => built.parts.contextFiles.includes(f.path)).map((f) => ({ filename: f.path, text: f.text }));
    const body = { input_prefix: prefix, input_suffix: suffix, input_extra: extra, prompt: '', n_predict: s.maxTokens, temperature: s.temperature, stream: true, cache_prompt: true, ...(s.stop?.length ? { stop: s.stop } : {}) };
    return { url: join(serverRoot(e.base), 'infill'), method: 'POST', headers: headers(e, true), body: JSON.stringify(body), kind: 'llamacpp-infill', framing: 'sse' };
  }
  const body = { model: e.model, prompt: psm, raw: true, stream: true, options: { num_predict: s.maxTokens, temperature: s.temperature, stop } };
  return { url: join(serverRoot(e.base), 'api/generate'), method: 'POST', headers: headers(e, true), body: JSON.stringify(body), kind: 'ollama-generate', framing: 'ndjson' };
}
