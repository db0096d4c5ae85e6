// What a streamed update costs the browser: the built app, one page, a Chromium trace of one
// 256-token generation after warm-ups. Prints CPU per renderer thread, the frames, and the main
// thread's time per frame by phase (style and layout, the hover hit test after layout, paint,
// commit) and in script. On 2 busy cores this time comes out of ONNX Runtime's threads.
// Usage: npm run build && npx tsx scripts/measure-update-cost.ts [--warm N] [--tokens N]
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { disableCompletions, openApp, setMaxTokens, setPrompt, timeGenerate, timeLoad } from './bench/app-page.ts';
import { PROMPT_A } from './bench/prompts.ts';
import { DEFAULT_OUT_DIR, generateFixtures } from './fixtures/generate.ts';
import { TINY_CODER_ASCII } from './fixtures/shapes.ts';
import { serve } from './serve.ts';

const { values } = parseArgs({ options: { warm: { type: 'string', default: '8' }, tokens: { type: 'string', default: '256' } } });
const APP_PORT = 4285;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** Main-thread phases of a frame, by the trace event that wraps each; they can nest (a hit test
 * brings layout up to date first), so they do not add up. */
const PHASES: [string, string][] = [
  ['style and layout', 'Document::UpdateStyleAndLayout'],
  ['hover hit test', 'EventHandler::handleMouseMoveEvent'],
  ['prepaint', 'PrePaint'],
  ['paint', 'LocalFrameView::RunPaintLifecyclePhase'],
  ['commit', 'Commit'],
  ['script', 'v8.callFunction'],
];

await generateFixtures({ outDir: DEFAULT_OUT_DIR, fixtures: [TINY_CODER_ASCII], log: () => undefined });
const server = await serve({ root: 'dist', port: APP_PORT, models: DEFAULT_OUT_DIR, modelsPort: APP_PORT + 1 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const context = await browser.newContext();
  await context.addInitScript('globalThis.__name = (f) => f;');
  const host = `http://127.0.0.1:${APP_PORT + 1}/`;
  const app = await openApp(context, `http://127.0.0.1:${APP_PORT}/?${new URLSearchParams({ model: `seekpad/${TINY_CODER_ASCII.name}`, host, device: 'wasm', dtype: 'fp32' })}`);
  await disableCompletions(app);
  await timeLoad(app);
  await setMaxTokens(app, Number(values.tokens));
  await setPrompt(app, PROMPT_A);
  // A user's mouse rests on the page; Chromium re-hit-tests it after each layout.
  await app.getByRole('button', { name: 'Generate' }).hover();
  for (let i = 0; i < Number(values.warm); i++) await timeGenerate(app);
  await app.waitForTimeout(3000);

  await browser.startTracing(app, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink', 'v8'] });
  const timing = await timeGenerate(app);
  const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;

  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const thread = (e: TraceEvent): string => threadNames.get(`${e.pid}:${e.tid}`) ?? '';
  const complete = events.filter((e) => e.ph === 'X' && (e.dur ?? 0) > 0);
  const main = complete.filter((e) => thread(e) === 'CrRendererMain');
  const rendererPid = main[0]?.pid;
  const ms = (xs: TraceEvent[]): number => xs.reduce((a, e) => a + (e.dur ?? 0), 0) / 1000;

  // Tracing slows everything: the rate here is not the bench's.
  console.log(`${timing.page.generatedTokens} tokens at ${timing.page.tokensPerSecond.toFixed(1)} tok/s while traced`);
  for (const name of ['CrRendererMain', 'Compositor', 'VizCompositorThread', 'DedicatedWorker thread']) {
    const tasks = complete.filter((e) => thread(e) === name && e.name === 'ThreadControllerImpl::RunTask' && (name === 'VizCompositorThread' || e.pid === rendererPid));
    console.log(`${name.padEnd(24)} ${ms(tasks).toFixed(1).padStart(7)} ms in ${tasks.length} tasks`);
  }
  const frames = main.filter((e) => e.name === 'WebFrameWidgetImpl::UpdateLifecycle').length;
  console.log(`frames on the main thread: ${frames}; per frame:`);
  for (const [label, name] of PHASES) {
    const xs = main.filter((e) => e.name === name);
    console.log(`  ${label.padEnd(18)} ${(ms(xs) / Math.max(1, frames)).toFixed(2).padStart(6)} ms`);
  }
} finally {
  await browser.close();
  await server.close();
}
