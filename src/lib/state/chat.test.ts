// What the chat keeps when an answer fails: the text that arrived (marked cut), or, when nothing
// did, the question back in the message box so the log still alternates and a retry works.
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../contract/errors.ts';
import type { GenerateChunk, GenerateRequest, GenerateResult } from '../../contract/engine-api.ts';
import { ChatState } from './chat.svelte.ts';
import type { EngineState } from './engine.svelte.ts';
import { GenerationSettings } from './settings.svelte.ts';

type Answer = (req: GenerateRequest, onChunk?: (c: GenerateChunk) => void) => Promise<GenerateResult | null>;

function chatWith(answers: Answer[]): ChatState {
  const engine = { request: (req: GenerateRequest, onChunk?: (c: GenerateChunk) => void) => answers.shift()!(req, onChunk) } as unknown as EngineState;
  return new ChatState(engine, new GenerationSettings(), () => 'deepseek-coder');
}

const fails: Answer = () => Promise.reject(EngineError.of('server_rate_limited', { endpoint: 'http://s/v1', seconds: 7 }));
const breaksOff: Answer = (_req, onChunk) => {
  onChunk?.({ delta: 'Here is', generatedTokens: 2, ttftMs: 1, tokensPerSecond: 1 });
  return Promise.reject(EngineError.of('server_cut', { endpoint: 'http://s/v1', detail: 'socket closed' }));
};
const answers: Answer = (req) => Promise.resolve({ text: 'ok', prompt: req.prompt, stopReason: 'eos', stats: { promptTokens: 1, generatedTokens: 1, ttftMs: 1, totalMs: 1, tokensPerSecond: 1, tokensAfterInterrupt: null, reusedTokens: 0 } });

describe('ChatState when an answer fails', () => {
  it('keeps what arrived, marked cut', async () => {
    const chat = chatWith([breaksOff]);
    await chat.send('Write a function that reverses a string.');
    expect(chat.turns.map((t) => [t.role, t.content, t.cut ?? false])).toEqual([
      ['user', 'Write a function that reverses a string.', false],
      ['assistant', 'Here is', true],
    ]);
    expect(chat.error?.name).toBe('ServerError');
  });

  it('with nothing arrived, puts the question back in the box; the next send goes as a new turn', async () => {
    const chat = chatWith([fails, answers]);
    await chat.send('first question');
    expect(chat.turns).toEqual([]);
    expect(chat.draft).toBe('first question');
    await chat.send();
    expect(chat.turns.map((t) => [t.role, t.content])).toEqual([
      ['user', 'first question'],
      ['assistant', 'ok'],
    ]);
    expect(chat.draft).toBe('');
  });
});
