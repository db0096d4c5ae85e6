// `npm run eval` arguments, parsed and checked; pure, so it is unit-tested.
import { parseArgs } from 'node:util';
import { EVAL_FORMATS, type EvalFormat } from '../../src/lib/eval/prompts.ts';
import { EVAL_SETS, type EvalSet } from '../../src/lib/eval/sets.ts';
import { DTYPE_CHOICES, FAMILIES, type DTypeChoice, type Family } from '../../src/contract/sets.ts';

export const USAGE = `npm run eval -- --set <${EVAL_SETS.join('|')}> --model <id> [--host <url> | --endpoint <url>] [--limit N] [--seed S]
                [--format <${EVAL_FORMATS.join('|')}>] [--family <${FAMILIES.join('|')}>] [--dtype <${DTYPE_CHOICES.join('|')}>]
                [--max-tokens N] [--time-limit SECONDS] [--out answers.jsonl]
npm run eval -- --set <name> --score answers.jsonl [--format <completion|chat>] [--time-limit SECONDS]

Runs a set through a model on onnxruntime-node (or grades a file of outputs, one {"id", "output"}
object a line) with the browser's prompts and graders. --limit without --seed takes the first N
problems; with --seed, N chosen at random as the browser does for that seed. The last line printed
is JSON: {"set", "n", "passed", "pass@1"}. --endpoint asks an OpenAI-compatible server (its base URL,
e.g. http://127.0.0.1:8000/v1; --model is the name it serves) instead of onnxruntime-node; a key,
when it needs one, is read from the environment variable SEEKPAD_API_KEY, never from a flag.`;

export interface ModelArgs {
  kind: 'model';
  set: EvalSet;
  model: string;
  host?: string;
  /** A model server's base URL: the answers come from it instead of the local engine. */
  endpoint?: string;
  limit?: number;
  seed?: number;
  format?: EvalFormat;
  family?: Family;
  dtype: DTypeChoice;
  maxTokens?: number;
  timeLimitMs: number;
  out?: string;
}

export interface ScoreArgs {
  kind: 'score';
  set: EvalSet;
  file: string;
  format: EvalFormat;
  timeLimitMs: number;
}

function pick<T extends string>(name: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new Error(`--${name} must be one of ${choices.join(', ')} (got "${value}")`);
  return value as T;
}

function count(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min} (got "${value}")`);
  return n;
}

export function parseEvalArgs(argv: string[]): ModelArgs | ScoreArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      set: { type: 'string' },
      model: { type: 'string' },
      host: { type: 'string' },
      endpoint: { type: 'string' },
      limit: { type: 'string' },
      seed: { type: 'string' },
      format: { type: 'string' },
      family: { type: 'string' },
      dtype: { type: 'string' },
      'max-tokens': { type: 'string' },
      'time-limit': { type: 'string' },
      out: { type: 'string' },
      score: { type: 'string' },
    },
  });
  const set = pick('set', values.set, EVAL_SETS);
  if (!set) throw new Error('--set is required');
  const seconds = values['time-limit'] === undefined ? 10 : Number(values['time-limit']);
  if (!(seconds > 0 && seconds <= 600)) throw new Error(`--time-limit must be between 0 and 600 seconds (got "${values['time-limit']}")`);
  const timeLimitMs = Math.round(seconds * 1000);
  const format = pick('format', values.format, EVAL_FORMATS);
  if (values.score !== undefined) {
    if (values.model !== undefined) throw new Error('--score grades a file: leave out --model');
    // A file of outputs: base completions for HumanEval unless told, answers for the maths sets.
    return { kind: 'score', set, file: values.score, format: format ?? (set === 'humaneval' ? 'completion' : 'chat'), timeLimitMs };
  }
  if (!values.model) throw new Error('--model is required (or --score <file> to grade outputs)');
  for (const name of ['host', 'endpoint'] as const) {
    const v = values[name];
    if (v !== undefined && !/^https?:\/\//.test(v)) throw new Error(`--${name} must be an http(s) URL (got "${v}")`);
  }
  if (values.endpoint !== undefined && (values.host !== undefined || values.dtype !== undefined)) throw new Error('--endpoint asks a server: leave out --host and --dtype');
  return {
    kind: 'model',
    set,
    model: values.model,
    host: values.host,
    endpoint: values.endpoint,
    limit: count('limit', values.limit, 1),
    seed: count('seed', values.seed, 0),
    format,
    family: pick('family', values.family, FAMILIES),
    dtype: pick('dtype', values.dtype, DTYPE_CHOICES) ?? 'auto',
    maxTokens: count('max-tokens', values['max-tokens'], 1),
    timeLimitMs,
    out: values.out,
  };
}
