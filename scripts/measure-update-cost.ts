// What a streamed update costs the browser: the built app, one page, a Chromium trace of one
// 256-token generation after warm-ups. Prints, per thread, the CPU time its tasks used and their
// wall time (on 2 cores that ONNX Runtime's threads fill, a task waits for a core, so wall time
// overstates the cost), the frames, and each frame's main-thread phases (style and layout, the
// hover hit test after layout, paint, commit, script). Also the path from the click to the first
// token shown: when the engine's worker got the request, when the first chunk reached the page,
// and the main thread's CPU time in between (it competes with the prefill). --hide-editor hides
// the editor first, to see what its DOM adds to a frame. --bare traces bare transformers.js in a
// worker of the bench page instead (threads and V8's background work only: it has no UI).
// Usage: npm run build && npm run build:bench && npx tsx scripts/measure-update-cost.ts [--warm N] [--tokens N] [--hide-editor | --bare]
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from '@playwright/test';
import { setMaxTokens, setPrompt, timeGenerate } from './bench/app-page.ts';
import { promptFor } from './bench/prompts.ts';
import { IdleWaits } from './bench/quiet.ts';
import { openBare, openTinyApp, type TinyApp } from './bench/tiny-app.ts';

const { values } = parseArgs({
  options: {
    warm: { type: 'string', default: '8' },
    tokens: { type: 'string', default: '256' },
    'hide-editor': { type: 'boolean', default: false },
    bare: { type: 'boolean', default: false },
  },
});

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  /** Wall time, µs. */
  dur?: number;
  /** The thread's CPU time, µs. */
  tdur?: number;
  args?: { name?: string; data?: { type?: string } };
}

if (values.bare && values['hide-editor']) throw new Error('--hide-editor is for the app; --bare has no editor');
const TOKENS = Number(values.tokens);
const WARM = Number(values.warm);

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

const TASK = 'ThreadControllerImpl::RunTask';

/** Records a Chromium trace (every process) around `run`, as Puppeteer's page.tracing does. */
async function traced<T>(page: Page, run: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink', 'v8'];
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: categories } });
  const result = await run();
  const complete = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream ?? '')));
  await cdp.send('Tracing.end');
  const handle = await complete;
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  await cdp.detach();
  return { result, events: (JSON.parse(text) as { traceEvents: TraceEvent[] }).traceEvents };
}

const ms = (xs: TraceEvent[], key: 'dur' | 'tdur'): number => xs.reduce((a, e) => a + (e[key] ?? 0), 0) / 1000;
const cpuWall = (xs: TraceEvent[], per = 1): string =>
  `${(ms(xs, 'tdur') / per).toFixed(2).padStart(7)} ms CPU ${(ms(xs, 'dur') / per).toFixed(2).padStart(7)} ms wall`;

/** The app: warmed up, then one traced generation from a click on Generate. */
async function traceApp(tiny: TinyApp): Promise<{ events: TraceEvent[]; ttftMs: number; tokens: number; rate: number }> {
  const { app } = tiny;
  await setMaxTokens(app, TOKENS);
  // A user's mouse rests on the page; Chromium re-hit-tests it after each layout.
  await app.getByRole('button', { name: 'Generate' }).hover();
  // Prompts alternate so that no run is served from the previous one's KV cache.
  for (let i = 0; i < WARM; i++) {
    await setPrompt(app, promptFor(i));
    await timeGenerate(app);
  }
  await setPrompt(app, promptFor(WARM));
  if (values['hide-editor']) await app.addStyleTag({ content: '.editor { display: none !important; }' });
  // The page's own deferred work on the edit (the URL follows 0.5 s later) is done.
  await app.waitForTimeout(3000);
  const { result, events } = await traced(app, () => timeGenerate(app));
  return { events, ttftMs: result.page.ttftMs, tokens: result.page.generatedTokens, rate: result.page.tokensPerSecond };
}

