// Drives the built app the way a user does: URL query, "Load model", the editor, "Generate".
// Times are taken inside the page (performance.now around a click, MutationObserver on the
// data attributes the page already renders), so Playwright's polling adds nothing.
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

export interface AppRuntime {
  device: string;
  dtype: string;
  wasmThreads: number;
  cores: number;
  crossOriginIsolated: boolean;
  /** From "loaded in X s, warm-up N ms" (the engine's own split), null if the text changed. */
  engineLoadMs: number | null;
  warmupMs: number | null;
  /** The engine's per-phase split of the load (data-steps), null if not shown. */
  steps: Record<string, number> | null;
}

export interface AppGenerateTiming {
  /** Seen by the page: from the click to the first token count rendered. */
  page: { ttftMs: number; tokensPerSecond: number; generatedTokens: number };
  /** What the engine reported (the stats text), null if it could not be read. */
  engine: { ttftMs: number; tokensPerSecond: number; promptTokens: number; reusedTokens: number | null } | null;
  /** Wall time of the page's main-thread tasks during the run (Chromium's TaskDuration metric). */
  mainThreadMs: number;
  /** The main thread's CPU time in the run (ThreadTime): less than mainThreadMs when its tasks
   * wait for a core that ORT's threads hold. */
  mainThreadCpuMs: number;
  text: string;
}

const TIMEOUT_MS = 15 * 60_000;

export async function openApp(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  // The capability probe has answered: "Load model" now does only the load.
  await page.getByText('Cross-origin isolated:').waitFor({ state: 'attached', timeout: 60_000 });
  return page;
}

/**
 * Waits until the service worker has installed (it precaches ~40 MB once the first load is
 * done): a returning user's page has nothing of that going on, so no measurement should either.
 */
export async function serviceWorkerSettled(page: Page): Promise<void> {
  await page.locator('[data-testid=offline-status]:not([data-status=installing])').waitFor({ state: 'attached', timeout: 120_000 });
  await page.evaluate(() => navigator.serviceWorker?.ready);
}

/** Ghost-text completions share the engine (and its KV cache): off for the bench. */
export async function disableCompletions(page: Page): Promise<void> {
  const box = page.getByRole('checkbox', { name: 'Completions' });
  if ((await box.count()) > 0 && (await box.isChecked())) await box.uncheck();
}

/** Press "Load model"; resolves with the time until the page shows the model ready. */
export async function timeLoad(page: Page): Promise<number> {
  return page.evaluate(async (timeout) => {
    const aside = document.querySelector<HTMLElement>('aside[data-loads]');
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Load model');
    if (!aside || !button) throw new Error('no aside[data-loads] or "Load model" button');
    const before = aside.dataset.loads;
    return new Promise<number>((resolve, reject) => {
      let t0 = 0;
      const done = (f: () => void): void => {
        observer.disconnect();
        clearTimeout(timer);
        f();
      };
      const observer = new MutationObserver(() => {
        if (aside.dataset.loads !== before) done(() => resolve(performance.now() - t0));
        else if (aside.dataset.phase === 'error') {
          const alert = document.querySelector('[role=alert][data-error-name]')?.textContent ?? 'load failed';
          done(() => reject(new Error(alert)));
        }
      });
      const timer = setTimeout(() => done(() => reject(new Error('load timed out'))), timeout);
      observer.observe(aside, { attributes: true, attributeFilter: ['data-loads', 'data-phase'] });
      t0 = performance.now();
      button.click();
    });
  }, TIMEOUT_MS);
}

export async function runtime(page: Page): Promise<AppRuntime> {
  const text = (await page.locator('section[aria-label="Runtime"]').textContent()) ?? '';
  const threads = /WASM threads:\s*(\d+) of (\d+) cores/.exec(text);
  const load = /loaded in ([\d.]+) s, warm-up (\d+) ms/.exec(text);
  const testId = async (id: string): Promise<string> => ((await page.getByTestId(id).textContent()) ?? '').trim();
  return {
    device: await testId('device'),
    dtype: await testId('dtype'),
    wasmThreads: threads ? Number(threads[1]) : 0,
    cores: threads ? Number(threads[2]) : 0,
    crossOriginIsolated: /Cross-origin isolated:\s*yes/.test(text),
    engineLoadMs: load ? Number(load[1]) * 1000 : null,
    warmupMs: load ? Number(load[2]) : null,
    steps: await page
      .getByTestId('load-steps')
      .getAttribute('data-steps', { timeout: 1000 })
      .then((a) => (a ? (JSON.parse(a) as Record<string, number>) : null))
      .catch(() => null),
  };
}

/**
 * Replaces the editor's text (insertText: no auto-closing of typed brackets). Focuses Monaco's
 * input directly: a click on the text can land on one of its overlay widgets instead.
 */
export async function setPrompt(page: Page, text: string): Promise<void> {
  await page.locator('.editor[data-ready="true"]').waitFor({ timeout: 60_000 });
  // The role=textbox element takes the input: Chromium's EditContext div, or Monaco's textarea.
  await page.locator('.monaco-editor [role="textbox"]').first().focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  // Let the editor finish its own work on the edit, so it is not counted in the next timing.
  await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 })));
}

