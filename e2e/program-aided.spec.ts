// Program-aided math (DeepSeek-Math's tool format) with the scripted fixture: the model stops at
// "```output", the app runs the program in the Pyodide worker and the model goes on from the
// real output; the scripts only continue after the exact output, so these tests prove that
// Python ran. Pyodide is served by the app and fetched only once the mode is chosen.
import { type BrowserContext, type Page, expect, test } from '@playwright/test';
import { APP_PORT, MODELS_PORT } from './ports.ts';
import { MODELS_URL, appUrl, loadModel, trackErrors } from './helpers.ts';

const SCRIPTED = 'seekpad/tiny-deepseek-coder-scripted';
const SUM_QUESTION = 'What is the sum of the digits of $2^{20}$?';
/** Loading Pyodide (9.6 MB of WASM) took over 80 s on a loaded 2-core CI machine. */
const PYTHON_WAIT = 300_000;

/** Every URL the page and its workers asked for. */
function trackRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

const local = (url: string) =>
  url.startsWith('data:') ||
  url.startsWith('blob:') ||
  url.startsWith(`http://127.0.0.1:${APP_PORT}/`) ||
  url.startsWith(`http://127.0.0.1:${MODELS_PORT}/`);

async function openTool(page: Page): Promise<void> {
  await page.goto(appUrl({ model: SCRIPTED, host: MODELS_URL, device: 'wasm', dtype: 'fp32', family: 'deepseek-math' }));
  await page.getByRole('checkbox', { name: 'Completions' }).uncheck();
  await loadModel(page);
}

async function ask(page: Page, question: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(question);
  await page.getByRole('button', { name: 'Send' }).click();
}

/** The two-round solve: both programs ran and the answer went on from their outputs. */
async function expectDigitSum(page: Page): Promise<void> {
  const answer = page.getByRole('article', { name: 'Answer' }).last();
  await expect(answer.getByTestId('final-answer')).toHaveAttribute('data-tex', '31', { timeout: PYTHON_WAIT });
  await expect(answer.locator('figure[data-lang="python"] pre')).toHaveText(['print(2**20)', 'print(sum(int(d) for d in str(1048576)))']);
  const outputs = answer.locator('[data-tool-output]');
  await expect(outputs).toHaveCount(2);
  await expect(outputs.locator('pre')).toHaveText([String(2 ** 20), '31']);
  await expect(outputs.first()).toHaveAttribute('data-tool-output', 'ok');
  await expect(outputs.nth(1)).toHaveAttribute('data-tool-output', 'ok');
  await expect(answer).toContainText('Now I add up its digits.');
}

test('a two-round program-aided solve: Python really runs, Pyodide comes from the app only when the mode is used', async ({ page, context }) => {
  test.setTimeout(480_000);
  const errors = trackErrors(page);
  const urls = trackRequests(context);
  await openTool(page);
  // Chat and step-by-step math never touch Pyodide.
  await page.getByLabel('Chat mode').selectOption('math');
  expect(urls.filter((u) => u.includes('/pyodide/'))).toEqual([]);

  await page.getByLabel('Chat mode').selectOption('tool');
  await ask(page, SUM_QUESTION);
  await expectDigitSum(page);

  const pyodide = urls.filter((u) => u.includes('/pyodide/'));
  expect(pyodide.some((u) => u.endsWith('/pyodide/pyodide.asm.wasm'))).toBe(true);
  expect(pyodide.every((u) => u.startsWith(`http://127.0.0.1:${APP_PORT}/pyodide/`))).toBe(true);
  expect(urls.filter((u) => !local(u))).toEqual([]);
  expect(errors).toEqual([]);
});

