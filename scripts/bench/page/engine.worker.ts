// The app's own Engine in a worker, called directly (no Comlink, no page UI): tells the engine's
// per-token cost apart from what Comlink and rendering add on the app path.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import { Engine } from '../../../workers/engine/engine.ts';
import type { GenerateResult } from '../../../src/contract/engine-api.ts';
import type { RunTiming } from '../protocol.ts';
import { absolute, answer } from './rpc.ts';

const engine = new Engine({ wasmPaths: { mjs: absolute(ortMjsUrl), wasm: absolute(ortWasmUrl) } });

answer({
  async load(r) {
    // The Engine picks its thread count itself, by the same rule as in the app.
    const info = await engine.load({ id: r.modelId, host: r.host, device: r.device, dtype: r.dtype });
    return {
      loadMs: info.loadMs,
      tokenizerMs: 0,
      warmupMs: info.warmupMs,
      threads: info.capabilities.wasmThreads,
      crossOriginIsolated: info.capabilities.crossOriginIsolated,
    };
  },
  async generate(prompt, maxNewTokens, drafts = false) {
    return timing(await engine.generate({ prompt, maxNewTokens, temperature: 0, drafts }));
  },
  async fim(run) {
    // The app's completion request: its FIM builder, a budget that fits the whole file.
    const fim = { family: 'deepseek-coder' as const, path: 'a.py', language: 'python', prefix: run.prefix, suffix: run.suffix, files: [], budgetTokens: 8192 };
    return timing(await engine.generate({ prompt: '', fim, maxNewTokens: run.maxNewTokens, temperature: 0, reuseCache: run.reuseCache }));
  },
});

function timing({ text, stats, drafts }: GenerateResult): RunTiming {
  return {
    ttftMs: stats.ttftMs,
    tokensPerSecond: stats.tokensPerSecond,
    generatedTokens: stats.generatedTokens,
    promptTokens: stats.promptTokens,
    totalMs: stats.totalMs,
    text,
    reusedTokens: stats.reusedTokens,
    ...(drafts ? { drafts } : {}),
  };
}
