import { describe, expect, it } from 'vitest';
import { UnexpectedAnswerError, decodePiece } from './chunks.ts';

describe('decodePiece', () => {
  it('OpenAI chat chunks: the delta, the finish, the usage chunk with no choices, reasoning apart', () => {
    expect(decodePiece('openai-chat', { choices: [{ index: 0, delta: { role: 'assistant', content: 'Hel' }, finish_reason: null }] })).toMatchObject({ text: 'Hel', finish: null, usage: null, final: false });
    expect(decodePiece('openai-chat', { choices: [{ index: 0, delta: {}, finish_reason: 'length' }] })).toMatchObject({ text: '', finish: 'length' });
    expect(decodePiece('openai-chat', { choices: [], usage: { prompt_tokens: 12, completion_tokens: 40, total_tokens: 52 } }).usage).toEqual({ promptTokens: 12, completionTokens: 40 });
    expect(decodePiece('openai-chat', { choices: [{ delta: { reasoning_content: 'hmm' } }] })).toMatchObject({ text: '', reasoning: 'hmm' });
  });

  it('OpenAI completion chunks carry choices[].text', () => {
    expect(decodePiece('openai-completion', { object: 'text_completion', choices: [{ index: 0, text: 'def ', finish_reason: null }] }).text).toBe('def ');
  });

  it("llama.cpp's /infill: content until stop, then the counts", () => {
    expect(decodePiece('llamacpp-infill', { content: '  return', stop: false })).toMatchObject({ text: '  return', final: false });
    expect(decodePiece('llamacpp-infill', { content: '', stop: true, stop_type: 'limit', tokens_evaluated: 30, tokens_predicted: 16 })).toMatchObject({ final: true, finish: 'length', usage: { promptTokens: 30, completionTokens: 16 } });
  });

  it("Ollama's /api/generate: response until done, then the counts", () => {
    expect(decodePiece('ollama-generate', { response: 'x', done: false })).toMatchObject({ text: 'x', final: false });
    expect(decodePiece('ollama-generate', { response: '', done: true, done_reason: 'stop', prompt_eval_count: 9, eval_count: 3 })).toMatchObject({ final: true, finish: 'stop', usage: { promptTokens: 9, completionTokens: 3 } });
  });

  it('errors in each shape end the stream with their message and code', () => {
    expect(decodePiece('openai-chat', { error: { message: 'model not found', type: 'NotFoundError', code: 404 } }).error).toEqual({ message: 'model not found', code: 404 });
    expect(decodePiece('openai-completion', { object: 'error', message: 'suffix is not currently supported', code: 400 }).error).toEqual({ message: 'suffix is not currently supported', code: 400 });
    expect(decodePiece('ollama-generate', { error: 'raw mode does not support template' })).toMatchObject({ final: true, error: { message: 'raw mode does not support template', code: null } });
    expect(decodePiece('openai-chat', { error: { message: 'Insufficient Balance', code: 'invalid_request_error' } }).error?.code).toBe('invalid_request_error');
  });

  it('anything else is not the stream that was asked for', () => {
    expect(() => decodePiece('openai-chat', { text: 'hi' })).toThrow(UnexpectedAnswerError);
    expect(() => decodePiece('llamacpp-infill', [1, 2])).toThrow('not a llamacpp-infill stream');
    expect(() => decodePiece('ollama-generate', { message: 'hi' })).toThrow(UnexpectedAnswerError);
  });
});
