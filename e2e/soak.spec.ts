// Soak: 1,000 keystrokes at seeded-random 15-50 ms intervals with completion on. No page error,
// no "Session already started", never two generations at once (the engine's own counters), the
// last suggestion made for the final text, and the page's JS heap back within a bound.
import { expect, test, type Page } from '@playwright/test';
import { MODELS_URL, appUrl, editorText, loadModel, setPrompt, trackErrors } from './helpers.ts';
import { mulberry32 } from '../tests/helpers/hostile.ts';
import { engineWorker } from './chaos-helpers.ts';

const KEYS = 1000;
/** Allowed growth of the page's JS heap after a forced GC (measured: see the annotations). */
const HEAP_BOUND_MB = 20;
const BEFORE = 'def fib(n):\n';
const AFTER = '\n\nprint(fib(10))';
// No brackets or quotes: Monaco would auto-close them, changing the text after the cursor.
const CHARS = 'abcdefghijklmnopqrstuvwxyz    0123456789=+-*.,#_';

type Diagnostics = { generations: number; maxConcurrentGenerations: number; forwards: number; maxConcurrentForwards: number };

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

test('1,000 keystrokes with completion on: no error, one generation at a time, a fresh final suggestion, bounded heap', async ({ page }) => {
  test.setTimeout(420_000);
  const seed = Number(process.env.SOAK_SEED ?? 20261130);
  // Seeded, so a failing run can be replayed.
  const random = mulberry32(seed);
  const errors = trackErrors(page);
  const console: string[] = [];
  page.on('console', (m) => console.push(m.text()));
  await page.goto(appUrl({ model: 'seekpad/tiny-deepseek-coder-scripted', host: MODELS_URL, device: 'wasm', dtype: 'fp32', diagnostics: '' }));
  await loadModel(page);
  const worker = await engineWorker(page);
  await setPrompt(page, BEFORE + AFTER);
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ArrowDown');
  const bar = page.getByRole('status', { name: 'Completion status' });
  await expect(bar).toHaveAttribute('data-status', /idle|shown|empty/);
  const heapBefore = await heapMB(page);

  const counts = { chars: 0, newlines: 0, backspaces: 0 };
  const t0 = Date.now();
  for (let i = 0; i < KEYS; i++) {
    const r = random();
    if (r < 0.08) {
      await page.keyboard.press('Enter');
      counts.newlines++;
    } else if (r < 0.2) {
      await page.keyboard.press('Backspace');
      counts.backspaces++;
    } else {
      await page.keyboard.type(CHARS[Math.floor(random() * CHARS.length)]);
      counts.chars++;
    }
    // Slept here, not in the page: one round trip per key, so the pace stays near the drawn one.
    await new Promise((r) => setTimeout(r, 15 + Math.floor(random() * 36)));
  }
  const typingMs = Date.now() - t0;

  // The pause after the last key asks for one more completion; wait for its answer.
  await expect(bar).toHaveAttribute('data-status', /shown|empty/, { timeout: 60_000 });
  await expect(bar).not.toHaveAttribute('data-status', /waiting|generating/);
  const status = await bar.getAttribute('data-status');
  const cursor = Number(await bar.getAttribute('data-suggestion-cursor'));
  const length = Number(await bar.getAttribute('data-suggestion-length'));
  const requests = Number(await bar.getAttribute('data-requests'));
  const diag = await worker.evaluate(() =>
    (self as unknown as { seekpadEngine: { diagnostics(): Promise<Diagnostics> } }).seekpadEngine.diagnostics(),
  );
  const finalText = await editorText(page);
  const heapAfter = await heapMB(page);
  test.info().annotations.push(
    { type: 'seed', description: String(seed) },
    { type: 'keys', description: JSON.stringify(counts) },
    { type: 'typing ms', description: String(typingMs) },
    { type: 'mean ms per key', description: (typingMs / KEYS).toFixed(1) },
    { type: 'completion requests', description: String(requests) },
    { type: 'engine', description: JSON.stringify(diag) },
    { type: 'heap MB before/after', description: `${heapBefore.toFixed(1)} / ${heapAfter.toFixed(1)}` },
    { type: 'final status', description: String(status) },
  );

  // The text after the cursor was never touched, so the cursor sits just before it.
  expect(finalText.endsWith(AFTER)).toBe(true);
  // The last suggestion was made for exactly this document and this cursor.
  expect(status).toBe('shown');
  expect(length).toBe(finalText.length);
  expect(cursor).toBe(finalText.length - AFTER.length);

  expect(diag.generations).toBeGreaterThan(0);
  expect(diag.maxConcurrentGenerations).toBe(1);
  expect(diag.maxConcurrentForwards).toBe(1);
  expect(requests).toBeGreaterThan(0);
  expect(console.filter((t) => /Session already started/i.test(t))).toEqual([]);
  await expect(page.getByText(/Session already started/i)).toHaveCount(0);
  expect(errors).toEqual([]);
  expect(heapAfter - heapBefore).toBeLessThan(HEAP_BOUND_MB);
});
