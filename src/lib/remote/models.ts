// `GET /models`: the names a server serves, as OpenAI's list (`{ data: [{ id }] }`), which vLLM,
// SGLang, llama.cpp, Ollama's /v1 and DeepSeek's API all answer.
import { fetchJson, RemoteError } from './client.ts';
import type { HttpRequest } from './requests.ts';

export async function listModels(req: HttpRequest, signal: AbortSignal, fetcher: typeof fetch = fetch): Promise<string[]> {
  const body = await fetchJson(req, signal, fetcher);
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new RemoteError('not-openai', 'the model list has no `data` array');
  return data.map((m) => (m as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string');
}
