// The models seekpad knows by name, and how any other Hub id or mirror becomes a ModelSpec.
import type { DTypePreferences, ModelSpec } from '../../contract/engine-api.ts';
import type { DType, DTypeChoice, DeviceChoice, Family, FimShape } from '../../contract/sets.ts';
import { guessFimShape } from '../remote/guess.ts';
import type { Text } from '../i18n/text.ts';
export type Use = 'completion' | 'instruct' | 'math';

export interface CatalogEntry {
  key: string;
  id: string;
  label: Text;
  family: Family;
  uses: Use[];
  dtypes: DTypePreferences;
  modelFileName?: string;
  /** A FIM-trained model to serve ghost text while this one chats (a catalog key). */
  completionModel?: string;
  /** Approximate download size per dtype, in MB, for the picker. */
  sizesMB: Partial<Record<DType, number>>;
  note: Text;
  /** The weights' licence, as the model's authors publish it. */
  licence: { name: string; url: string };
}

const DEEPSEEK_LICENCE = { name: 'DeepSeek License', url: 'https://github.com/deepseek-ai/DeepSeek-Coder/blob/main/LICENSE-MODEL' };

export const CATALOG: readonly CatalogEntry[] = [
  {
    key: 'deepseek-coder-1.3b-instruct',
    id: 'onnx-community/deepseek-coder-1.3b-instruct-ONNX',
    label: { key: 'catalog_coder_instruct' },
    family: 'deepseek-coder',
    // Tuned for chat; FIM is the base model's training.
    uses: ['instruct'],
    completionModel: 'deepseek-coder-1.3b-base',
    // q8 is ~11x faster than q4 on WASM (ORT-web's 4-bit kernels are slow there).
    dtypes: { webgpu: ['q4f16', 'q4'], wasm: ['q8', 'q4'] },
    sizesMB: { q4f16: 853, q4: 1070, q8: 1400 },
    note: { key: 'catalog_coder_instruct_note' },
    licence: DEEPSEEK_LICENCE,
  },
  {
    key: 'deepseek-coder-1.3b-base',
    id: 'Xenova/deepseek-coder-1.3b-base',
    label: { key: 'catalog_coder_base' },
    family: 'deepseek-coder',
    uses: ['completion'],
    // Only fp32 and q8 exist: on WebGPU the q8 file is converted to 4-bit once, in the browser
    // (its MatMulInteger has no WebGPU kernel).
    dtypes: { webgpu: ['q8'], wasm: ['q8'] },
    modelFileName: 'decoder_model_merged',
    sizesMB: { q8: 1360, q4: 850 },
    note: { key: 'catalog_coder_base_note' },
    licence: DEEPSEEK_LICENCE,
  },
  {
    key: 'deepseek-r1-distill-qwen-1.5b',
    id: 'onnx-community/DeepSeek-R1-Distill-Qwen-1.5B-ONNX',
    label: { key: 'catalog_r1' },
    family: 'r1-distill-qwen',
    uses: ['math', 'instruct'],
    dtypes: { webgpu: ['q4f16', 'q4'], wasm: ['q4'] },
    sizesMB: { q4f16: 1370, q4: 1600 },
    note: { key: 'catalog_r1_note' },
    // Distilled from Qwen2.5-Math-1.5B (Apache 2.0).
    licence: { name: 'MIT', url: 'https://github.com/deepseek-ai/DeepSeek-R1/blob/main/LICENSE' },
  },
];

export const DEFAULT_MODEL_KEY = CATALOG[0].key;

export function findEntry(keyOrId: string): CatalogEntry | undefined {
  return CATALOG.find((e) => e.key === keyOrId || e.id === keyOrId);
}

/** Guess the prompt family of a model that is not in the catalog from its id. */
export function familyOf(id: string): Family {
  const s = id.toLowerCase();
  if (s.includes('r1-distill')) return 'r1-distill-qwen';
  if (s.includes('math') || s.includes('deepseek-llm')) return 'deepseek-math';
  return 'deepseek-coder';
}

export interface ModelChoice {
  /** A catalog key or any Hub id. */
  model: string;
  /** Prompt format, when the id does not tell (a mirror's own name, say). */
  family?: Family;
  host?: string;
  device?: DeviceChoice;
  dtype?: DTypeChoice;
  /** A model server's API base URL: `model` is then a name it serves, and nothing downloads. */
  endpoint?: string;
  /** How that server takes ghost text; guessed from the address when unset. */
  fimShape?: FimShape;
}

/** The picker's start: the catalog's default model, device and dtype left to the engine. */
export function defaultChoice(): ModelChoice {
  return { model: DEFAULT_MODEL_KEY, device: 'auto', dtype: 'auto' };
}

export function familyOfChoice(choice: ModelChoice): Family {
  return choice.family ?? findEntry(choice.model)?.family ?? familyOf(choice.model);
}

export function toSpec(choice: ModelChoice): ModelSpec {
  if (choice.endpoint) return { id: choice.model, server: { endpoint: choice.endpoint, fimShape: choice.fimShape ?? guessFimShape(choice.endpoint) } };
  const entry = findEntry(choice.model);
  const spec: ModelSpec = {
    id: entry?.id ?? choice.model,
    device: choice.device ?? 'auto',
    dtype: choice.dtype ?? 'auto',
  };
  if (entry) spec.dtypes = entry.dtypes;
  if (entry?.modelFileName) spec.modelFileName = entry.modelFileName;
  if (choice.host) spec.host = choice.host.endsWith('/') ? choice.host : `${choice.host}/`;
  return spec;
}
