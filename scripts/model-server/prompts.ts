// What the test model server asks its engine for, from each request shape: a chat turned into
// the family's template (as vLLM applies the model's), a raw prompt, or a FIM request turned into
// the PSM prompt (as DeepSeek's /beta/completions and llama.cpp's /infill do).
import { buildFimPrompt } from '../../src/contract/prompts/fim.ts';
import type { Family } from '../../src/contract/sets.ts';
import { buildChatPrompt } from '../../src/lib/prompts/instruct.ts';

export interface Asked {
  prompt: string;
  addSpecialTokens: boolean;
  stop: string[];
}

type Obj = Record<string, unknown>;

export function chatAsk(family: Family, body: Obj): Asked {
  const messages = Array.isArray(body.messages) ? (body.messages as { role: string; content: string }[]) : [];
  const system = messages.find((m) => m.role === 'system')?.content;
  const turns = messages.filter((m) => m.role === 'user' || m.role === 'assistant').map((m) => ({ role: m.role as 'user' | 'assistant', content: String(m.content) }));
  const built = buildChatPrompt(family, { system, turns });
  return { prompt: built.prompt, addSpecialTokens: false, stop: built.stop };
}

export function fimAsk(family: Family, prefix: string, suffix: string, files: { path: string; text: string }[]): Asked {
  const built = buildFimPrompt({ family, path: 'main.py', language: 'python', prefix, suffix, files, budgetTokens: 4096 }, (t) => Math.ceil(t.length / 3.5));
  // The prompt spells out BOS itself.
  return { prompt: built.prompt, addSpecialTokens: false, stop: built.stop };
}

/** The sampling fields every shape shares, in OpenAI's names or llama.cpp's and Ollama's. */
export function sampling(body: Obj): { maxNewTokens: number; temperature: number; stop: string[] } {
  const options = (body.options ?? {}) as Obj;
  const max = body.max_tokens ?? body.n_predict ?? options.num_predict ?? 64;
  const stop = body.stop ?? options.stop ?? [];
  return {
    maxNewTokens: typeof max === 'number' && max > 0 ? Math.min(max, 2048) : 64,
    temperature: typeof (body.temperature ?? options.temperature) === 'number' ? Number(body.temperature ?? options.temperature) : 0,
    stop: Array.isArray(stop) ? stop.map(String) : typeof stop === 'string' ? [stop] : [],
  };
}
