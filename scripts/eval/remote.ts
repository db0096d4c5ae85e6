// `npm run eval -- --endpoint`: the same runner asking a model server instead of the local engine.
// Chat-format problems go to /chat/completions as the user's turn (the server applies its own
// template); completion-format ones go to /completions as the prompt seekpad built.
import type { GenerateResult } from '../../src/contract/engine-api.ts';
import { BOS_TEXT } from '../../src/contract/prompts/families.ts';
import type { EvalPrompt } from '../../src/lib/eval/prompts.ts';
import { RemoteError, streamRequest } from '../../src/lib/remote/client.ts';
import { chatRequest, completionRequest, type Endpoint } from '../../src/lib/remote/requests.ts';

export interface RemoteGenerator {
  generate(p: EvalPrompt, maxNewTokens: number): Promise<GenerateResult>;
  interrupt(): void;
}

export function remoteGenerator(endpoint: Endpoint): RemoteGenerator {
  let stop = new AbortController();
  return {
    async generate(p, maxNewTokens) {
      stop = new AbortController();
      const sampling = { maxTokens: maxNewTokens, temperature: 0, stop: p.stop };
      const req = p.userTurn
        ? chatRequest(endpoint, [{ role: 'user', content: p.userTurn }], sampling)
        : completionRequest(endpoint, p.prompt.startsWith(BOS_TEXT) ? p.prompt.slice(BOS_TEXT.length) : p.prompt, sampling);
      const t0 = performance.now();
      let ttft = 0;
      try {
        const r = await streamRequest(req, () => (ttft ||= performance.now() - t0), stop.signal);
        const totalMs = performance.now() - t0;
        const generated = r.usage?.completionTokens ?? Math.ceil(r.text.length / 3.5);
        return {
          text: r.text,
          prompt: '',
          stopReason: r.finish === 'length' ? 'max-tokens' : 'eos',
          stats: { promptTokens: r.usage?.promptTokens ?? 0, generatedTokens: generated, ttftMs: ttft, totalMs, tokensPerSecond: generated / Math.max(totalMs / 1000, 1e-3), tokensAfterInterrupt: null, reusedTokens: 0 },
        };
      } catch (err) {
        if (err instanceof RemoteError && err.code === 'aborted') {
          return { text: err.details.partial ?? '', prompt: '', stopReason: 'interrupted', stats: { promptTokens: 0, generatedTokens: 0, ttftMs: 0, totalMs: 0, tokensPerSecond: 0, tokensAfterInterrupt: null, reusedTokens: 0 } };
        }
        throw err;
      }
    },
    interrupt: () => stop.abort(),
  };
}