/** Bare transformers.js in a worker of the bench page, on the same model and threads. */
async function traceBare(tiny: TinyApp): Promise<{ events: TraceEvent[]; ttftMs: null; tokens: number; rate: number }> {
  const harness = await openBare(tiny, new IdleWaits(30_000));
  // Only bare's renderer in the trace.
  await tiny.app.close();
  for (let i = 0; i < WARM; i++) await harness.generate('bare', promptFor(i), TOKENS);
  const { result, events } = await traced(harness.page, () => harness.generate('bare', promptFor(WARM), TOKENS));
  return { events, ttftMs: null, tokens: result.generatedTokens, rate: result.tokensPerSecond };
}

const tiny = await openTinyApp(4285);
try {
  const run = values.bare ? await traceBare(tiny) : await traceApp(tiny);
  const { events } = run;
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const thread = (e: TraceEvent): string => threadNames.get(`${e.pid}:${e.tid}`) ?? '';
  const complete = events.filter((e) => e.ph === 'X' && (e.dur ?? 0) > 0);
  // The app's renderer is the one that saw the click; bare's, the one whose workers ran the model.
  const click = complete.find((e) => thread(e) === 'CrRendererMain' && e.name === 'EventDispatch' && e.args?.data?.type === 'click');
  const workerCpu = new Map<number, number>();
  for (const e of complete) if (thread(e) === 'DedicatedWorker thread' && e.name === TASK) workerCpu.set(e.pid, (workerCpu.get(e.pid) ?? 0) + (e.tdur ?? 0));
  const rendererPid = run.ttftMs !== null ? click?.pid : [...workerCpu].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (rendererPid === undefined) throw new Error('the trace has no click on the app page, or no worker');
  const main = complete.filter((e) => thread(e) === 'CrRendererMain' && e.pid === rendererPid);

  // Tracing slows everything: the rate here is not the bench's.
  console.log(`${values.bare ? 'bare transformers.js' : 'app'}: ${run.tokens} tokens at ${run.rate.toFixed(1)} tok/s while traced`);
  for (const name of ['CrRendererMain', 'Compositor', 'VizCompositorThread', 'DedicatedWorker thread']) {
    const tasks = complete.filter((e) => thread(e) === name && e.name === TASK && (name === 'VizCompositorThread' || e.pid === rendererPid));
    console.log(`${name.padEnd(24)} ${cpuWall(tasks)} in ${tasks.length} tasks`);
  }
  // Freeing the typed arrays each decoding step leaves behind.
  const sweeps = complete.filter((e) => e.pid === rendererPid && /ARRAY_BUFFER_SWEEP$/.test(e.name));
  console.log(`${'ArrayBuffer sweeping'.padEnd(24)} ${cpuWall(sweeps)} on V8's background threads`);
  if (run.ttftMs !== null && click) {
    const firstShown = click.ts + run.ttftMs * 1000;
    const after = (e: TraceEvent): number => (e.ts - click.ts) / 1000;
    // The worker's first task after the click: the request arriving.
    const received = complete.find((e) => e.pid === rendererPid && thread(e) === 'DedicatedWorker thread' && e.name === TASK && e.ts > click.ts);
    const chunkIn = main.filter((e) => e.name === 'MessagePort::Accept' && e.ts < firstShown).at(-1);
    const beforeFirst = main.filter((e) => e.name === TASK && e.ts >= click.ts - 1000 && e.ts < firstShown);
    console.log(`click to first token shown: ${run.ttftMs.toFixed(1)} ms; the worker's first task began at ${received ? after(received).toFixed(1) : '?'} ms, ` +
      `the first chunk reached the page at ${chunkIn ? after(chunkIn).toFixed(1) : '?'} ms; main thread in between: ${cpuWall(beforeFirst)}`);
    const frames = main.filter((e) => e.name === 'WebFrameWidgetImpl::UpdateLifecycle').length;
    const frameTasks = main.filter((e) => e.name === TASK && main.some((f) => f.name === 'WebFrameWidgetImpl::UpdateLifecycle' && f.ts >= e.ts && f.ts < e.ts + (e.dur ?? 0)));
    console.log(`frames on the main thread: ${frames}; per frame (the task that ran it: ${cpuWall(frameTasks, Math.max(1, frames))}):`);
    for (const [label, name] of PHASES) {
      console.log(`  ${label.padEnd(18)} ${cpuWall(main.filter((e) => e.name === name), Math.max(1, frames))}`);
    }
  }
} finally {
  await tiny.close();
}
