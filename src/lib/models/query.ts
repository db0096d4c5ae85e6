// `?model=<id>&host=<base URL>&device=webgpu|wasm&dtype=<dtype>`: how self-hosted demos and the
// tests pick a model; `?endpoint=<API base URL>&model=<its name>[&fim=<shape>]` a model server's. Pure: the caller passes `location.search`.
import type * as v from 'valibot';
import { defaultChoice, type ModelChoice } from './catalog.ts';
import { checkField, deviceField, dtypeField, endpointField, familyField, fimShapeField, hostField, modelIdField } from './choice-schema.ts';
import type { Text } from '../i18n/text.ts';

export interface QueryResult {
  choice: ModelChoice;
  /** Problems with the query, shown to the user; the rest of it still applies. */
  warnings: Text[];
  autoload: boolean;
  /** `?stall=<seconds>`: how long a download may go without data before it fails (default 30). */
  stallTimeoutMs?: number;
  /** `?convert=off`: on WebGPU, run 8-bit weights as they are instead of a 4-bit copy. */
  convert?: false;
  /** `?diagnostics`: the engine worker exposes `seekpadEngine` to the console (and the e2e tests). */
  diagnostics: boolean;
  /** `?embed`: the embeddable view. */
  embed: boolean;
  /** The address names a model (any of its fields): that choice beats one a restored link holds. */
  namesModel: boolean;
}

const MODEL_FIELDS = ['model', 'host', 'device', 'dtype', 'family', 'endpoint', 'fim'] as const;

export function parseModelQuery(search: string): QueryResult {
  const q = new URLSearchParams(search);
  const warnings: Text[] = [];
  const choice: ModelChoice = defaultChoice();

  // Each field as a share link's would be checked; a bad one is named and skipped.
  const read = <T>(name: string, field: v.GenericSchema<unknown, T>, set: (value: T) => void): void => {
    const raw = q.get(name);
    if (raw === null) return;
    const r = checkField(field, raw);
    if (r.ok) set(r.value);
    else warnings.push({ key: 'query_ignored', params: { name, value: raw, why: r.message } });
  };
  read('model', modelIdField, (m) => (choice.model = m));
  read('host', hostField, (h) => (choice.host = new URL(h).href));
  read('device', deviceField, (d) => (choice.device = d));
  read('dtype', dtypeField, (d) => (choice.dtype = d));
  read('family', familyField, (f) => (choice.family = f));
  // A model server instead of the browser: asked before anything is sent (see consent).
  read('endpoint', endpointField, (e) => (choice.endpoint = e));
  read('fim', fimShapeField, (s) => (choice.fimShape = s));
  const namesModel = MODEL_FIELDS.some((k) => q.has(k));
  const result: QueryResult = { choice, warnings, autoload: q.has('autoload'), diagnostics: q.has('diagnostics'), embed: q.has('embed'), namesModel };
  const stall = q.get('stall');
  if (stall !== null) {
    const secs = Number(stall);
    if (Number.isFinite(secs) && secs >= 1 && secs <= 600) result.stallTimeoutMs = secs * 1000;
    else warnings.push({ key: 'query_ignored_stall', params: { value: stall } });
  }
  const convert = q.get('convert');
  if (convert === 'off') result.convert = false;
  else if (convert !== null && convert !== 'on') warnings.push({ key: 'query_ignored_convert', params: { value: convert } });
  return result;
}
