// The article's bigger models, ready to point at a server: each preset's prompt family, what it
// is for, and the commands that serve it (vLLM, SGLang, llama.cpp, Ollama) with this page's
// origin let in. From the model cards and each server's docs (README, "Model servers").
import type { Family } from '../../contract/sets.ts';

export const PRESET_USES = ['fim', 'chat', 'math', 'prover', 'esft'] as const;
export type PresetUse = (typeof PRESET_USES)[number];

export interface ServerPreset {
  key: string;
  /** The model's own name: not translated. */
  label: string;
  hub: string;
  family: Family;
  use: PresetUse;
  /** Its name on vLLM and SGLang (`--served-model-name`), and its Ollama tag when the library has one. */
  served: string;
  ollama?: string;
  /** A GGUF for `llama-server -hf`. */
  gguf?: string;
  contextTokens: number;
  vllmFlags?: string;
  /** Served from a folder the user builds first (ESFT's expert sets are partial checkpoints). */
  localPath?: string;
}

const V2 = '--trust-remote-code';

export const SERVER_PRESETS: readonly ServerPreset[] = [
  { key: 'coder-6.7b-base', label: 'DeepSeek-Coder 6.7B base', hub: 'deepseek-ai/deepseek-coder-6.7b-base', family: 'deepseek-coder', use: 'fim', served: 'deepseek-coder-6.7b-base', ollama: 'deepseek-coder:6.7b-base', gguf: 'TheBloke/deepseek-coder-6.7B-base-GGUF:Q4_K_M', contextTokens: 16384 },
  { key: 'coder-6.7b-instruct', label: 'DeepSeek-Coder 6.7B instruct', hub: 'deepseek-ai/deepseek-coder-6.7b-instruct', family: 'deepseek-coder', use: 'chat', served: 'deepseek-coder-6.7b-instruct', ollama: 'deepseek-coder:6.7b-instruct', gguf: 'TheBloke/deepseek-coder-6.7B-instruct-GGUF:Q4_K_M', contextTokens: 16384 },
  { key: 'coder-33b-base', label: 'DeepSeek-Coder 33B base', hub: 'deepseek-ai/deepseek-coder-33b-base', family: 'deepseek-coder', use: 'fim', served: 'deepseek-coder-33b-base', ollama: 'deepseek-coder:33b-base', gguf: 'TheBloke/deepseek-coder-33B-base-GGUF:Q4_K_M', contextTokens: 16384, vllmFlags: '--tensor-parallel-size 2' },
  { key: 'coder-33b-instruct', label: 'DeepSeek-Coder 33B instruct', hub: 'deepseek-ai/deepseek-coder-33b-instruct', family: 'deepseek-coder', use: 'chat', served: 'deepseek-coder-33b-instruct', ollama: 'deepseek-coder:33b-instruct', gguf: 'TheBloke/deepseek-coder-33B-instruct-GGUF:Q4_K_M', contextTokens: 16384, vllmFlags: '--tensor-parallel-size 2' },
  { key: 'coder-v2-lite-base', label: 'DeepSeek-Coder-V2-Lite base (16B MoE)', hub: 'deepseek-ai/DeepSeek-Coder-V2-Lite-Base', family: 'deepseek-coder', use: 'fim', served: 'deepseek-coder-v2-lite-base', ollama: 'deepseek-coder-v2:16b-lite-base-q4_0', contextTokens: 32768, vllmFlags: V2 },
  { key: 'coder-v2-lite-instruct', label: 'DeepSeek-Coder-V2-Lite instruct (16B MoE)', hub: 'deepseek-ai/DeepSeek-Coder-V2-Lite-Instruct', family: 'deepseek-coder', use: 'chat', served: 'deepseek-coder-v2-lite-instruct', ollama: 'deepseek-coder-v2:16b-lite-instruct-q4_K_M', gguf: 'bartowski/DeepSeek-Coder-V2-Lite-Instruct-GGUF:Q4_K_M', contextTokens: 32768, vllmFlags: V2 },
  { key: 'math-7b-instruct', label: 'DeepSeek-Math 7B instruct', hub: 'deepseek-ai/deepseek-math-7b-instruct', family: 'deepseek-math', use: 'math', served: 'deepseek-math-7b-instruct', contextTokens: 4096 },
  { key: 'math-7b-rl', label: 'DeepSeek-Math 7B RL', hub: 'deepseek-ai/deepseek-math-7b-rl', family: 'deepseek-math', use: 'math', served: 'deepseek-math-7b-rl', contextTokens: 4096 },
  // Its chat template is the server's; no system prompt, as for Math (the family's default).
  { key: 'prover-v2-7b', label: 'DeepSeek-Prover-V2 7B (Lean 4)', hub: 'deepseek-ai/DeepSeek-Prover-V2-7B', family: 'deepseek-math', use: 'prover', served: 'deepseek-prover-v2-7b', gguf: 'irmma/DeepSeek-Prover-V2-7B-Q4_K_M-GGUF', contextTokens: 32768 },
  // ESFT's models speak DeepSeek-V2's "User: …\n\nAssistant:" format, the Math family's.
  { key: 'esft-vanilla-lite', label: 'ESFT vanilla-lite (DeepSeek-V2-Lite base of the experts)', hub: 'deepseek-ai/ESFT-vanilla-lite', family: 'deepseek-math', use: 'chat', served: 'esft-vanilla-lite', contextTokens: 4096, vllmFlags: V2 },
  { key: 'esft-token-code-lite', label: 'ESFT expert: token-code-lite (merged into vanilla-lite)', hub: 'deepseek-ai/ESFT-token-code-lite', family: 'deepseek-math', use: 'esft', served: 'esft-token-code-lite', contextTokens: 4096, vllmFlags: V2, localPath: './ESFT-token-code-lite-merged' },
];

export interface ServeCommand {
  server: 'vLLM' | 'SGLang' | 'llama.cpp' | 'Ollama';
  command: string;
}

/** The commands that serve `p` to a page at `origin` (each server's CORS setting included). */
export function serveCommands(p: ServerPreset, origin: string): ServeCommand[] {
  const model = p.localPath ?? p.hub;
  const out: ServeCommand[] = [
    { server: 'vLLM', command: `vllm serve ${model} --served-model-name ${p.served} --max-model-len ${p.contextTokens}${p.vllmFlags ? ` ${p.vllmFlags}` : ''} --allowed-origins '["${origin}"]'` },
    // SGLang lets every origin in.
    { server: 'SGLang', command: `python -m sglang.launch_server --model-path ${model} --served-model-name ${p.served} --port 30000${p.vllmFlags?.includes(V2) ? ` ${V2}` : ''}` },
  ];
  if (p.gguf) out.push({ server: 'llama.cpp', command: `llama-server -hf ${p.gguf} -c ${p.contextTokens} --port 8080` });
  if (p.ollama) out.push({ server: 'Ollama', command: `OLLAMA_ORIGINS=${origin} OLLAMA_CONTEXT_LENGTH=${p.contextTokens} ollama serve  # then: ollama pull ${p.ollama}` });
  return out;
}

/** The preset's name on a server at `endpoint`: Ollama's tag on Ollama's port, else the served name. */
export function presetModelName(p: ServerPreset, endpoint: string): string {
  return p.ollama && /:11434(\/|$)/.test(endpoint) ? p.ollama : p.served;
}
