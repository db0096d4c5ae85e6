// `npm run bench -- --keystroke`: keystroke to ghost text in the built app, as a user edits a
// 60-function Python file: typing pauses, a move to another function, an edit in the middle.
// The user reads the file for a while before the first edit (30 s on the 1.3B shape, 3 s on the
// tiny one), as after opening a file; the other edits follow each other at once.
// Each event is timed from the last keydown (the page's own event timestamp) to the first ghost
// text on screen (a MutationObserver on Monaco's ghost-text nodes) and to eight tokens shown (or
// all, when fewer came), for the app fitting its work to the device against the fixed path
// (1,536 tokens of context, 64 new tokens, shown once done), sides alternating each round.
import type { Page } from '@playwright/test';
import { openApp, setPrompt, timeLoad } from './app-page.ts';
import type { BenchConfig, Variant } from './options.ts';
import { freshProfile } from './profile.ts';
import { appUrl, type Urls } from './results.ts';
import { fmt, median, ratio } from './stats.ts';

type Side = 'fit' | 'fixed';

/** The longest wait for one completion, and how long the user reads the file before typing. */
interface Pace {
  timeoutMs: number;
  readMs: number;
}

export interface KeystrokeEvent {
  event: string;
  firstMs: number | null;
  eightMs: number | null;
  promptTokens: number;
  reused: number;
  generated: number;
}

export interface KeystrokeResult {
  events: Record<Side, KeystrokeEvent[]>;
  summary: Record<Side, { firstMedian: number; firstP95: number; eightMedian: number; eightP95: number; reuse: number }>;
}

const FUNCTIONS = 60;

/** The file for one session: its first line differs, so no suggestion comes from an earlier session's cache. */
function file(session: number): string {
  const fns = Array.from({ length: FUNCTIONS }, (_, i) =>
    `def metric_${i}(values, weight=${i + 1}):\n    """Weighted metric ${i} of the values."""\n    total = 0\n    for v in values:\n        total += v * weight\n    return total / max(len(values), 1)\n`);
  return `# session ${session}\nimport math\n\n\n${fns.join('\n\n')}\n`;
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] ?? Number.NaN;
}

/** Puts the cursor at the end of line `line` (1-based) with Monaco's own API, as a click would. */
async function cursorTo(page: Page, line: number): Promise<void> {
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}