/** Completions the page asked the engine for (its status bar's count), null without the bar. */
export async function completionRequests(page: Page): Promise<number | null> {
  const bar = page.locator('[aria-label="Completion status"]');
  if ((await bar.count()) === 0) return null;
  return Number(await bar.getAttribute('data-requests'));
}

/** Waits until the page's URL has not changed for a second (it follows edits 0.5 s late). */
export async function urlSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const started = performance.now();
    let last = location.href;
    let since = started;
    while (performance.now() - since < 1000 && performance.now() - started < 10_000) {
      await new Promise((r) => setTimeout(r, 100));
      if (location.href !== last) {
        last = location.href;
        since = performance.now();
      }
    }
  });
}

export async function setMaxTokens(page: Page, n: number): Promise<void> {
  await page.getByLabel('Max new tokens').fill(String(n));
}

interface RawGenerate {
  points: [number, number][];
  statsText: string;
  reused: string | null;
}

/**
 * The output once it stops changing: chunks travel on Comlink's callback port, the result on the
 * worker's own, so the last chunks can reach the page after the stop reason is shown.
 */
async function settledOutput(page: Page): Promise<string> {
  const out = page.getByTestId('output-text');
  let last = (await out.textContent()) ?? '';
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100);
    const now = (await out.textContent()) ?? '';
    if (now === last) return now;
    last = now;
  }
  return last;
}

const cdp = new WeakMap<Page, CDPSession>();

/** Seconds the page's main thread has spent in tasks so far (wall) and on a CPU. */
async function mainThreadSeconds(page: Page): Promise<{ task: number; cpu: number }> {
  let session = cdp.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    await session.send('Performance.enable');
    cdp.set(page, session);
  }
  const { metrics } = await session.send('Performance.getMetrics');
  const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? 0;
  return { task: metric('TaskDuration'), cpu: metric('ThreadTime') };
}

/** Press "Generate" and follow data-generated-tokens until data-stop-reason is set. */
export async function timeGenerate(page: Page): Promise<AppGenerateTiming> {
  const busyBefore = await mainThreadSeconds(page);
  const raw = await page.evaluate(async (timeout) => {
    const stats = document.querySelector<HTMLElement>('[data-testid=stats]');
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Generate');
    if (!stats || !button) throw new Error('no stats element or "Generate" button');
    if (button.disabled) throw new Error('"Generate" is disabled');
    return new Promise<RawGenerate>((resolve, reject) => {
      // [ms since the click, tokens shown]
      const points: [number, number][] = [];
      let t0 = 0;
      let reset = false;
      const done = (f: () => void): void => {
        observer.disconnect();
        clearTimeout(timer);
        f();
      };
      const check = (): void => {
        const t = performance.now() - t0;
        const reason = stats.dataset.stopReason ?? '';
        // The old result's attributes clear first; only then do counts belong to this run.
        if (reason === '') reset = true;
        if (!reset) return;
        const n = Number(stats.dataset.generatedTokens ?? 0);
        if (n > (points.at(-1)?.[1] ?? 0)) points.push([t, n]);
        if (reason !== '') {
          done(() =>
            resolve({
              points,
              statsText: stats.textContent ?? '',
              reused: stats.dataset.reusedTokens ?? null,
            }),
          );
        } else if (document.querySelector('[role=alert][data-error-name]')) {
          done(() => reject(new Error(document.querySelector('[role=alert][data-error-name]')?.textContent ?? 'generate failed')));
        }
      };
      const observer = new MutationObserver(check);
      const timer = setTimeout(() => done(() => reject(new Error('generate timed out'))), timeout);
      // Attributes of the stats line; children of <main>, where an error banner would appear.
      observer.observe(stats, { attributes: true });
      observer.observe(stats.closest('main') ?? document.body, { childList: true });
      t0 = performance.now();
      button.click();
    });
  }, TIMEOUT_MS);
  const busyAfter = await mainThreadSeconds(page);
  const main = { wall: (busyAfter.task - busyBefore.task) * 1000, cpu: (busyAfter.cpu - busyBefore.cpu) * 1000 };
  return toTiming(raw, await settledOutput(page), main);
}

function toTiming(raw: RawGenerate, output: string, main: { wall: number; cpu: number }): AppGenerateTiming {
  const first = raw.points[0];
  const last = raw.points.at(-1);
  const decodeSecs = first && last ? (last[0] - first[0]) / 1000 : 0;
  const page = {
    ttftMs: first ? first[0] : 0,
    tokensPerSecond: first && last && decodeSecs > 0 ? (last[1] - first[1]) / decodeSecs : 0,
    generatedTokens: last ? last[1] : 0,
  };
  const text = raw.statsText.replace(/\s+/g, ' ');
  const live = /(\d+) tokens · first token (\d+) ms · ([\d.]+) tok\/s/.exec(text);
  const prompt = /prompt (\d+) tokens/.exec(text);
  const reusedText = /(\d+) reused/.exec(text) ?? /reused (\d+)/.exec(text);
  const reused = raw.reused !== null && raw.reused !== '' ? Number(raw.reused) : reusedText ? Number(reusedText[1]) : null;
  const engine = live && prompt
    ? { ttftMs: Number(live[2]), tokensPerSecond: Number(live[3]), promptTokens: Number(prompt[1]), reusedTokens: reused }
    : null;
  return { page, engine, mainThreadMs: main.wall, mainThreadCpuMs: main.cpu, text: output };
}
