// The playground on a model server: the test model server (scripts/model-server, the scripted
// fixture through onnxruntime-node) speaks OpenAI's API with CORS for this page and a key.
import { expect, test, type Page } from '@playwright/test';
import { startModelServer } from '../scripts/model-server/server.ts';
import { SCRIPTS } from '../scripts/fixtures/scripts.ts';
import { APP_PORT } from './ports.ts';
import { MODELS_URL, appUrl, setPrompt, trackErrors } from './helpers.ts';

const KEY = 'sk-e2e-never-anywhere-3141';
const reverse = SCRIPTS.find((s) => s.name === 'instruct-reverse-string')!.text;
const fib = SCRIPTS.find((s) => s.name === 'fim-fib')!.text;
let server: Awaited<ReturnType<typeof startModelServer>>;
/** No key, and the fault models listed: each failure as a user meets it. */
let faulty: Awaited<ReturnType<typeof startModelServer>>;
const MODELS = {
  'deepseek-coder-test': { id: 'seekpad/tiny-deepseek-coder-scripted', family: 'deepseek-coder' as const },
  // Random weights: a long answer, to stop.
  'deepseek-coder-random': { id: 'seekpad/tiny-deepseek-coder', family: 'deepseek-coder' as const },
};

test.beforeAll(async () => {
  const allowedOrigins = [`http://127.0.0.1:${APP_PORT}`];
  server = await startModelServer({ modelsHost: MODELS_URL, models: MODELS, allowedOrigins, apiKey: KEY });
  faulty = await startModelServer({ modelsHost: MODELS_URL, models: MODELS, allowedOrigins, listFaults: true });
});
test.afterAll(async () => {
  await server?.close();
  await faulty?.close();
});

const panel = (page: Page) => page.locator('aside[data-loads]');

/** Everything the page keeps or shows: the key must be in none of it. */
async function everywhere(page: Page): Promise<string> {
  return page.evaluate(() => {
    const stores = [localStorage, sessionStorage].flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`));
    return [location.href, document.documentElement.outerHTML, ...stores].join('\n');
  });
}

test('a link to a model server: asked first, one reload to reach it, then chat and ghost text run there, and the key is nowhere', async ({ page }) => {
  const errors = trackErrors(page);
  const consoleText: string[] = [];
  page.on('console', (m) => consoleText.push(m.text()));
  await page.goto(appUrl({ endpoint: `${server.url}/v1`, model: 'deepseek-coder-test' }));
  await expect(page.getByRole('radio', { name: 'A model server' })).toBeChecked();
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Send your prompts to a model server?');
  // Before the user says yes, the page's policy lets nothing reach the server, whatever runs in it.
  const violated = await page.evaluate(async (url) => {
    const seen = new Promise<string>((r) => document.addEventListener('securitypolicyviolation', (e) => r(e.effectiveDirective), { once: true }));
    await fetch(url).catch(() => undefined);
    return Promise.race([seen, new Promise<string>((r) => setTimeout(() => r('none'), 2000))]);
  }, `${server.url}/v1/models`);
  expect(violated).toBe('connect-src');
  expect(server.requests).toEqual([]);
  await page.getByRole('button', { name: 'Use this server' }).click();

  // The page reloads so its policy lets it reach the server, and the load goes on: without the
  // key, which the server refuses.
  await expect(page.getByRole('alert').filter({ hasText: 'refused the request: HTTP 401' })).toBeVisible();
  await expect(page.getByText('Type the API key again in the model panel')).toBeVisible();
  await page.getByLabel('API key (if the server asks for one)').fill(KEY);
  await page.getByRole('button', { name: 'List models' }).click();
  await expect(page.getByTestId('server-models')).toHaveText('2 served here; pick one or type its name.');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(panel(page)).toHaveAttribute('data-phase', 'ready');
  await expect(page.getByTestId('model-status')).toHaveText('Ready: deepseek-coder-test on a server');

  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Write a function that reverses a string.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('article', { name: 'Answer' }).locator('figure[data-lang="python"] pre')).toHaveText(reverse.split('```python\n')[1].split('\n```')[0]);
  expect(server.requests).toContain('POST /v1/chat/completions');

  await setPrompt(page, 'def fib(n):\n\n\nprint(fib(10))');
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Alt+Backslash');
  const bar = page.getByRole('status', { name: 'Completion status' });
  // The scripted answer less its closing line break, which the completion rules trim.
  await expect(bar).toHaveAttribute('data-suggestion', fib.replace(/\n$/, ''));
  expect(server.requests.at(-1)).toBe('POST /v1/completions');
  // Every other request shape the servers take: the same suggestion, by each route.
  for (const [label, route] of [
    ["DeepSeek's API: /beta/completions with a suffix", 'POST /beta/completions'],
    ['llama.cpp: /infill, with the other files', 'POST /infill'],
    ['Ollama: /api/generate, raw', 'POST /api/generate'],
  ]) {
    await page.getByLabel('Ghost text request').selectOption({ label });
    const loads = Number(await panel(page).getAttribute('data-loads'));
    await page.getByRole('button', { name: 'Load model' }).click();
    await expect(panel(page)).toHaveAttribute('data-loads', String(loads + 1));
    // Another file text each time: the same one would get the suggestion it already has.
    await setPrompt(page, `def fib(n):\n\n\nprint(fib(10))\n# ${route}`);
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('ArrowDown');
    const asked = server.requests.length;
    await page.keyboard.press('Alt+Backslash');
    await expect.poll(() => server.requests.slice(asked)).toContain(route);
    await expect(bar).toHaveAttribute('data-suggestion', fib.replace(/\n$/, ''));
  }
  expect(server.prompts.at(-1)).toContain('<｜fim▁begin｜>');

  const seen = await everywhere(page);
  expect(seen).not.toContain(KEY);
  expect(seen).toContain(`${server.url}/v1`);
  expect(consoleText.join('\n')).not.toContain(KEY);
  expect(errors).toEqual([]);
});

