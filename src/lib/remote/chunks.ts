// One streamed message of a server, whatever its dialect, as text, an end, token counts or an
// error: OpenAI's chat and completion chunks (vLLM, SGLang, llama.cpp's /v1, Ollama's /v1,
// DeepSeek), llama.cpp's /infill and Ollama's /api/generate.

export const STREAM_KINDS = ['openai-chat', 'openai-completion', 'llamacpp-infill', 'ollama-generate'] as const;
export type StreamKind = (typeof STREAM_KINDS)[number];

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface StreamPiece {
  text: string;
  /** DeepSeek's reasoner and llama.cpp's deepseek reasoning format send the thinking apart. */
  reasoning: string;
  /** 'stop', 'length', …: set on the message that ends the answer. */
  finish: string | null;
  usage: Usage | null;
  /** The server's own last message (llama.cpp's stop, Ollama's done): nothing follows. */
  final: boolean;
  error: { message: string; code: string | number | null } | null;
}

/** A message that is JSON but none of the shapes asked for (a proxy's page, another API). */
export class UnexpectedAnswerError extends Error {
  constructor(kind: StreamKind, data: unknown) {
    super(`the server's answer is not a ${kind} stream: ${JSON.stringify(data)?.slice(0, 160)}`);
    this.name = 'UnexpectedAnswerError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function piece(over: Partial<StreamPiece>): StreamPiece {
  return { text: '', reasoning: '', finish: null, usage: null, final: false, error: null, ...over };
}

/** `{"error": {...}}`, `{"error": "..."}` or the flat `{"object": "error", ...}` of older servers. */
function errorOf(d: Obj): StreamPiece['error'] {
  const e = d.error ?? (d.object === 'error' ? d : undefined);
  if (e === undefined || e === null) return null;
  if (typeof e === 'string') return { message: e, code: null };
  if (!isObj(e)) return { message: JSON.stringify(e), code: null };
  const code = typeof e.code === 'string' || typeof e.code === 'number' ? e.code : null;
  return { message: str(e.message) || JSON.stringify(e), code };
}

function usageOf(prompt: unknown, completion: unknown): Usage | null {
  const p = num(prompt);
  const c = num(completion);
  return p === null || c === null ? null : { promptTokens: p, completionTokens: c };
}

export function decodePiece(kind: StreamKind, data: unknown): StreamPiece {
  if (!isObj(data)) throw new UnexpectedAnswerError(kind, data);
  const error = errorOf(data);
  if (error) return piece({ error, final: true });
  if (kind === 'openai-chat' || kind === 'openai-completion') {
    if (!Array.isArray(data.choices)) throw new UnexpectedAnswerError(kind, data);
    const choice: Obj = isObj(data.choices[0]) ? data.choices[0] : {};
    const delta: Obj = isObj(choice.delta) ? choice.delta : {};
    const u = isObj(data.usage) ? usageOf(data.usage.prompt_tokens, data.usage.completion_tokens) : null;
    return piece({
      text: kind === 'openai-chat' ? str(delta.content) : str(choice.text),
      reasoning: str(delta.reasoning_content) || str(delta.reasoning),
      finish: typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
      usage: u,
    });
  }
  if (kind === 'llamacpp-infill') {
    if (!('content' in data)) throw new UnexpectedAnswerError(kind, data);
    const final = data.stop === true;
    return piece({
      text: str(data.content),
      final,
      finish: final ? (data.stop_type === 'limit' ? 'length' : 'stop') : null,
      usage: final ? usageOf(data.tokens_evaluated, data.tokens_predicted) : null,
    });
  }
  if (!('response' in data) && !('done' in data)) throw new UnexpectedAnswerError(kind, data);
  const final = data.done === true;
  return piece({
    text: str(data.response),
    final,
    finish: final ? str(data.done_reason) || 'stop' : null,
    usage: final ? usageOf(data.prompt_eval_count, data.eval_count) : null,
  });
}
