// The smoke suite, in Firefox and WebKit: what a person does first, at a person's pace.
import { decode } from '../../src/lib/share/codec.ts';
import { linkFor } from '../share-helpers.ts';
import { CODER, LONG_PROMPT, MODELS_URL } from '../helpers.ts';
import { nodeGreedy } from '../node-reference.ts';
import { clickText, completionsOff, editorText, fillField, focusEditor, generate, killEngineWorker, openAndLoad, seen, waitFor } from './app.ts';
import { sleep, until } from './driver.ts';
import { APP, expect, test } from './fixtures.ts';

const FIB_BODY = '    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)';
const BEFORE = 'def fib(n):\n';
const AFTER = '\n\nprint(fib(10))';

async function modelGets(reset = false): Promise<string[]> {
  const log = (await (await fetch(`${MODELS_URL}__requests${reset ? '?reset=1' : ''}`)).json()) as { method: string; path: string }[];
  return log.filter((r) => r.method === 'GET').map((r) => r.path);
}

/** A link that opens the tiny coder on WASM with `text` as main.py. */
function coderLink(text: string, maxNewTokens = 24, model = CODER): Promise<string> {
  return linkFor((s) => {
    s.choice = { model, host: MODELS_URL, device: 'wasm', dtype: 'fp32' };
    s.files[0].text = text;
    s.settings.maxNewTokens = maxNewTokens;
  });
}

test('first visit and a later one, Load pressed after reading: WASM runs, the text is onnxruntime-node\'s, Stop stops, the cache serves', async ({ open }) => {
  const d = await open();
  const url = APP + (await coderLink(LONG_PROMPT));
  await modelGets(true);
  const loaded = await openAndLoad(d, url);
  expect(loaded.alert).toBe('');
  expect(loaded.device).toBe('wasm');
  expect(loaded.dtype).toBe('fp32');
  test.info().annotations.push({ type: 'runtime', description: loaded.reason });
  expect((await modelGets()).some((p) => p.endsWith('/onnx/model.onnx'))).toBe(true);
  await completionsOff(d);

  const expected = await nodeGreedy(CODER, 'fp32', LONG_PROMPT, 24);
  await generate(d);
  // The last streamed characters may paint a frame after the run ends.
  await until('the greedy text', () => seen(d).then((s) => s.output), (o) => o === expected, 10_000);

  await fillField(d, 'Max new tokens', '4000');
  await clickText(d, 'Generate');
  await waitFor(d, 'tokens streaming', (s) => s.generated > 5 && s.stopReason === '');
  await clickText(d, 'Stop');
  const stopped = await waitFor(d, 'the stop', (s) => s.stopReason !== '');
  expect(stopped.stopReason).toBe('interrupted');
  await sleep(1000);
  expect((await seen(d)).generated).toBe(stopped.generated);

  // A later visit: the model comes from this browser's cache.
  await modelGets(true);
  const again = await openAndLoad(d, url);
  expect(again.alert).toBe('');
  expect(await modelGets()).toEqual([]);
  expect((await seen(d)).errors).toEqual([]);
});

test('ghost text appears and Tab accepts exactly it', async ({ open }) => {
  const d = await open();
  await openAndLoad(d, APP + (await coderLink(BEFORE + AFTER, 24, 'seekpad/tiny-deepseek-coder-scripted')));
  await focusEditor(d);
  await d.press('Control+Home');
  await d.press('ArrowDown');
  await d.press('Alt+\\');
  const shown = await waitFor(d, 'the ghost text', (s) => s.completion.status === 'shown');
  expect(shown.completion.suggestion).toBe(FIB_BODY);
  await d.press('Tab');
  await until('the accepted text', () => editorText(d), (t) => t === BEFORE + FIB_BODY + AFTER, 10_000);
  expect((await seen(d)).errors).toEqual([]);
});

