// Debian's Firefox ESR over WebDriver BiDi, through puppeteer-core (no browser download).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type KeyInput } from 'puppeteer-core';
import { splitCombo, type Driver } from './driver.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

const KEYS: Record<string, KeyInput> = { '\\': 'Backslash' };

export async function openFirefox(): Promise<Driver> {
  const profile = mkdtempSync(path.join(tmpdir(), 'seekpad-firefox-'));
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, userDataDir: profile, protocolTimeout: 120_000 });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  return {
    engine: 'firefox',
    goto: async (url) => void (await page.goto(url)),
    reload: async () => void (await page.reload()),
    url: async () => page.url(),
    evaluate: (fn, ...args) => page.evaluate(fn as never, ...(args as unknown[] as never[])) as never,
    click: (css) => page.click(css),
    press: async (combo) => {
      const { modifiers, key } = splitCombo(combo);
      for (const m of modifiers) await page.keyboard.down(m as KeyInput);
      await page.keyboard.press((KEYS[key] ?? key) as KeyInput);
      for (const m of modifiers.reverse()) await page.keyboard.up(m as KeyInput);
    },
    type: (text) => page.keyboard.type(text),
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
