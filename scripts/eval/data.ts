// The sets' data from eval-data/ on disk, for the CLI and Node tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type EvalProblem, type EvalSet, parseSet } from '../../src/lib/eval/sets.ts';

const FILES: Readonly<Record<EvalSet, string>> = { humaneval: 'HumanEval.jsonl.gz', gsm8k: 'gsm8k-test.jsonl', math500: 'math500-test.jsonl' };
const DIR = fileURLToPath(new URL('../../eval-data/', import.meta.url));

export function readSet(set: EvalSet): EvalProblem[] {
  const bytes = readFileSync(path.join(DIR, FILES[set]));
  return parseSet(set, (FILES[set].endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
}