test('a share link restores its state, and the address follows edits into a new browser', async ({ open }) => {
  const d = await open();
  const text = 'def greet(name):\n    return f"héllo, {name}"\n';
  await d.goto(APP + (await coderLink(text)));
  await waitFor(d, 'the editor', (s) => s.ready);
  await until('the linked text in the editor', () => editorText(d), (t) => t === text, 10_000);
  await focusEditor(d);
  await d.press('Control+End');
  await d.type('# 数学 edited');
  const edited = `${text}# 数学 edited`;
  // The address is rewritten a moment after edits stop: wait for one that carries all of it.
  const { url: after } = await until('the address to carry the edit', async () => {
    const url = await d.url();
    const r = await decode(new URL(url).hash);
    return { url, text: r.ok ? r.state.files[0].text : '' };
  }, (x) => x.text === edited, 15_000);

  // WebKitWebDriver runs one session at a time.
  await d.close();
  const other = await open();
  await other.goto(after);
  await waitFor(other, 'the editor', (s) => s.ready);
  await until('the edited text in the new browser', () => editorText(other), (t) => t === edited, 10_000);
  expect((await seen(other)).errors).toEqual([]);
});

// In Firefox each of these two once (in about eight full runs of this suite, 2026-12-07) never
// finished a load: after Retry, and after the offline reload. Alone they passed every time (10 and 4 runs);
// not understood yet (a service worker left by an earlier test is a suspect, see issue 17). A
// retry keeps CI honest about it ("flaky" in the report).
test.describe(() => {
  test.describe.configure({ retries: 1 });
  test('a killed engine worker: the user is told, Retry loads again, the code is kept', async ({ open }) => {
    const d = await open();
    const code = 'def greet(name):\n\treturn f"héllo, {name} 👋"  \n';
    await openAndLoad(d, APP + (await coderLink(code, 4000)));
    await completionsOff(d);
    await clickText(d, 'Generate');
    await waitFor(d, 'tokens streaming', (s) => s.generated > 5);
    expect(await killEngineWorker(d)).toBeGreaterThan(0);
    const crashed = await waitFor(d, 'the crash message', (s) => s.alertName !== '');
    expect(crashed.alertName).toBe('WorkerCrashedError');
    expect(crashed.alert).toContain('Your code is safe');
    expect(await editorText(d)).toBe(code.replace('\t', '    ').replace(/\n$/, '\n'));
    await clickText(d, 'Retry');
    await waitFor(d, 'the second load', (s) => s.loads === 2, 170_000);
    await fillField(d, 'Max new tokens', '4');
    await generate(d);
  });

  test('offline: after the first visit the page, the cached model and generation work with every server gone', async ({ open, servers }) => {
    const d = await open();
    const url = APP + (await coderLink(LONG_PROMPT, 8));
    await openAndLoad(d, url);
    await completionsOff(d);
    const expected = await nodeGreedy(CODER, 'fp32', LONG_PROMPT, 8);
    await generate(d);
    await until('the greedy text', () => seen(d).then((s) => s.output), (o) => o === expected, 10_000);
    await waitFor(d, 'the offline worker', (s) => s.offline === 'ready' || s.offline === 'unsupported' || s.offline === 'error');
    expect((await seen(d)).offline).toBe('ready');

    await servers.stop();
    const offline = await openAndLoad(d, url);
    expect(offline.alert).toBe('');
    await completionsOff(d);
    await generate(d);
    await until('the same text offline', () => seen(d).then((s) => s.output), (o) => o === expected, 10_000);
  });
});

