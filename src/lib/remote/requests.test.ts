import { describe, expect, it } from 'vitest';
import type { FimInput } from '../../contract/prompts/fim.ts';
import { FIM_BEGIN_TEXT, FIM_END_TEXT, FIM_HOLE_TEXT } from '../../contract/prompts/families.ts';
import { guessFimShape } from './guess.ts';
import { chatRequest, completionRequest, fimRequest, modelsRequest, serverRoot, type Endpoint } from './requests.ts';

const vllm: Endpoint = { base: 'http://127.0.0.1:8000/v1/', model: 'deepseek-coder-6.7b-base' };
const sampling = { maxTokens: 64, temperature: 0 };
const fim: FimInput = {
  family: 'deepseek-coder',
  path: 'main.py',
  language: 'python',
  prefix: 'def add(a, b):\n    ',
  suffix: '\n\nprint(add(1, 2))\n',
  files: [{ path: 'util.py', text: 'def helper():\n    return 1\n' }],
  budgetTokens: 2048,
};
const body = (r: { body?: string }) => JSON.parse(r.body ?? 'null') as Record<string, unknown>;

describe('model server requests', () => {
  it('lists models; the key, when given, is a bearer token and nothing else carries it', () => {
    expect(modelsRequest({ base: vllm.base })).toMatchObject({ url: 'http://127.0.0.1:8000/v1/models', method: 'GET' });
    expect(modelsRequest({ base: vllm.base }).headers.Authorization).toBeUndefined();
    const r = chatRequest({ ...vllm, key: 'sk-secret' }, [{ role: 'user', content: 'hi' }], sampling);
    expect(r.headers.Authorization).toBe('Bearer sk-secret');
    expect(r.url + r.body).not.toContain('sk-secret');
  });

  it('chat streams from /chat/completions with usage asked for', () => {
    const r = chatRequest(vllm, [{ role: 'user', content: 'hi' }], { ...sampling, stop: ['<|EOT|>'], topP: 0.9, seed: 3 });
    expect(r).toMatchObject({ url: 'http://127.0.0.1:8000/v1/chat/completions', method: 'POST', kind: 'openai-chat', framing: 'sse' });
    expect(body(r)).toEqual({ model: vllm.model, stream: true, stream_options: { include_usage: true }, max_tokens: 64, temperature: 0, top_p: 0.9, seed: 3, stop: ['<|EOT|>'], messages: [{ role: 'user', content: 'hi' }] });
  });

  it('a raw completion sends the prompt as it is', () => {
    expect(body(completionRequest(vllm, 'def f(', sampling))).toMatchObject({ prompt: 'def f(', max_tokens: 64 });
  });

  it('FIM raw (vLLM, SGLang): the PSM prompt seekpad builds, no suffix field, the markers as stops', () => {
    const b = body(fimRequest(vllm, 'raw', fim, sampling));
    expect(b.suffix).toBeUndefined();
    const prompt = b.prompt as string;
    expect(prompt.startsWith(FIM_BEGIN_TEXT)).toBe(true);
    expect(prompt.indexOf(FIM_BEGIN_TEXT)).toBeLessThan(prompt.indexOf(FIM_HOLE_TEXT));
    expect(prompt.endsWith(`${FIM_HOLE_TEXT}${fim.suffix}${FIM_END_TEXT}`)).toBe(true);
    expect(prompt).toContain('def helper()');
    expect(b.stop).toEqual(expect.arrayContaining([FIM_BEGIN_TEXT, FIM_HOLE_TEXT, FIM_END_TEXT]));
  });

  it("FIM on DeepSeek's API: /beta/completions with prompt and suffix", () => {
    const r = fimRequest({ base: 'https://api.deepseek.com/v1', model: 'deepseek-chat', key: 'k' }, 'deepseek-beta', fim, sampling);
    expect(r.url).toBe('https://api.deepseek.com/beta/completions');
    expect(body(r)).toMatchObject({ model: 'deepseek-chat', prompt: fim.prefix, suffix: fim.suffix, stream: true });
  });

  it("FIM on llama.cpp: /infill with the other files as input_extra", () => {
    const r = fimRequest({ base: 'http://127.0.0.1:8080/v1', model: 'x' }, 'llamacpp-infill', fim, sampling);
    expect(r).toMatchObject({ url: 'http://127.0.0.1:8080/infill', kind: 'llamacpp-infill', framing: 'sse' });
    expect(body(r)).toMatchObject({ input_prefix: fim.prefix, input_suffix: fim.suffix, input_extra: [{ filename: 'util.py', text: fim.files[0].text }], n_predict: 64, stream: true });
  });

  it("FIM on Ollama: /api/generate, raw, NDJSON", () => {
    const r = fimRequest({ base: 'http://127.0.0.1:11434/v1', model: 'deepseek-coder:6.7b-base' }, 'ollama-raw', fim, sampling);
    expect(r).toMatchObject({ url: 'http://127.0.0.1:11434/api/generate', kind: 'ollama-generate', framing: 'ndjson' });
    expect(body(r)).toMatchObject({ model: 'deepseek-coder:6.7b-base', raw: true, stream: true, options: { num_predict: 64, temperature: 0 } });
  });

  it('a long file is cut to the budget around the cursor, as the browser engine cuts it', () => {
    const long = { ...fim, prefix: 'x = 1\n'.repeat(5000) + 'def add(a, b):\n    ', budgetTokens: 512 };
    const b = body(fimRequest(vllm, 'deepseek-beta', long, sampling));
    expect((b.prompt as string).length).toBeLessThan(long.prefix.length);
    expect((b.prompt as string).endsWith('def add(a, b):\n    ')).toBe(true);
  });

  it('guesses the shape from the address; the root drops /v1', () => {
    expect(guessFimShape('https://api.deepseek.com')).toBe('deepseek-beta');
    expect(guessFimShape('http://localhost:11434/v1')).toBe('ollama-raw');
    expect(guessFimShape('http://10.0.0.2:8000/v1')).toBe('raw');
    expect(guessFimShape('not a url')).toBe('raw');
    expect(serverRoot('http://h:8080/v1/')).toBe('http://h:8080');
  });
});