/** Types `text`, then waits for the completion it triggers; times from the last keydown. */
async function typeAndTime(page: Page, text: string, timeoutMs: number): Promise<Omit<KeystrokeEvent, 'event'>> {
  const before = Number(await page.locator('[aria-label="Completion status"]').getAttribute('data-requests'));
  await page.evaluate(() => {
    const w = window as unknown as { lastKey: number; ghostAt: number | null; watching?: boolean };
    w.ghostAt = null;
    if (w.watching) return;
    w.watching = true;
    document.addEventListener('keydown', (e) => {
      w.lastKey = e.timeStamp;
      w.ghostAt = null;
    }, { capture: true });
    new MutationObserver(() => {
      if (w.ghostAt === null && document.querySelector('.ghost-text-decoration, .ghost-text')?.textContent) w.ghostAt = performance.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  for (const ch of text) await page.keyboard.type(ch, { delay: 60 });
  // The request made after the last keystroke has ended (or failed).
  await page.waitForFunction(
    (n) => {
      const bar = document.querySelector<HTMLElement>('[aria-label="Completion status"]');
      const t = JSON.parse(bar?.dataset.timing || '{}') as { askedAt?: number; doneAt?: number | null };
      const w = window as unknown as { lastKey: number };
      return Number(bar?.dataset.requests) > n && (t.askedAt ?? 0) >= w.lastKey && (t.doneAt != null || bar?.dataset.status === 'error');
    },
    before,
    { timeout: timeoutMs, polling: 100 },
  ).catch(async (err: unknown) => {
    const bar = page.locator('[aria-label="Completion status"]');
    throw new Error(`no completion after "${text}": status ${await bar.getAttribute('data-status')}, ${await bar.textContent()}, timing ${await bar.getAttribute('data-timing')} (${String(err)})`);
  });
  return page.evaluate(() => {
    const w = window as unknown as { lastKey: number; ghostAt: number | null };
    const t = JSON.parse(document.querySelector<HTMLElement>('[aria-label="Completion status"]')?.dataset.timing ?? '{}') as Record<string, number | null>;
    const eight = t.eightAt ?? null;
    return {
      firstMs: w.ghostAt === null ? null : w.ghostAt - w.lastKey,
      eightMs: eight === null ? null : eight - w.lastKey,
      promptTokens: Number(t.promptTokens ?? 0),
      reused: Number(t.reused ?? 0),
      generated: Number(t.generated ?? 0),
    };
  });
}

async function session(page: Page, n: number, side: Side, pace: Pace, log: (s: string) => void): Promise<KeystrokeEvent[]> {
  await page.locator('details.targets').evaluate((d) => ((d as HTMLDetailsElement).open = true));
  const box = page.getByRole('checkbox', { name: 'Size completions to this machine' });
  if ((await box.isChecked()) !== (side === 'fit')) await box.click();
  await setPrompt(page, file(n));
  const lines = file(n).split('\n');
  const bodyOf = (i: number) => lines.findIndex((l) => l.startsWith(`def metric_${i}(`)) + 3;
  const steps: [string, () => Promise<void>, string][] = [
    // Opening the file: the user reads a while before typing (the fit side prefills meanwhile).
    ['new line in metric_40', async () => {
      await cursorTo(page, bodyOf(40));
      await page.waitForTimeout(pace.readMs);
    }, '\n    scale = '],
    ['a pause, then more', async () => {}, 'math.sqrt('],
    ['move to metric_12', async () => {
      await cursorTo(page, bodyOf(12));
      await page.waitForTimeout(1500);
    }, '\n    if not values:'],
    ['edit in the middle of a line', async () => {
      await cursorTo(page, bodyOf(25) + 1);
      await page.keyboard.press('Home');
      await page.waitForTimeout(800);
    }, 'for '],
  ];
  const out: KeystrokeEvent[] = [];
  for (const [event, move, text] of steps) {
    await move();
    const r = await typeAndTime(page, text, pace.timeoutMs);
    out.push({ event, ...r });
    log(`  ${side.padEnd(5)} ${event}: first ghost ${fmt(r.firstMs, 0)} ms, eight tokens ${fmt(r.eightMs, 0)} ms (${r.reused}/${r.promptTokens} prompt tokens reused, ${r.generated} generated)`);
    await page.keyboard.press('Escape');
  }
  return out;
}

export async function runKeystrokeBench(urls: Urls, v: Variant, cfg: BenchConfig, log: (s: string) => void): Promise<KeystrokeResult> {
  const profile = await freshProfile(cfg.chromium);
  const events: Record<Side, KeystrokeEvent[]> = { fit: [], fixed: [] };
  try {
    const page = await openApp(profile.context, appUrl(urls, v));
    await timeLoad(page);
    const big = v.fixture.name.includes('1.3b');
    const pace: Pace = { timeoutMs: big ? 600_000 : 60_000, readMs: big ? 30_000 : 3_000 };
    for (let r = 0; r < cfg.rounds; r++) {
      const order: Side[] = r % 2 === 0 ? ['fit', 'fixed'] : ['fixed', 'fit'];
      for (const [i, side] of order.entries()) events[side].push(...(await session(page, r * 2 + i, side, pace, log)));
    }
  } finally {
    await profile.close();
  }
  const sum = (xs: KeystrokeEvent[]) => {
    const first = xs.map((x) => x.firstMs ?? Number.NaN).filter(Number.isFinite);
    const eight = xs.map((x) => x.eightMs ?? Number.NaN).filter(Number.isFinite);
    const prompt = xs.reduce((n, x) => n + x.promptTokens, 0);
    return { firstMedian: median(first), firstP95: p95(first), eightMedian: median(eight), eightP95: p95(eight), reuse: ratio(xs.reduce((n, x) => n + x.reused, 0), prompt) };
  };
  const summary = { fit: sum(events.fit), fixed: sum(events.fixed) };
  const s = (x: number) => `${fmt(x / 1000, 2)} s`;
  log(
    [
      `keystroke to ghost text, ${v.modelId} ${v.dtype} on ${v.device}, ${cfg.rounds} round(s) x ${events.fit.length / cfg.rounds} events per side:`,
      `  fit to device: first ghost median ${s(summary.fit.firstMedian)}, p95 ${s(summary.fit.firstP95)}; eight tokens median ${s(summary.fit.eightMedian)}, p95 ${s(summary.fit.eightP95)}; prompt tokens reused ${fmt(summary.fit.reuse * 100, 0)}%`,
      `  fixed 1536/64: first ghost median ${s(summary.fixed.firstMedian)}, p95 ${s(summary.fixed.firstP95)}; eight tokens median ${s(summary.fixed.eightMedian)}, p95 ${s(summary.fixed.eightP95)}; prompt tokens reused ${fmt(summary.fixed.reuse * 100, 0)}%`,
      `  fixed / fit, medians: first ghost ${fmt(ratio(summary.fixed.firstMedian, summary.fit.firstMedian), 1)}x sooner, eight tokens ${fmt(ratio(summary.fixed.eightMedian, summary.fit.eightMedian), 1)}x sooner (goal: 1.5 s and 5 s)`,
    ].join('\n'),
  );
  return { events, summary };
}
