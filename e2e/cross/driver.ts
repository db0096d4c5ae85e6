// One small driving interface over two WebDriver dialects: Firefox over WebDriver BiDi
// (puppeteer-core) and WebKitGTK over classic WebDriver (webdriverio). The smoke specs use only
// this, so every check runs the same in both engines.

export const ENGINES = ['firefox', 'webkit'] as const;
export type EngineName = (typeof ENGINES)[number];

/** Keys as `Control+End`, `Alt+Backslash`, `Tab`: modifiers first, joined with `+`. */
export type Combo = string;

export interface Driver {
  readonly engine: EngineName;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  url(): Promise<string>;
  /** Runs `fn` in the page (serialized: no closures) and returns its JSON-able result. */
  evaluate<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  /** A real pointer click on the first element that matches. */
  click(css: string): Promise<void>;
  press(combo: Combo): Promise<void>;
  type(text: string): Promise<void>;
  close(): Promise<void>;
}

export const MODIFIERS = ['Control', 'Alt', 'Shift', 'Meta'] as const;

export function splitCombo(combo: Combo): { modifiers: string[]; key: string } {
  const parts = combo.split('+');
  const key = parts.pop() ?? '';
  for (const m of parts) if (!(MODIFIERS as readonly string[]).includes(m)) throw new Error(`not a modifier: ${m} in ${combo}`);
  return { modifiers: parts, key };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until `ok` holds, or fails naming what it last saw. */
export async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (ok(last)) return last;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)?.slice(0, 500)}`);
    await sleep(250);
  }
}
