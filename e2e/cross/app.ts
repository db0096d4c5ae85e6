// What a person does in seekpad, through the Driver: the same steps in every engine.
import { sleep, until, type Driver } from './driver.ts';
import type { CrossGlobals } from './instrument.ts';
import { ENGINE_WORKER_NAME } from '../../src/contract/engine-api.ts';

/** A person's pace: the page is read for a few seconds before anything is pressed. */
export const READING_MS = 3_000;

export interface Seen {
  ready: boolean;
  busy: boolean;
  loads: number;
  device: string;
  dtype: string;
  reason: string;
  stopReason: string;
  generated: number;
  output: string;
  alert: string;
  alertName: string;
  completion: { status: string; suggestion: string };
  offline: string;
  errors: string[];
  /** Where a load is (the header's model status, e.g. "Loading 40%"), and the workers started: for a load that never ends. */
  model: string;
  phase: string;
  workers: string[];
}

export function seen(d: Driver): Promise<Seen> {
  return d.evaluate(() => {
    const q = (s: string) => document.querySelector(s);
    const text = (s: string) => (q(s) as HTMLElement | null)?.innerText ?? '';
    const bar = q('[role="status"][aria-label="Completion status"]');
    return {
      ready: q('.editor[data-ready="true"]') !== null,
      busy: q('section.output')?.getAttribute('aria-busy') === 'true',
      loads: Number(q('aside[data-loads]')?.getAttribute('data-loads') ?? -1),
      device: text('[data-testid="device"]'),
      dtype: text('[data-testid="dtype"]'),
      reason: text('[data-testid="runtime-reason"]'),
      stopReason: q('[data-testid="stats"]')?.getAttribute('data-stop-reason') ?? '',
      generated: Number(q('[data-testid="stats"]')?.getAttribute('data-generated-tokens') ?? 0),
      output: text('[data-testid="output-text"]'),
      alert: text('[role="alert"]'),
      alertName: q('[role="alert"]')?.getAttribute('data-error-name') ?? '',
      completion: { status: bar?.getAttribute('data-status') ?? '', suggestion: bar?.getAttribute('data-suggestion') ?? '' },
      offline: q('[data-testid="offline-status"]')?.getAttribute('data-status') ?? '',
      errors: (window as unknown as Partial<CrossGlobals>).__cross?.errors ?? [],
      model: text('[data-testid="model-status"]'),
      phase: q('aside[data-phase]')?.getAttribute('data-phase') ?? '',
      workers: ((window as unknown as Partial<CrossGlobals>).__cross?.workers ?? []).map((w) => w.name),
    };
  });
}

export function waitFor(d: Driver, what: string, ok: (s: Seen) => boolean, timeoutMs = 60_000): Promise<Seen> {
  return until(what, () => seen(d), ok, timeoutMs);
}

/** Clicks the button (or label) whose text is `name`, as a pointer would. */
export async function clickText(d: Driver, name: string, scope = 'button', timeoutMs = 10_000): Promise<void> {
  const mark = await until(`an enabled ${scope} "${name}"`, () => d.evaluate(
    (n: string, sel: string) => {
      const el = Array.from(document.querySelectorAll(sel)).find((e) => (e as HTMLElement).innerText.trim() === n && !(e as HTMLButtonElement).disabled);
      if (!el) return '';
      const id = `c${Math.random().toString(36).slice(2)}`;
      el.setAttribute('data-cross', id);
      return id;
    },
    name,
    scope,
  ), (m) => m !== '', timeoutMs);
  await d.click(`[data-cross="${mark}"]`);
}

