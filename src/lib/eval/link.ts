// A link to a run's result: `?model=…&family=…[&host=…]&eval=<payload>`, the model in the query
// the picker already reads, the settings and the summary (never the outputs) in `eval`, as
// base64url JSON with a version. The hash stays the project's own.
import { cleanEndpoint } from '../remote/errors.ts';
import * as v from 'valibot';
import { fromBase64url, toBase64url } from '../share/base64url.ts';
import type { Text } from '../i18n/text.ts';
import { EVAL_FORMATS } from './prompts.ts';
import type { EvalRun, EvalSettings } from './run.ts';
import { EVAL_SETS, SET_SIZES } from './sets.ts';
import { SUBSET_KINDS } from './stats.ts';

export const EVAL_LINK_VERSION = 1;

/** What an eval link restores: the settings (model and family from the query) and the score. */
export interface SharedEval {
  settings: Omit<EvalSettings, 'model' | 'family'>;
  done: number;
  passed: number;
  total: number;
  runtimes: string[];
}

const MAX_PROBLEMS = Math.max(...Object.values(SET_SIZES));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_PROBLEMS));
const schema = v.pipe(
  v.object({
    v: v.literal(EVAL_LINK_VERSION),
    set: v.picklist(EVAL_SETS),
    subset: v.picklist(SUBSET_KINDS),
    count,
    seed: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 32 - 1)),
    format: v.picklist(EVAL_FORMATS),
    maxTokens: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(131_072)),
    timeLimitMs: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(600_000)),
    done: count,
    passed: count,
    total: count,
    runtimes: v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(8)),
  }),
  v.check((s) => s.passed <= s.done && s.done <= s.total),
);

/** Where the model ran: a model host for the browser, or a server's endpoint (never with credentials). */
export interface EvalWhere {
  host?: string;
  endpoint?: string;
}

export function evalLink(base: string, run: EvalRun, passed: number, done: number, where: EvalWhere = {}): string {
  const { model, family, ...settings } = run.settings;
  const runtimes = run.runtimes.slice(0, 8).map((r) => r.slice(0, 40));
  const payload = { v: EVAL_LINK_VERSION, ...settings, done, passed, total: run.problemIds.length, runtimes };
  const q = new URLSearchParams({ model, family });
  if (where.host) q.set('host', where.host);
  const endpoint = cleanEndpoint(where.endpoint ?? '');
  if (endpoint) q.set('endpoint', endpoint);
  q.set('eval', toBase64url(new TextEncoder().encode(JSON.stringify(payload))));
  return `${base}?${q.toString()}`;
}

function readJson(bytes: Uint8Array | null): unknown {
  try {
    return bytes ? JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) : null;
  } catch {
    return null;
  }
}

/** The `eval` field of a query: null when there is none, else the result or why it was refused. */
export function parseEvalQuery(search: string): { ok: true; shared: SharedEval } | { ok: false; message: Text } | null {
  const raw = new URLSearchParams(search).get('eval');
  if (raw === null) return null;
  const r = v.safeParse(schema, readJson(fromBase64url(raw)));
  if (!r.success) return { ok: false, message: { key: 'eval_link_invalid' } };
  const { v: _version, done, passed, total, runtimes, ...settings } = r.output;
  return { ok: true, shared: { settings, done, passed, total, runtimes } };
}