test('a server that is down: the message says so, with the flag that lets this page in', async ({ page }) => {
  await page.goto(appUrl({ endpoint: 'http://127.0.0.1:9/v1', model: 'deepseek-coder-6.7b-instruct' }));
  await page.getByRole('button', { name: 'Load model' }).click();
  await page.getByRole('button', { name: 'Use this server' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'http://127.0.0.1:9/v1 did not answer' })).toBeVisible();
  await expect(page.getByText('--allowed-origins')).toBeVisible();
});

test('a stream cut mid-answer keeps what arrived, marked; a rate limit says when to try again; an unknown model and an HTML page are named', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto(appUrl({ endpoint: `${faulty.url}/v1`, model: 'fault-cut' }));
  await page.getByRole('button', { name: 'Load model' }).click();
  await page.getByRole('button', { name: 'Use this server' }).click();
  await expect(panel(page)).toHaveAttribute('data-phase', 'ready');
  const send = async () => {
    await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Write a function that reverses a string.');
    await page.getByRole('button', { name: 'Send' }).click();
  };
  await send();
  await expect(page.getByText(/The answer from .* broke off/)).toBeVisible();
  await expect(page.getByTestId('answer-cut')).toHaveText('The answer broke off here: this is what arrived.');
  await expect(page.getByRole('article', { name: 'Answer' })).toContainText('Here');

  await page.getByLabel('Model name on the server').fill('fault-429');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('model-status')).toHaveText('Ready: fault-429 on a server');
  await send();
  await expect(page.getByText(/is limiting requests: try again in 7 s/)).toBeVisible();

  // A model the server does not serve: the ones it does are named.
  await page.getByLabel('Model name on the server').fill('deepseek-coder-33b-instruct');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByText(/does not serve deepseek-coder-33b-instruct: it serves deepseek-coder-test, deepseek-coder-random, fault-401/)).toBeVisible();
  // A proxy's HTML page instead of an API's answer.
  await page.getByLabel('Model name on the server').fill('fault-html');
  await page.getByRole('button', { name: 'Load model' }).click();
  await expect(page.getByTestId('model-status')).toHaveText('Ready: fault-html on a server');
  await send();
  await expect(page.getByText(/did not answer as an OpenAI-compatible API: the server answered with text\/html/)).toBeVisible();
  expect(errors).toEqual([]);
});

test('Stop ends a server answer where it is: the request is aborted and the text so far kept', async ({ page }) => {
  await page.goto(appUrl({ endpoint: `${faulty.url}/v1`, model: 'deepseek-coder-random' }));
  await page.getByRole('button', { name: 'Load model' }).click();
  await page.getByRole('button', { name: 'Use this server' }).click();
  await expect(panel(page)).toHaveAttribute('data-phase', 'ready');
  // Random weights and a high limit: an answer far longer than the moment it takes to stop it.
  await page.getByLabel('Max new tokens').fill('4000');
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Say something long.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect.poll(async () => ((await page.locator('.log article').last().textContent()) ?? '').length).toBeGreaterThan(20);
  const abortedBefore = faulty.aborted.length;
  // Timed in the page: from the click to the answer's end (the request aborted, the turn kept).
  const ms = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const stop = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Stop answer')!;
        if (stop.disabled) reject(new Error('the answer ended before Stop'));
        const t0 = performance.now();
        new MutationObserver(() => stop.disabled && resolve(performance.now() - t0)).observe(stop, { attributes: true });
        stop.click();
      }),
  );
  console.log(`remote Stop: the answer ended ${ms.toFixed(0)} ms after the click`);
  // The server saw the request closed before its end, and stopped generating.
  await expect.poll(() => faulty.aborted.slice(abortedBefore)).toEqual(['POST /v1/chat/completions']);
  const answer = page.getByRole('article', { name: 'Answer' }).last();
  expect(((await answer.textContent()) ?? '').length).toBeGreaterThan(20);
  await expect(page.getByTestId('answer-cut')).toHaveCount(0);
});