test('an infinite loop stops at the limit set in the UI with a clear message; the page stays usable and the next solve works', async ({ page, context }) => {
  test.setTimeout(780_000);
  const errors = trackErrors(page);
  const urls = trackRequests(context);
  await openTool(page);
  await page.getByLabel('Chat mode').selectOption('tool');
  await page.getByLabel('Python time limit (s)').fill('2');
  // The page's own clock: a timer that notes, every 20 ms, whether Python is running.
  await page.evaluate(() => {
    const w = window as unknown as { ticks: { t: number; running: boolean }[] };
    w.ticks = [];
    const running = () => Array.from(document.querySelectorAll('[role=status]')).some((e) => e.textContent === 'Running Python…');
    setInterval(() => w.ticks.push({ t: performance.now(), running: running() }), 20);
  });
  await ask(page, 'Find the largest prime.');

  const answer = page.getByRole('article', { name: 'Answer' }).last();
  await expect(answer.getByRole('status')).toHaveText('Running Python…', { timeout: PYTHON_WAIT });
  // Python spins in its worker; the page takes typing meanwhile.
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.pressSequentially('ok');
  await expect(box).toHaveValue('ok');

  const out = answer.locator('[data-tool-output]');
  await expect(out).toHaveAttribute('data-tool-output', 'timeout');
  await expect(out.locator('pre')).toHaveText('Python ran past the 2 s limit and was stopped; the sandbox was restarted');
  const ticks = await page.evaluate(() => (window as unknown as { ticks: { t: number; running: boolean }[] }).ticks);
  const during = ticks.filter((x) => x.running).map((x) => x.t);
  // The main thread kept running its timers while Python ran (one blocked by Python would note
  // none); no gap is asserted, as a loaded machine may starve the page for a while.
  expect(during.length).toBeGreaterThanOrEqual(3);
  // The model went on from the message it was given.
  await expect(answer).toContainText('so there is no largest one.');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled({ timeout: 60_000 });

  // The restarted sandbox runs the next programs.
  await page.getByLabel('Python time limit (s)').fill('30');
  await ask(page, SUM_QUESTION);
  await expectDigitSum(page);
  expect(urls.filter((u) => !local(u))).toEqual([]);
  expect(errors).toEqual([]);
});

test('Python in the sandbox reaches neither the network nor JavaScript', async ({ page, context }) => {
  test.setTimeout(400_000);
  const urls = trackRequests(context);
  await page.goto(appUrl({}));
  // Choosing the mode starts the sandbox worker (and Pyodide) ahead of the first question.
  const started = page.waitForEvent('worker', { predicate: (w) => w.url().includes('sandbox.worker') });
  await page.getByLabel('Chat mode').selectOption('tool');
  const sandbox = await started;
  // A second sandbox worker from the same file, driven directly with the typed protocol.
  const results = await page.evaluate(async (url) => {
    const w = new Worker(url, { type: 'module' });
    const next = () => new Promise<{ type: string; stdout?: string; error?: string | null }>((r) => (w.onmessage = (e) => r(e.data)));
    const ready = await next();
    const programs = [
      'import js\nprint(hasattr(js, "fetch"), hasattr(js, "eval"), hasattr(js, "self"))',
      'from pyodide.code import run_js\nrun_js("1 + 1")',
      'from pyodide.ffi import to_js\nprint(to_js([1]).constructor.constructor)',
      'import urllib.request\nurllib.request.urlopen("http://example.com/")',
      'x = 1',
      'print(x)',
    ];
    const out: { stdout?: string; error?: string | null }[] = [];
    for (const [i, code] of programs.entries()) {
      w.postMessage({ type: 'run', id: i + 1, code });
      const r = await next();
      out.push({ stdout: r.stdout, error: r.error?.split('\n').at(-1) ?? null });
    }
    w.terminate();
    return { ready: ready.type, out };
  }, sandbox.url());
  expect(results.ready).toBe('ready');
  const [globals, runJs, ctor, urlopen, , fresh] = results.out;
  expect(globals.stdout).toBe('False False False\n');
  expect(runJs.error).toMatch(/^ImportError: cannot import name 'eval'/);
  expect(ctor.stdout).toBe('None\n');
  expect(urlopen.error).toMatch(/Error/);
  // Each program gets a fresh namespace.
  expect(fresh.error).toBe("NameError: name 'x' is not defined");
  // And the worker's own globals have no network left.
  expect(await sandbox.evaluate(() => ['fetch', 'XMLHttpRequest', 'WebSocket', 'importScripts', 'EventSource'].map((n) => typeof (self as unknown as Record<string, unknown>)[n]))).toEqual(
    Array(5).fill('undefined'),
  );
  expect(urls.filter((u) => !local(u))).toEqual([]);
});
