// `npm run screenshots`: the README's pictures, from the built app (dist) and the scripted
// fixture, in light and dark, English and Chinese. Writes docs/screenshots/*.png.
// Needs `npm run fixtures && npm run build` first (the npm script runs both).
import { mkdirSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { serve } from './serve.ts';

const PORT = 4573;
const MODELS_PORT = PORT + 1;
const OUT = 'docs/screenshots';
const SCRIPTED = 'seekpad/tiny-deepseek-coder-scripted';
const LOCALES = [
  ['en', 'en-GB'],
  ['zh-Hans', 'zh-CN'],
] as const;
const THEMES = ['light', 'dark'] as const;

const url = (params: Record<string, string>, hash = ''): string => `http://127.0.0.1:${PORT}/?${new URLSearchParams(params)}${hash}`;

/** The "find and fix the bug" example, answered, its code coloured. */
async function fixAnswered(page: Page): Promise<void> {
  await page.goto(url({ model: SCRIPTED, host: `http://127.0.0.1:${MODELS_PORT}/`, device: 'wasm', dtype: 'fp32' }));
  await page.locator('.model-panel .buttons button').first().click();
  await page.waitForFunction(() => document.querySelector('aside[data-loads]')?.getAttribute('data-loads') === '1', null, { timeout: 120_000 });
  await page.locator('button[data-action="examples"]').click();
  const href = await page.locator('li[data-example="fix-bug"] a').getAttribute('href');
  await page.keyboard.press('Escape');
  await page.evaluate((h) => (location.hash = new URL(h!, location.href).hash), href);
  await page.waitForFunction(() => (document.querySelector('.chat .compose textarea') as HTMLTextAreaElement | null)?.value.includes('stats.py'));
  await page.locator('.chat .compose button.primary').click();
  await page.locator('.chat button.review-fix').waitFor({ timeout: 60_000 });
  await page.locator('.chat pre[data-colorized]').first().waitFor();
}

/** The proposed fix in Monaco's diff editor. */
async function reviewOpen(page: Page): Promise<void> {
  await page.locator('.chat button.review-fix').click();
  await page.locator('[data-testid="diff-review"] .monaco-diff-editor').waitFor();
  // Let the diff's decorations settle.
  await page.waitForTimeout(800);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await serve({ root: 'dist', port: PORT, models: 'e2e/.models', modelsPort: MODELS_PORT });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    for (const [locale, browserLocale] of LOCALES) {
      for (const theme of THEMES) {
        const context = await browser.newContext({ locale: browserLocale, colorScheme: theme, viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'], serviceWorkers: 'block' });
        const page = await context.newPage();
        await fixAnswered(page);
        const shots: [string, (p: Page) => Promise<void>][] = [['workbench', async () => undefined], ['review', reviewOpen]];
        for (const [name, step] of shots) {
          await step(page);
          const file = `${OUT}/${name}-${locale}-${theme}.png`;
          await page.screenshot({ path: file });
          console.log(`wrote ${file}`);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
