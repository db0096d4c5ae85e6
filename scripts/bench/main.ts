// `npm run bench`: the app path against bare transformers.js, WASM against Node, KV-prefix reuse
// and load times. The npm script builds the bench's harness page first (dist-bench/); the app it
// measures must be built already (dist/, npm run build). Fixtures are made if missing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OUT_DIR, generateFixtures } from '../fixtures/generate.ts';
import { modelDir } from '../fixtures/layout.ts';
import { serve } from '../serve.ts';
import { benchBuilds, checkoutCommit, chromiumVersion, missingBuild } from './builds.ts';
import { runLoad } from './load.ts';
import { USAGE, parseOptions, type Variant } from './options.ts';
import { formatVariant, type BenchReport, type VariantReport } from './report.ts';
import type { Urls } from './results.ts';
import { runGeneration } from './sections.ts';

// Not the tests' 4173/4174: the bench may run while a dev server or the e2e suite holds those.
// BENCH_PORT moves both, so that two checkouts can run the bench at once.
const APP_PORT = Number(process.env.BENCH_PORT ?? 4273);
const MODELS_PORT = APP_PORT + 1;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(1);
}

// A section of its own: the 8-bit-to-4-bit conversion (time and peak memory, Node and Chromium).
if (process.argv.includes('--convert')) {
  const { runConvertBench } = await import('./convert.ts');
  const big = process.argv.includes('--shape');
  const out = path.join(ROOT, 'bench-results', `convert-${big ? '1.3b-' : ''}${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await runConvertBench(big, process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', out, (s) => console.log(s));
  process.exit(0);
}

const parsed = (() => {
  try {
    return parseOptions(process.argv.slice(2), ROOT);
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
})();
if (parsed === 'help') {
  console.log(USAGE);
  process.exit(0);
}
const cfg = parsed;

const builds = benchBuilds(ROOT);
const missing = missingBuild(builds);
if (missing) fail(missing);
if (!fs.existsSync(cfg.chromium)) fail(`Chromium was not found at ${cfg.chromium}; install it or set CHROMIUM_PATH.`);

const fixture = cfg.variants[0].fixture;
await generateFixtures({ outDir: DEFAULT_OUT_DIR, fixtures: [fixture], log: (l) => console.log(`fixtures: ${l}`) });

const server = await serve({ root: builds.app, extraRoots: [builds.harness], port: APP_PORT, models: DEFAULT_OUT_DIR, modelsPort: MODELS_PORT });
const log = (s: string): void => console.log(s);
const started = performance.now();
if (os.loadavg()[0] > os.cpus().length) {
  console.warn(`bench: load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores: other work will slow every side.`);
}
const report: BenchReport = {
  date: new Date().toISOString(),
  commit: checkoutCommit(ROOT),
  argv: cfg.argv,
  rounds: cfg.rounds,
  tokens: cfg.tokens,
  machine: {
    // Other work on the machine shows here; the ratios hold up better than the absolute numbers.
    loadAverage: { start: os.loadavg(), end: [] },
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '',
    node: process.version,
    chromium: '',
    platform: `${os.platform()} ${os.release()}`,
  },
  notes: [
    'Ratios compare sides measured alternately in this run; never compare numbers across runs.',
    'app, page: the built app, timed in the page from the click on Generate to the token counts it renders.',
    "app, reported: the app engine's own stats line (timed inside its worker).",
    "Engine, no UI: the app's Engine class in a worker of bench/index.html, called directly (no Comlink, no page).",
    'bare: transformers.js generate() in a worker of a bench/index.html page (its own renderer process, as the app and the Engine have): same model, dtype, device and threads. Two such pages run every round; the baseline is their mean, and page 2 against page 1 (A/A) shows how far chance alone moves a ratio in this run.',
    'Before each timed side the bench waits for an idle browser, and warms every side up until its rate holds.',
    'KV-prefix reuse: the app engine reuses a token-exact cached prefix; "same again" re-sends the previous prompt.',
    'Drafts: since issue 19 the app decodes greedy text with n-gram drafts by default; the Engine harness runs without them unless a section says so (--drafts compares both).',
  ],
  variants: [],
};
function urlsFor(v: Variant): Urls {
  return {
    app: `http://127.0.0.1:${APP_PORT}/`,
    bench: `http://127.0.0.1:${APP_PORT}/bench/index.html`,
    models: `http://127.0.0.1:${MODELS_PORT}/`,
    modelDir: modelDir(DEFAULT_OUT_DIR, v.fixture.name),
  };
}

if (cfg.load || cfg.keystroke || cfg.drafts) {
  const v = cfg.variants[0];
  report.machine.chromium = chromiumVersion(cfg.chromium);
  try {
    const section = cfg.load
      ? { load: await (await import('./load-bench.ts')).runLoadBench(urlsFor(v), v, cfg, log) }
      : cfg.drafts
        ? { drafts: await (await import('./drafts.ts')).runDraftsBench(urlsFor(v), v, cfg, log) }
        : { keystroke: await (await import('./keystroke.ts')).runKeystrokeBench(urlsFor(v), v, cfg, log) };
    report.machine.loadAverage.end = os.loadavg();
    fs.mkdirSync(path.dirname(cfg.out), { recursive: true });
    fs.writeFileSync(cfg.out, `${JSON.stringify({ ...report, ...section }, null, 2)}\n`);
    log(`wrote ${path.relative(process.cwd(), cfg.out)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await server.close();
  }
  process.exit(0);
}
try {
  for (const v of cfg.variants) {
    const urls = urlsFor(v);
    log(`${v.modelId} ${v.dtype} on ${v.device}`);
    const { result: load, profile, app } = await runLoad(urls, v, cfg, log);
    report.machine.chromium ||= profile.context.browser()?.version() ?? (await app.evaluate(() => navigator.userAgent));
    const generation = await runGeneration(profile, app, urls, v, cfg, log);
    const result: VariantReport = { model: v.modelId, device: v.device, dtype: v.dtype, generation, load };
    report.variants.push(result);
    log(`\n${formatVariant(result, cfg.rounds, cfg.tokens)}\n`);
  }
} finally {
  report.machine.loadAverage.end = os.loadavg();
  await server.close();
}
fs.mkdirSync(path.dirname(cfg.out), { recursive: true });
fs.writeFileSync(cfg.out, `${JSON.stringify(report, null, 2)}\n`);
log(`wrote ${path.relative(process.cwd(), cfg.out)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
