// WebKitGTK (Safari's engine) through WebKitWebDriver, classic W3C WebDriver, with webdriverio.
// MiniBrowser needs a display: the driver runs under xvfb-run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { Key, remote } from 'webdriverio';
import { sleep, splitCombo, type Driver } from './driver.ts';

export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const KEYS: Record<string, string> = {
  Control: Key.Ctrl, Alt: Key.Alt, Shift: Key.Shift, Meta: Key.Command,
  Tab: Key.Tab, Escape: Key.Escape, Enter: Key.Enter, End: Key.End, Home: Key.Home,
  ArrowDown: Key.ArrowDown, ArrowUp: Key.ArrowUp, Backspace: Key.Backspace,
};

const DRIVER_LOG = 'test-results/cross/webkit-driver.log';

/** WebKitWebDriver on `port`, under a virtual display; stop() ends both. */
export async function startWebKitDriver(port: number): Promise<{ stop: () => void }> {
  // The driver's and MiniBrowser's output, to read when a session never starts.
  mkdirSync('test-results/cross', { recursive: true });
  const log = openSync(DRIVER_LOG, 'a');
  // -noreset: an X server resets when its last client leaves, and a MiniBrowser started during the
  // reset (the next test's, on a loaded machine) gets "cannot open display" and its session never starts.
  const child: ChildProcess = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24 -noreset', 'WebKitWebDriver', `--port=${port}`], { detached: true, stdio: ['ignore', log, log] });
  const end = Date.now() + 20_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/status`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > end || child.exitCode !== null) throw new Error('WebKitWebDriver did not start (is webkit2gtk-driver installed, and xvfb?)');
    await sleep(200);
  }
  return { stop: () => { try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* gone */ } } };
}

export async function openWebKit(port: number): Promise<Driver> {
  const b = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    connectionRetryTimeout: 120_000,
    capabilities: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } as WebdriverIO.Capabilities,
  }).catch((err: unknown) => {
    const said = (() => { try { return readFileSync(DRIVER_LOG, 'utf8').trim().slice(-1500); } catch { return ''; } })();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\nWebKitWebDriver and MiniBrowser said: ${said || '(nothing)'}`);
  });
  await b.setWindowSize(1280, 900);
  return {
    engine: 'webkit',
    goto: (url) => b.url(url).then(() => undefined),
    reload: () => b.refresh(),
    url: () => b.getUrl(),
    evaluate: (fn, ...args) => b.execute(fn as never, ...(args as unknown[] as never[])) as never,
    click: async (css) => (await b.$(css)).click(),
    press: async (combo) => {
      const { modifiers, key } = splitCombo(combo);
      // Modifiers stay down until the end of the sequence, then WebDriver releases them.
      await b.keys([...modifiers.map((m) => KEYS[m]), KEYS[key] ?? key]);
    },
    // keys([...]) is a chord (all down, then all up): typing is one key after another.
    type: async (text) => {
      const keys = b.action('key');
      for (const ch of text) {
        const k = ch === '\n' ? Key.Enter : ch;
        keys.down(k).up(k);
      }
      await keys.perform();
    },
    close: () => b.deleteSession(),
  };
}
