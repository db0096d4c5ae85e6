// `?model=<id>&host=<base URL>&device=webgpu|wasm&dtype=<dtype>`: how self-hosted demos and the
// tests pick a model. Pure: the caller passes `location.search`.
import type { DType } from '../../../workers/protocol.ts';
import { DEFAULT_MODEL_KEY, FAMILIES, type Family, type ModelChoice } from './catalog.ts';

const DEVICES = ['auto', 'webgpu', 'wasm'] as const;
const DTYPES: readonly DType[] = ['fp32', 'fp16', 'q8', 'q4', 'q4f16'];
const HUB_ID = /^[\w.-]+(\/[\w.-]+)?$/;

export interface QueryResult {
  choice: ModelChoice;
  /** Problems with the query, shown to the user; the rest of it still applies. */
  warnings: string[];
  autoload: boolean;
  /** `?stall=<seconds>`: how long a download may go without data before it fails (default 30). */
  stallTimeoutMs?: number;
  /** `?convert=off`: on WebGPU, run 8-bit weights as they are instead of a 4-bit copy. */
  convert?: false;
}

export function parseModelQuery(search: string): QueryResult {
  const q = new URLSearchParams(search);
  const warnings: string[] = [];
  const choice: ModelChoice = { model: DEFAULT_MODEL_KEY, device: 'auto', dtype: 'auto' };

  const model = q.get('model');
  if (model !== null) {
    if (HUB_ID.test(model)) choice.model = model;
    else warnings.push(`Ignored model "${model}": not a model id like owner/name.`);
  }
  const host = q.get('host');
  if (host !== null) {
    try {
      const url = new URL(host);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
      choice.host = url.href;
    } catch {
      warnings.push(`Ignored host "${host}": not an http(s) URL.`);
    }
  }
  const device = q.get('device');
  if (device !== null) {
    if ((DEVICES as readonly string[]).includes(device)) choice.device = device as ModelChoice['device'];
    else warnings.push(`Ignored device "${device}": use webgpu or wasm.`);
  }
  const dtype = q.get('dtype');
  if (dtype !== null) {
    if (dtype === 'auto' || (DTYPES as readonly string[]).includes(dtype)) choice.dtype = dtype as ModelChoice['dtype'];
    else warnings.push(`Ignored dtype "${dtype}": use one of ${DTYPES.join(', ')}.`);
  }
  const family = q.get('family');
  if (family !== null) {
    if ((FAMILIES as readonly string[]).includes(family)) choice.family = family as Family;
    else warnings.push(`Ignored family "${family}": use one of ${FAMILIES.join(', ')}.`);
  }
  const result: QueryResult = { choice, warnings, autoload: q.has('autoload') };
  const stall = q.get('stall');
  if (stall !== null) {
    const secs = Number(stall);
    if (Number.isFinite(secs) && secs >= 1 && secs <= 600) result.stallTimeoutMs = secs * 1000;
    else warnings.push(`Ignored stall "${stall}": use seconds from 1 to 600.`);
  }
  const convert = q.get('convert');
  if (convert === 'off') result.convert = false;
  else if (convert !== null && convert !== 'on') warnings.push(`Ignored convert "${convert}": use on or off.`);
  return result;
}