test('the page says what this browser lacks and what runs instead', async ({ open, engine }) => {
  const d = await open();
  await d.goto(APP);
  await waitFor(d, 'the editor', (s) => s.ready);
  const browser = await until('the browser panel', () => d.evaluate(() => {
    const panel = Array.from(document.querySelectorAll('details')).find((e) => e.querySelector('summary')?.textContent === 'This browser');
    return { text: (panel?.textContent ?? '').replace(/\s+/g, ' '), notice: (document.querySelector('[data-testid="threads-notice"]') as HTMLElement | null)?.innerText ?? '' };
  }), (b) => b.text.includes('WASM threads'));
  console.log(`${engine}: ${browser.text} ${browser.notice}`);
  // Neither headless browser here offers WebGPU: the panel says why, and WASM runs.
  expect(browser.text).toMatch(/WebGPU: none \(.+\)/);
  expect(browser.text).toContain('Cross-origin isolated: yes');
  if (engine === 'webkit') {
    // WebKitGTK isolates the page but gives it no SharedArrayBuffer: one thread, and the user is told.
    expect(browser.text).toContain('WASM threads: 1 of');
    expect(browser.text).toContain('no SharedArrayBuffer');
    expect(browser.notice).toContain('one thread');
  } else {
    expect(browser.text).toMatch(/WASM threads: [2-4] of/);
    expect(browser.notice).toBe('');
  }
});

// One WebKit run in about six has hung here with no output (not understood yet; see issue 17's
// note): a retry keeps CI honest about it, and the report marks such a pass "flaky".
test.describe(() => {
  test.describe.configure({ retries: 1 });
  test('maths with Python: the program runs in the Pyodide sandbox and the answer goes on from its output', async ({ open }) => {
    test.setTimeout(420_000);
    const d = await open();
    const link = await linkFor((s) => {
      s.choice = { model: 'seekpad/tiny-deepseek-coder-scripted', family: 'deepseek-math', host: MODELS_URL, device: 'wasm', dtype: 'fp32' };
      s.chat.mode = 'tool';
    });
    await openAndLoad(d, APP + link);
    await completionsOff(d);
    await d.click('textarea[aria-label="Message"]');
    const question = 'What is the sum of the digits of $2^{20}$?';
    await d.type(question);
    await until('the question in the box', () => d.evaluate(() => (document.querySelector('textarea[aria-label="Message"]') as HTMLTextAreaElement).value), (v) => v === question, 5_000);
    await clickText(d, 'Send');
    // The scripted model only goes on after the exact outputs: 1048576, then 31.
    const answer = await until('the boxed answer', () => d.evaluate(() => ({
      tex: document.querySelector('[data-testid="final-answer"]')?.getAttribute('data-tex') ?? '',
      outputs: Array.from(document.querySelectorAll('[data-tool-output] pre')).map((p) => p.textContent),
      alert: (document.querySelector('[role="alert"]') as HTMLElement | null)?.innerText ?? '',
      chat: (document.querySelector('[aria-label="Chat"]') as HTMLElement | null)?.innerText.slice(-400) ?? '',
    })), (a) => a.tex !== '' || a.alert !== '', 120_000);
    expect(answer).toMatchObject({ tex: '31', outputs: [String(2 ** 20), '31'], alert: '' });
    expect((await seen(d)).errors).toEqual([]);
  });
});

test('the cache manager lists the model with its size and deletes it; the next load downloads again', async ({ open, engine }) => {
  const d = await open();
  await openAndLoad(d, APP + (await coderLink(LONG_PROMPT)));
  await d.click('details[aria-label="Model cache"] > summary');
  const listed = () => d.evaluate((id: string) => {
    const manager = document.querySelector('details[aria-label="Model cache"]') as HTMLElement;
    return { bytes: Number(manager.querySelector(`li[data-model-id="${id}"]`)?.getAttribute('data-bytes') ?? 0), text: manager.innerText };
  }, CODER);
  const before = await until('the cached model', listed, (m) => m.bytes > 1_000_000);
  // WebKitGTK has no navigator.storage.estimate: the panel says so instead of a figure.
  expect(before.text).toMatch(engine === 'webkit' ? /Storage use is not reported by this browser\./ : /This site uses .+ of .+\./);
  await d.click(`button[aria-label="Delete ${CODER}"]`);
  await until('the model to go', listed, (m) => m.bytes === 0 && m.text.includes('No models cached.'), 10_000);
  await modelGets(true);
  await clickText(d, 'Load model');
  await waitFor(d, 'the second load', (s) => s.loads === 2, 170_000);
  expect(await modelGets()).toContain(`/${CODER}/resolve/main/onnx/model.onnx`);
});
