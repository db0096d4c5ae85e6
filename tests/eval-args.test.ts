// `npm run eval`'s arguments: what each mode needs, and a clear refusal of anything else.
import { describe, expect, it } from 'vitest';
import { parseEvalArgs } from '../scripts/eval/args.ts';

describe('npm run eval arguments', () => {
  it('reads a model run with its defaults', () => {
    expect(parseEvalArgs(['--set', 'gsm8k', '--model', 'deepseek-coder-1.3b-instruct', '--limit', '20', '--seed', '7'])).toEqual({
      kind: 'model',
      set: 'gsm8k',
      model: 'deepseek-coder-1.3b-instruct',
      host: undefined,
      endpoint: undefined,
      limit: 20,
      seed: 7,
      format: undefined,
      family: undefined,
      dtype: 'auto',
      maxTokens: undefined,
      timeLimitMs: 10_000,
      out: undefined,
    });
  });

  it('reads a file to score: HumanEval outputs are completions unless told', () => {
    expect(parseEvalArgs(['--set', 'humaneval', '--score', 'a.jsonl'])).toEqual({ kind: 'score', set: 'humaneval', file: 'a.jsonl', format: 'completion', timeLimitMs: 10_000 });
    expect(parseEvalArgs(['--set', 'humaneval', '--score', 'a.jsonl', '--format', 'chat', '--time-limit', '2.5'])).toMatchObject({ format: 'chat', timeLimitMs: 2500 });
  });

  it('refuses what it cannot do, saying why', () => {
    expect(() => parseEvalArgs(['--model', 'x'])).toThrow('--set is required');
    expect(() => parseEvalArgs(['--set', 'mbpp', '--model', 'x'])).toThrow('--set must be one of humaneval, gsm8k, math500');
    expect(() => parseEvalArgs(['--set', 'gsm8k'])).toThrow('--model is required');
    expect(() => parseEvalArgs(['--set', 'gsm8k', '--model', 'x', '--limit', '0'])).toThrow('--limit must be a whole number of at least 1');
    expect(() => parseEvalArgs(['--set', 'gsm8k', '--model', 'x', '--host', 'ftp://h'])).toThrow('--host must be an http(s) URL');
    expect(() => parseEvalArgs(['--set', 'gsm8k', '--score', 'f', '--model', 'x'])).toThrow('leave out --model');
    expect(() => parseEvalArgs(['--set', 'gsm8k', '--model', 'x', '--time-limit', '0'])).toThrow('--time-limit');
    expect(() => parseEvalArgs(['--set', 'gsm8k', '--model', 'x', '--bogus'])).toThrow();
    expect(() => parseEvalArgs(['--set', 'gsm8k', '--model', 'x', '--endpoint', 'localhost:8000'])).toThrow('--endpoint must be an http(s) URL');
    expect(() => parseEvalArgs(['--set', 'gsm8k', '--model', 'x', '--endpoint', 'http://h/v1', '--dtype', 'q8'])).toThrow('leave out --host and --dtype');
    expect(parseEvalArgs(['--set', 'gsm8k', '--model', 'x', '--endpoint', 'http://h/v1'])).toMatchObject({ endpoint: 'http://h/v1' });
  });
});
