// The sets' data files, fetched from the app's own assets on first use (the offline service
// worker then keeps them); never part of the precached shell.
import humanEvalUrl from '../../../eval-data/HumanEval.jsonl.gz?url';
import gsm8kUrl from '../../../eval-data/gsm8k-test.jsonl?url';
import math500Url from '../../../eval-data/math500-test.jsonl?url';
import { type EvalProblem, type EvalSet, parseSet } from './sets.ts';

const URLS: Readonly<Record<EvalSet, string>> = { humaneval: humanEvalUrl, gsm8k: gsm8kUrl, math500: math500Url };

/** Bytes as text, unzipping gzip ones (a host that sent them with Content-Encoding already did). */
export async function gunzipText(bytes: Uint8Array): Promise<string> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

const loaded = new Map<EvalSet, Promise<ReadonlyMap<string, EvalProblem>>>();

/** A set's problems by id; a failed fetch is not remembered, so a retry fetches again. */
export function loadSet(set: EvalSet): Promise<ReadonlyMap<string, EvalProblem>> {
  let p = loaded.get(set);
  if (!p) {
    p = (async () => {
      const res = await fetch(URLS[set]);
      if (!res.ok) throw new Error(`${URLS[set]}: HTTP ${res.status}`);
      const problems = parseSet(set, await gunzipText(new Uint8Array(await res.arrayBuffer())));
      return new Map(problems.map((p) => [p.id, p]));
    })();
    p.catch(() => loaded.delete(set));
    loaded.set(set, p);
  }
  return p;
}
