// Bare transformers.js: load and generate() with a timing streamer, nothing else. The baseline
// the app path is compared with; it runs in a worker like the app's engine does.
import { AutoModelForCausalLM, AutoTokenizer, env, type PreTrainedModel, type PreTrainedTokenizer, type Tensor, type TextStreamer } from '@huggingface/transformers';
// The same ORT files the app serves (same content, so the same hashed asset).
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import type { BareLoadRequest, BareLoadResult, RunTiming } from '../protocol.ts';
import { TimingStreamer, TokenTimer } from '../timing.ts';
import { absolute, answer } from './rpc.ts';
import { measurePassCost } from '../pass-cost.ts';

const now = (): number => performance.now();
let loaded: { model: PreTrainedModel; tokenizer: PreTrainedTokenizer } | null = null;

async function load(r: BareLoadRequest): Promise<BareLoadResult> {
  const started = now();
  const wasm = env.backends.onnx.wasm;
  if (wasm) {
    wasm.wasmPaths = { mjs: absolute(ortMjsUrl), wasm: absolute(ortWasmUrl) };
    wasm.numThreads = r.threads;
  }
  env.allowLocalModels = false;
  env.remoteHost = r.host;
  env.remotePathTemplate = '{model}/resolve/{revision}/';
  const tokenizer = await AutoTokenizer.from_pretrained(r.modelId);
  const tokenizerMs = now() - started;
  const model = await AutoModelForCausalLM.from_pretrained(r.modelId, { device: r.device, dtype: r.dtype });
  const loadMs = now() - started;
  // The app warms up with one token at load; do the same so both start equal.
  const t0 = now();
  await model.generate({ ...tokenizer('def', { add_special_tokens: true }), max_new_tokens: 1, do_sample: false });
  loaded = { model, tokenizer };
  return {
    loadMs,
    tokenizerMs,
    warmupMs: now() - t0,
    threads: wasm?.numThreads ?? 0,
    crossOriginIsolated: (self as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
  };
}

async function generate(prompt: string, maxNewTokens: number): Promise<RunTiming> {
  if (!loaded) throw new Error('load first');
  const { model, tokenizer } = loaded;
  const timer = new TokenTimer(now(), now);
  const inputs = tokenizer(prompt, { add_special_tokens: true });
  const streamer = new TimingStreamer(timer);
  await model.generate({
    ...inputs,
    max_new_tokens: maxNewTokens,
    do_sample: false,
    // Typed as TextStreamer in 4.3.1, but generate() only calls put() and end().
    streamer: streamer as unknown as TextStreamer,
  });
  const promptTokens = (inputs.input_ids as Tensor).dims.at(-1) ?? 0;
  return timer.result(promptTokens, tokenizer.decode(streamer.ids, { skip_special_tokens: true }));
}

answer({
  load,
  generate,
  passCost: (r) => {
    if (!loaded) throw new Error('load first');
    return measurePassCost(loaded.model, r);
  },
});
