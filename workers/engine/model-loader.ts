// One load attempt of a model on one runtime: config first (a wrong id or host fails in
// milliseconds, naming the file), then the tokenizer, then the ONNX session.
import { AutoConfig, AutoModelForCausalLM, AutoTokenizer, env, type PreTrainedModel, type PreTrainedTokenizer } from '@huggingface/transformers';
import { memoizeCountTokens, type CountTokens } from '../../src/contract/prompts/fim.ts';
import { abortError } from './classify-error.ts';
import { yieldAfterForward, type Counters } from './forward-pass.ts';
import { watchDevice, type GpuWatch } from './gpu-watch.ts';
import type { LoadTracker } from './load-progress.ts';
import { parsePlacement, withOrtLog } from './placement.ts';
import { RateTracker } from './rate-tracker.ts';
import { cropOnCpu, type KvCropper } from './kv-crop.ts';
import type { Capabilities, LoadResult, ModelSpec, PlacementInfo, RuntimeChoice } from '../../src/contract/engine-api.ts';

type ProgressEvent = { status: string; file?: string; loaded?: number; total?: number };

export interface LoadedModel {
  model: PreTrainedModel;
  tokenizer: PreTrainedTokenizer;
  /** Loaded here: a device and dtype of this engine's own. */
  info: LoadResult & RuntimeChoice;
  /** Prefill and decode rates of this model here, from every forward pass. */
  rates: RateTracker;
  countTokens: CountTokens;
  /** Set on WebGPU: tells when the device is lost. */
  gpu?: GpuWatch | null;
  /** Cuts this model's KV cache back (draft rejections, prefix reuse); null where it cannot. */
  crop: KvCropper | null;
}

export interface LoadContext {
  caps: Capabilities;
  signal: AbortSignal;
  tracker: LoadTracker;
  counters: Counters;
}

export async function loadModel(spec: ModelSpec, c: RuntimeChoice, { caps, signal, tracker, counters }: LoadContext): Promise<LoadedModel> {
  const progress_callback = (e: ProgressEvent) => tracker.event(e);
  const revision = spec.revision ?? 'main';
  const config = await AutoConfig.from_pretrained(spec.id, { progress_callback, revision });
  if (signal.aborted) throw abortError();
  tracker.phase('download');
  const tokenizer = await AutoTokenizer.from_pretrained(spec.id, { progress_callback, revision });
  if (signal.aborted) throw abortError();
  const create = (verbose: boolean) =>
    AutoModelForCausalLM.from_pretrained(spec.id, {
      config,
      progress_callback,
      revision,
      device: c.device,
      dtype: c.dtype,
      ...(spec.modelFileName ? { model_file_name: spec.modelFileName } : {}),
      // The verbose log is the only place ORT-web says which nodes left the GPU.
      ...(verbose ? { session_options: { logSeverityLevel: 0 as const } } : {}),
    });
  let placement: PlacementInfo | undefined;
  let model: PreTrainedModel;
  if (c.device === 'webgpu') {
    const run = await withOrtLog(() => create(true));
    model = run.result;
    placement = parsePlacement(run.lines);
  } else {
    model = await create(false);
  }
  if (signal.aborted) {
    await model.dispose();
    throw abortError();
  }
  const rates = new RateTracker();
  yieldAfterForward(model, counters, rates);
  const gpu = c.device === 'webgpu' ? await watchDevice((env.backends.onnx as { webgpu?: { device?: unknown } }).webgpu?.device) : null;
  const info: LoadResult & RuntimeChoice = { ...c, modelId: spec.id, loadMs: 0, warmupMs: 0, capabilities: caps, eosTokenIds: eosIds(model), ...(placement ? { placement } : {}) };
  // Per-line counts, memoized: a keystroke re-counts only the lines it changed.
  const countTokens = memoizeCountTokens((text) => tokenizer.encode(text, { add_special_tokens: false }).length);
  const crop = c.device === 'webgpu' ? await cropperOnGpu(model, counters) : cropOnCpu;
  return { model, tokenizer, info, countTokens, gpu, rates, crop };
}

type SessionLike = { inputMetadata?: { name: string; type?: string }[] };

/** The GPU cropper for this model's cache inputs; null (no drafts, no partial reuse) if it fails. */
async function cropperOnGpu(model: PreTrainedModel, counters: Counters): Promise<KvCropper | null> {
  const sessions = (model as unknown as { sessions: Record<string, SessionLike> }).sessions;
  const metas = (sessions.model ?? sessions.decoder_model_merged)?.inputMetadata?.filter((m) => m.name.startsWith('past_key_values.')) ?? [];
  const type = metas[0]?.type;
  if (metas.length === 0 || (type !== 'float32' && type !== 'float16')) return null;
  try {
    const { gpuCropper } = await import('./kv-crop-gpu.ts');
    return await gpuCropper(metas.map((m) => m.name), type, () => counters.data.gpuCrops++);
  } catch (err) {
    console.warn('seekpad: no KV crop on the GPU', err);
    return null;
  }
}

/** The first run compiles kernels and tiers up V8: pay for it at load, not on the first prompt. */
export async function warmUp(loaded: LoadedModel): Promise<void> {
  // Long enough (about 30 tokens) and two new tokens: the first prefill and decode rates.
  const inputs = loaded.tokenizer(WARM_UP_PROMPT, { add_special_tokens: true });
  // min_new_tokens: an EOS first would leave the decode rate unmeasured.
  await loaded.model.generate({ ...inputs, max_new_tokens: 2, min_new_tokens: 2, do_sample: false });
}

const WARM_UP_PROMPT = 'def fibonacci(n):\n    if n < 2:\n        return n\n    return fibonacci(n - 1) + fibonacci(n - 2)\n';

function eosIds(model: PreTrainedModel): number[] {
  const raw = (model.generation_config as { eos_token_id?: number | number[] } | null)?.eos_token_id ??
    (model.config as { eos_token_id?: number | number[] }).eos_token_id;
  if (raw === undefined || raw === null) return [];
  return Array.isArray(raw) ? raw : [raw];
}