/** Opens `url`, waits for the editor, reads for a moment, then presses Load (and allows the fixture host). */
export async function openAndLoad(d: Driver, url: string): Promise<Seen> {
  // Through a blank page: the same address again would only move to its #fragment.
  await d.goto('about:blank');
  await d.goto(url);
  await waitFor(d, 'the editor', (s) => s.ready);
  await sleep(READING_MS);
  await clickText(d, 'Load model');
  // A host other than the Hub is asked about once per page session. On a busy machine the question
  // can come seconds after the click: wait for it or for the load itself, whichever shows first.
  const asked = await until('the host question or the load', () => d.evaluate(() => ({
    question: Array.from(document.querySelectorAll('button')).some((b) => b.innerText.trim() === 'Download from this host'),
    phase: document.querySelector('aside[data-phase]')?.getAttribute('data-phase') ?? '',
  })), (a) => a.question || a.phase !== 'idle', 60_000);
  if (asked.question) await clickText(d, 'Download from this host');
  return waitFor(d, 'the load', (s) => s.loads === 1 || s.alert !== '', 170_000);
}

/** The active file's text as Monaco renders it (short files: every line is on screen). */
export function editorText(d: Driver): Promise<string> {
  return d.evaluate(() =>
    Array.from(document.querySelectorAll('.editor .view-lines .view-line'))
      .map((l) => ({ top: parseFloat((l as HTMLElement).style.top), text: (l as HTMLElement).textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text.replace(/\u00a0/g, ' '))
      .join('\n'),
  );
}

export async function focusEditor(d: Driver): Promise<void> {
  await d.click('.editor .view-lines');
}

/** Kills the engine's worker from outside, as the browser does to a worker out of memory. */
export function killEngineWorker(d: Driver): Promise<number> {
  // Runs in the page: the worker's name goes in as an argument.
  return d.evaluate((name: string) => {
    const cross = (window as unknown as Partial<CrossGlobals>).__cross;
    if (!cross) throw new Error(`no instrumentation in ${location.href}: ${document.head.innerHTML.slice(0, 300)}`);
    const all = cross.workers.filter((w) => w.name === name);
    all.at(-1)?.worker.terminate();
    return all.length;
  }, ENGINE_WORKER_NAME);
}

/** Marks the input inside the label whose text starts with `label`; null when there is none. */
function labelledInput(d: Driver, label: string): Promise<{ css: string; value: string; checked: boolean } | null> {
  return d.evaluate((l: string) => {
    const input = Array.from(document.querySelectorAll('label')).find((e) => e.innerText.trim().startsWith(l))?.querySelector('input');
    if (!input) return null;
    input.setAttribute('data-cross-input', l);
    return { css: `[data-cross-input="${l}"]`, value: input.value, checked: input.checked };
  }, label);
}

/** Types `value` into the field labelled `label`, replacing what it held. */
export async function fillField(d: Driver, label: string, value: string): Promise<void> {
  const field = await labelledInput(d, label);
  if (!field) throw new Error(`no field labelled "${label}"`);
  await d.click(field.css);
  await d.press('Control+a');
  await d.type(value);
  await until(`"${label}" to read ${value}`, () => labelledInput(d, label).then((f) => f?.value), (v) => v === value, 5_000);
}

/** Ghost-text completions off, for tests about something else (they share the engine). */
export async function completionsOff(d: Driver): Promise<void> {
  const box = await labelledInput(d, 'Completions');
  if (box?.checked) await d.click(box.css);
}

/** Presses Generate and waits for that run to end (the output panel was busy, then not). */
export async function generate(d: Driver): Promise<Seen> {
  const before = await d.evaluate(() => {
    const g = window as unknown as { __crossRuns?: number };
    if (g.__crossRuns === undefined) {
      g.__crossRuns = 0;
      const panel = document.querySelector('section.output');
      new MutationObserver(() => {
        if (panel?.getAttribute('aria-busy') === 'true') g.__crossRuns! += 1;
      }).observe(panel!, { attributes: true, attributeFilter: ['aria-busy'] });
    }
    return g.__crossRuns;
  });
  await clickText(d, 'Generate');
  await until('the run to start', () => d.evaluate(() => (window as unknown as { __crossRuns: number }).__crossRuns), (n) => n > before, 30_000);
  return waitFor(d, 'the run to end', (s) => !s.busy && /max-tokens|eos/.test(s.stopReason), 120_000);
}
