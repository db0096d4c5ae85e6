import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../../contract/sets.ts';
import { presetModelName, SERVER_PRESETS, serveCommands } from './presets.ts';

const ORIGIN = 'https://seekpad.example';

describe('server presets', () => {
  it('cover the article\'s bigger models, each with a family and a command per server that has it', () => {
    expect(SERVER_PRESETS.map((p) => p.hub)).toEqual(
      expect.arrayContaining(['deepseek-ai/deepseek-coder-6.7b-base', 'deepseek-ai/deepseek-coder-33b-instruct', 'deepseek-ai/DeepSeek-Coder-V2-Lite-Base', 'deepseek-ai/deepseek-math-7b-rl', 'deepseek-ai/DeepSeek-Prover-V2-7B', 'deepseek-ai/ESFT-vanilla-lite']),
    );
    expect(new Set(SERVER_PRESETS.map((p) => p.key)).size).toBe(SERVER_PRESETS.length);
    for (const p of SERVER_PRESETS) {
      expect(FAMILIES).toContain(p.family);
      const servers = serveCommands(p, ORIGIN).map((c) => c.server);
      expect(servers).toEqual(['vLLM', 'SGLang', ...(p.gguf ? ['llama.cpp'] : []), ...(p.ollama ? ['Ollama'] : [])]);
    }
  });

  it("lets this page's origin in where a server needs telling, and names the model as each server will", () => {
    const v2 = SERVER_PRESETS.find((p) => p.key === 'coder-v2-lite-base')!;
    const [vllm, sglang, ollama] = serveCommands(v2, ORIGIN);
    expect(vllm.command).toBe(`vllm serve deepseek-ai/DeepSeek-Coder-V2-Lite-Base --served-model-name deepseek-coder-v2-lite-base --max-model-len 32768 --trust-remote-code --allowed-origins '["${ORIGIN}"]'`);
    expect(sglang.command).toContain('--trust-remote-code');
    expect(ollama.command).toContain(`OLLAMA_ORIGINS=${ORIGIN} `);
    expect(presetModelName(v2, 'http://127.0.0.1:11434/v1')).toBe('deepseek-coder-v2:16b-lite-base-q4_0');
    expect(presetModelName(v2, 'http://127.0.0.1:8000/v1')).toBe('deepseek-coder-v2-lite-base');
    // An ESFT expert set is served from the folder it was merged into.
    const esft = SERVER_PRESETS.find((p) => p.use === 'esft')!;
    expect(serveCommands(esft, ORIGIN)[0].command).toMatch(/^vllm serve \.\/ESFT-token-code-lite-merged /);
  });
});
