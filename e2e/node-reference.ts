// What transformers.js in Node (onnxruntime-node) generates for a prompt: the reference the
// browser's WASM output must equal. Independent of the app's engine code.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AutoModelForCausalLM, AutoTokenizer, env, type Tensor } from '@huggingface/transformers';
import { MODELS_URL } from './helpers.ts';

export async function nodeGreedy(modelId: string, dtype: 'fp32' | 'q4', prompt: string, maxNewTokens: number, modelFileName?: string): Promise<string> {
  env.allowLocalModels = false;
  env.cacheDir = mkdtempSync(path.join(tmpdir(), 'seekpad-ref-'));
  env.remoteHost = MODELS_URL;
  const tokenizer = await AutoTokenizer.from_pretrained(modelId);
  const model = await AutoModelForCausalLM.from_pretrained(modelId, { dtype, device: 'cpu', ...(modelFileName ? { model_file_name: modelFileName } : {}) });
  try {
    const inputs = tokenizer(prompt, { add_special_tokens: true });
    const out = (await model.generate({ ...inputs, max_new_tokens: maxNewTokens, do_sample: false })) as Tensor;
    const promptLen = (inputs.input_ids as Tensor).dims.at(-1) ?? 0;
    const ids = (out.tolist() as bigint[][])[0].slice(promptLen).map(Number);
    return tokenizer.decode(ids, { skip_special_tokens: true });
  } finally {
    await model.dispose();
  }
}
