// What a streamed update costs the browser: the built app, one page, a Chromium trace of one
// 256-token generation after warm-ups. Prints CPU per renderer thread, the frames, and the main
// thread's time per frame by phase (style and layout, the hover hit test after layout, paint,
// commit) and in script. On 2 busy cores this time comes out of ONNX Runtime's threads.
// Also: the main thread's time between the click and the first token shown (it competes with the
// prefill). --hide-editor hides the editor first, to see what its DOM adds to a frame.
// Usage: npm run build && npx tsx scripts/measure-update-cost.ts [--warm N] [--tokens N] [--hide-editor]
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from '@playwright/test';
import { setMaxTokens, setPrompt, timeGenerate } from './bench/app-page.ts';
import { promptFor } from './bench/prompts.ts';
import { openTinyApp } from './bench/tiny-app.ts';

const { values } = parseArgs({
  options: { warm: { type: 'string', default: '8' }, tokens: { type: 'string', default: '256' }, 'hide-editor': { type: 'boolean', default: false } },
});

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { type?: string } };
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

const { app, close } = await openTinyApp(4285);
try {
  await setMaxTokens(app, Number(values.tokens));
  // A user's mouse rests on the page; Chromium re-hit-tests it after each layout.
  await app.getByRole('button', { name: 'Generate' }).hover();
  // Prompts alternate so that no run is served from the previous one's KV cache.
  const warm = Number(values.warm);
  for (let i = 0; i < warm; i++) {
    await setPrompt(app, promptFor(i));
    await timeGenerate(app);
  }
  await setPrompt(app, promptFor(warm));
  if (values['hide-editor']) await app.addStyleTag({ content: '.editor { display: none !important; }' });
  // The page's own deferred work on the edit (the URL follows 0.5 s later) is done.
  await app.waitForTimeout(3000);

  const { result: timing, events } = await traced(app, () => timeGenerate(app));
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  const thread = (e: TraceEvent): string => threadNames.get(`${e.pid}:${e.tid}`) ?? '';
  const complete = events.filter((e) => e.ph === 'X' && (e.dur ?? 0) > 0);
  // The app's renderer is the one that saw the click (the trace has every process).
  const click = complete.find((e) => thread(e) === 'CrRendererMain' && e.name === 'EventDispatch' && e.args?.data?.type === 'click');
  if (!click) throw new Error('the trace has no click on the app page');
  const rendererPid = click.pid;
  const main = complete.filter((e) => thread(e) === 'CrRendererMain' && e.pid === rendererPid);
  const ms = (xs: TraceEvent[]): number => xs.reduce((a, e) => a + (e.dur ?? 0), 0) / 1000;

  // Tracing slows everything: the rate here is not the bench's.
  console.log(`${timing.page.generatedTokens} tokens at ${timing.page.tokensPerSecond.toFixed(1)} tok/s while traced`);
  for (const name of ['CrRendererMain', 'Compositor', 'VizCompositorThread', 'DedicatedWorker thread']) {
    const tasks = complete.filter((e) => thread(e) === name && e.name === 'ThreadControllerImpl::RunTask' && (name === 'VizCompositorThread' || e.pid === rendererPid));
    console.log(`${name.padEnd(24)} ${ms(tasks).toFixed(1).padStart(7)} ms in ${tasks.length} tasks`);
  }
  {
    const end = click.ts + timing.page.ttftMs * 1000;
    const busy = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts + (e.dur ?? 0) > click.ts && e.ts < end)
      .reduce((a, e) => a + Math.min(end, e.ts + (e.dur ?? 0)) - Math.max(click.ts, e.ts), 0) / 1000;
    console.log(`click to first token shown: ${timing.page.ttftMs.toFixed(0)} ms, main thread busy ${busy.toFixed(1)} ms of it`);
  }
  const frames = main.filter((e) => e.name === 'WebFrameWidgetImpl::UpdateLifecycle').length;
  console.log(`frames on the main thread: ${frames}; per frame:`);
  for (const [label, name] of PHASES) {
    const xs = main.filter((e) => e.name === name);
    console.log(`  ${label.padEnd(18)} ${(ms(xs) / Math.max(1, frames)).toFixed(2).padStart(6)} ms`);
  }
} finally {
  await close();
}
