// `npm run eval`: the browser's evaluation headless, on onnxruntime-node or a model server (see
// args.ts for usage).
// The same prompts, runner and graders as Evaluate mode; Python in a worker thread with the same
// time limit. Progress goes to stderr, one line a problem; the last line on stdout is the JSON.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { Engine } from '../../workers/engine/engine.ts';
import { familyOfChoice, toSpec, type ModelChoice } from '../../src/lib/models/catalog.ts';
import { render } from '../../src/lib/i18n/render.ts';
import { grade } from '../../src/lib/eval/grade.ts';
import { defaultFormat, defaultMaxTokens } from '../../src/lib/eval/prompts.ts';
import type { EvalRun, ProblemResult } from '../../src/lib/eval/run.ts';
import { summarize } from '../../src/lib/eval/run.ts';
import { EvalRunner, type RunnerDeps } from '../../src/lib/eval/runner.ts';
import type { EvalProblem, EvalSet } from '../../src/lib/eval/sets.ts';
import { pickProblems } from '../../src/lib/eval/stats.ts';
import { type ModelArgs, type ScoreArgs, USAGE, parseEvalArgs } from './args.ts';
import { readSet } from './data.ts';
import { nodeSandbox } from './node-sandbox.ts';
import { remoteGenerator } from './remote.ts';

function line(r: ProblemResult): string {
  return `${r.id}\t${r.passed ? 'PASS' : 'FAIL'}\t${render(r.reason, 'en')}`;
}

function finish(set: EvalSet, results: readonly ProblemResult[]): void {
  const passed = results.filter((r) => r.passed).length;
  const n = results.length;
  console.log(JSON.stringify({ set, n, passed, 'pass@1': n ? passed / n : null }));
}

async function score(a: ScoreArgs, problems: ReadonlyMap<string, EvalProblem>): Promise<ProblemResult[]> {
  const rows = readFileSync(a.file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const row = JSON.parse(l) as { id?: unknown; output?: unknown };
      if (typeof row.id !== 'string' || typeof row.output !== 'string') throw new Error(`${a.file}:${i + 1}: each line needs a string "id" and "output"`);
      if (!problems.has(row.id)) throw new Error(`${a.file}:${i + 1}: "${row.id}" is not a ${a.set} id`);
      return { id: row.id, output: row.output };
    });
  const python = nodeSandbox();
  const results: ProblemResult[] = [];
  try {
    for (const row of rows) {
      const verdict = await grade(a.set, problems.get(row.id)!, row.output, a.format, (code, limit) => python.run(code, { timeLimitMs: limit }), a.timeLimitMs);
      if (!verdict) break;
      const r: ProblemResult = { id: row.id, output: row.output, ...verdict, generatedTokens: 0, ms: 0, stop: 'eos' };
      results.push(r);
      console.error(line(r));
    }
  } finally {
    python.dispose();
  }
  return results;
}

/** Where the answers come from: the engine on onnxruntime-node, or a model server. */
async function answerer(a: ModelArgs, choice: ModelChoice): Promise<{ runtime: string; generate: RunnerDeps['generate']; interrupt: () => void; dispose: () => Promise<void> }> {
  if (a.endpoint) {
    const remote = remoteGenerator({ base: a.endpoint, model: a.model, key: process.env.SEEKPAD_API_KEY || undefined });
    console.error(`asking ${a.model} at ${a.endpoint}`);
    return { runtime: `server ${new URL(a.endpoint).host}`, generate: remote.generate, interrupt: remote.interrupt, dispose: async () => {} };
  }
  const engine = new Engine();
  console.error(`loading ${a.model}${a.host ? ` from ${a.host}` : ''}…`);
  const info = await engine.load(toSpec(choice));
  console.error(`loaded in ${(info.loadMs / 1000).toFixed(1)} s: ${info.device} ${info.dtype}`);
  return {
    runtime: `${info.device} ${info.dtype}`,
    generate: (p, maxNewTokens) => engine.generate({ prompt: p.prompt, addSpecialTokens: p.addSpecialTokens, stop: p.stop, stopTokenIds: p.stopTokenIds, maxNewTokens, temperature: 0, channel: 'eval', mode: 'queue' }),
    interrupt: () => void engine.interrupt('eval'),
    dispose: () => engine.dispose(),
  };
}

async function runModel(a: ModelArgs, problems: ReadonlyMap<string, EvalProblem>): Promise<ProblemResult[]> {
  const choice: ModelChoice = { model: a.model, device: 'auto', dtype: a.dtype, ...(a.host ? { host: a.host } : {}), ...(a.family ? { family: a.family } : {}) };
  const family = familyOfChoice(choice);
  const format = a.format ?? defaultFormat(choice);
  const source = await answerer(a, choice);
  const python = nodeSandbox();
  console.error(`format ${format}, family ${family}`);
  const ids = [...problems.keys()];
  const run: EvalRun = {
    id: 'cli',
    settings: {
      set: a.set,
      subset: a.limit === undefined ? 'all' : a.seed === undefined ? 'first' : 'random',
      count: a.limit ?? ids.length,
      seed: a.seed ?? 0,
      format,
      maxTokens: a.maxTokens ?? defaultMaxTokens(a.set, format, family),
      timeLimitMs: a.timeLimitMs,
      model: a.model,
      family,
    },
    problemIds: [],
    status: 'running',
    createdAt: Date.now(),
    runtimes: [source.runtime],
  };
  run.problemIds = pickProblems(ids, run.settings.subset, run.settings.count, run.settings.seed);
  if (a.out) writeFileSync(a.out, '');
  const results: ProblemResult[] = [];
  const runner = new EvalRunner({
    generate: source.generate,
    interrupt: source.interrupt,
    runPython: (code, limit) => python.run(code, { timeLimitMs: limit }),
    cancelPython: () => python.cancel(),
    save: async (_run, r) => {
      if (a.out) appendFileSync(a.out, `${JSON.stringify({ id: r.id, output: r.output })}\n`);
    },
  });
  process.once('SIGINT', () => {
    console.error('stopping after the problem in progress is given up…');
    void runner.stop();
  });
  try {
    await runner.run(run, problems, results, (r) => {
      results.push(r);
      const s = summarize(run, results);
      console.error(`${line(r)}\t[${s.done}/${s.total}, ${s.tokensPerSecond?.toFixed(1) ?? '?'} tokens/s]`);
    });
  } finally {
    python.dispose();
    await source.dispose();
  }
  return results;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  let args: ModelArgs | ScoreArgs;
  try {
    args = parseEvalArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
  const problems = new Map(readSet(args.set).map((p) => [p.id, p]));
  const results = args.kind === 'score' ? await score(args, problems) : await runModel(args, problems);
  finish(args.set, results);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
