// Hostile share hashes, applied one after another in one page through hashchange: nothing may
// throw, open a dialog, run a payload (each tries to set window.__pwned) or lose the user's text.
import { expect, test, type Page } from '@playwright/test';
import { distinctHashes, E2E_DRAW, FUZZ_DRAW, hostileHashes } from '../tests/helpers/hostile.ts';
import { editorText, setPrompt, trackErrors } from './helpers.ts';
import { cspViolations, expectPolicyEnforced, linkFor, linksHandled, watchCsp } from './share-helpers.ts';

/** Distinct hashes in E2E_DRAW, none of them among the unit fuzz's: README "Security" gives this figure. */
const DISTINCT = 1008;

/**
 * CSP violations other than inline handlers. Chrome reports `script-src-attr` when DOMPurify parses
 * a payload's onerror= in its inert DOMParser document (nothing runs there, and the handler never
 * reaches the page: the tests check the DOM); anything else would mean the policy blocked the app.
 */
async function otherViolations(page: Page): Promise<string[]> {
  return (await cspViolations(page)).filter((v) => !v.startsWith('script-src-attr inline'));
}

test(`${DISTINCT} distinct random and mutated share hashes: no error, no script, nothing lost`, async ({ page }) => {
  test.setTimeout(900_000);
  const errors = trackErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await watchCsp(page);
  await page.goto('/');
  await setPrompt(page, 'precious = "user work"\n');

  const hashes = await distinctHashes(E2E_DRAW, await hostileHashes(FUZZ_DRAW.count, FUZZ_DRAW.seed));
  expect(hashes.length).toBe(DISTINCT);
  const started = Date.now();
  const handled = await page.evaluate(async (list) => {
    const app = document.querySelector('.app');
    const count = () => Number(app?.getAttribute('data-links') ?? 0);
    let n = 0;
    for (const h of list) {
      const before = count();
      const target = new URL(h, location.href).hash;
      // Setting the hash the page already has fires no hashchange: nothing to handle.
      if (target === location.hash || target === '' || target === '#') continue;
      location.hash = h;
      while (count() === before) await new Promise((r) => setTimeout(r, 2));
      n++;
    }
    return n;
  }, hashes);
  console.log(`hostile hashes: ${hashes.length} distinct, ${handled} handled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  expect(handled).toBe(DISTINCT);

  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
  // The page still works: the user's work comes back and the editor takes typing.
  await page.getByRole('button', { name: 'Return to my work' }).click();
  expect(await editorText(page)).toBe('precious = "user work"\n');
  await page.keyboard.type('still_typing = 1');
  expect(await editorText(page)).toBe('precious = "user work"\nstill_typing = 1');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await otherViolations(page)).toEqual([]);
  await linksHandled(page, handled);
  await expectPolicyEnforced(page);
});

test('model output with HTML and script renders inert', async ({ page }) => {
  const errors = trackErrors(page);
  await watchCsp(page);
  const link = await linkFor((s) => {
    s.chat.turns = [
      { role: 'user', content: '<img src=x onerror="window.__pwned=1">' },
      {
        role: 'assistant',
        content: 'Sure: <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script>\n\n[click me](javascript:window.__pwned=1) <svg onload="window.__pwned=1"></svg>',
      },
    ];
  });
  await page.goto(`/${link}`);
  const answer = page.getByRole('article', { name: 'Answer' });
  await expect(answer).toContainText('Sure:');
  expect(await answer.locator('script, [onerror], [onload], a[href^="javascript"]').count()).toBe(0);
  await expect(page.getByRole('article', { name: 'Your message' })).toContainText('<img src=x onerror="window.__pwned=1">');
  await answer.getByText('click me').click();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await otherViolations(page)).toEqual([]);
  await expectPolicyEnforced(page);
  expect(errors).toEqual([]);
});
