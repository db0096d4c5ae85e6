// Figures for program-aided mode (issue 4's closing note), from the built app in headless
// Chromium:
//   npx tsx scripts/measure-sandbox.ts [--dist dist] [--port 4573] [--solves 3]
// 1. Pyodide cold start: the app's sandbox worker from `new Worker` to its ready message, first
//    from an empty browser cache, then with the files cached (fresh worker each time).
// 2. A warm run of a trivial program: Python's own time and the page's post → result.
// 3. One program-aided round's overhead in the app (scripted fixture on WASM, tool mode): from
//    generation stopping at "```output" to the next generation's first token, minus Python's run
//    time; also the sandbox round trip alone (post → result, minus Python's time).
// Needs a build (`npx vite build --outDir <dist>`) and `npm run fixtures`.
import { chromium, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from './serve.ts';

const { values } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, port: { type: 'string', default: '4573' }, solves: { type: 'string', default: '3' } },
});
const DIST = values.dist ?? 'dist';
const APP = Number(values.port);
const MODELS = APP + 1;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n=${xs.length})`;

const workerFile = readdirSync(path.join(DIST, 'assets')).find((f) => /^sandbox\.worker-.*\.js$/.test(f));
if (!workerFile) throw new Error(`no sandbox worker in ${DIST}/assets: build first`);

interface WorkerFigures {
  coldMs: number;
  runs: { pythonMs: number; roundTripMs: number }[];
}

/**
 * One fresh sandbox worker in the page: start → ready, then `runs` trivial programs. Passed as
 * source text: tsx would wrap named functions in a helper the page does not have.
 */
const WORKER_FIGURES = `async ({ url, runs }) => {
  const t0 = performance.now();
  const w = new Worker(url, { type: 'module' });
  const next = () => new Promise((r) => { w.onmessage = (e) => r(e.data); });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error('sandbox: ' + ready.message);
  const coldMs = performance.now() - t0;
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    w.postMessage({ type: 'run', id: i + 1, code: 'print(sum(range(10)))' });
    const res = await next();
    out.push({ pythonMs: res.durationMs, roundTripMs: performance.now() - t });
  }
  w.terminate();
  return { coldMs, runs: out };
}`;

async function workerFigures(page: Page, runs: number): Promise<WorkerFigures> {
  const arg = JSON.stringify({ url: `/assets/${workerFile}`, runs });
  return (await page.evaluate(`(${WORKER_FIGURES})(${arg})`)) as WorkerFigures;
}

async function roundOverhead(page: Page, solves: number): Promise<{ round: number[]; python: number[]; sandbox: number[] }> {
  await page.goto(`/?model=seekpad/tiny-deepseek-coder-scripted&host=http://127.0.0.1:${MODELS}/&device=wasm&dtype=fp32&family=deepseek-math`);
  await page.getByRole('checkbox', { name: 'Completions' }).uncheck();
  await page.getByRole('button', { name: 'Load model' }).click();
  await page.waitForSelector('aside[data-loads="1"]', { timeout: 170_000 });
  await page.getByLabel('Chat mode').selectOption('tool');
  const out = { round: [] as number[], python: [] as number[], sandbox: [] as number[] };
  for (let i = 0; i < solves; i++) {
    await page.getByRole('textbox', { name: 'Message' }).fill('What is the sum of the digits of $2^{20}$?');
    await page.getByRole('button', { name: 'Send' }).click();
    const answer = page.getByRole('article', { name: 'Answer' }).nth(i);
    await answer.getByTestId('final-answer').waitFor({ timeout: 170_000 });
    for (const el of await answer.locator('[data-tool-output][data-round-ms]').all()) {
      const n = async (k: string) => Number(await el.getAttribute(k));
      // Runs that waited for Python to load are cold starts, not round overhead.
      if ((await el.getAttribute('data-cold-start-ms')) !== null) continue;
      out.round.push((await n('data-round-ms')) - (await n('data-duration-ms')));
      out.python.push(await n('data-duration-ms'));
      out.sandbox.push((await n('data-wall-ms')) - (await n('data-duration-ms')));
    }
  }
  return out;
}

const server = await serve({ root: DIST, port: APP, models: 'e2e/.models', modelsPort: MODELS });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${APP}/` });
  const page = await context.newPage();
  await page.goto('/');
  const cold = [await workerFigures(page, 20)];
  for (let i = 0; i < 3; i++) cold.push(await workerFigures(page, 0));
  console.log(`Pyodide cold start (new Worker -> ready), empty browser cache: ${cold[0].coldMs.toFixed(0)} ms`);
  console.log(`Pyodide cold start, files in the browser cache: ${fmt(cold.slice(1).map((c) => c.coldMs))}`);
  const warm = cold[0].runs.slice(1);
  console.log(`warm trivial program: Python ${fmt(warm.map((r) => r.pythonMs))}; post -> result ${fmt(warm.map((r) => r.roundTripMs))}`);
  const r = await roundOverhead(page, Number(values.solves));
  console.log(`program-aided round overhead (stop at "\`\`\`output" -> next first token, minus Python's time): ${fmt(r.round)}`);
  console.log(`  of which the sandbox round trip (post -> result, minus Python's time): ${fmt(r.sandbox)}; Python itself ${fmt(r.python)}`);
} finally {
  await browser.close();
  await server.close();
}
