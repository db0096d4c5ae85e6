// Share-link helpers for e2e specs: build links in Node with the app's own codec, and collect
// Content Security Policy violations in the page.
import type { Page } from '@playwright/test';
import { encode } from '../src/lib/share/codec.ts';
import { defaultShareState, type ShareState } from '../src/lib/share/state.ts';

export async function linkFor(edit: (s: ShareState) => void): Promise<string> {
  const s = defaultShareState();
  edit(s);
  return encode(s);
}

/** Records CSP violations from the first script on; read them with cspViolations(). */
export async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI} ${(e.target as Element | null)?.outerHTML?.slice(0, 120) ?? ''} ${e.sample}`),
    );
  });
}

export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

/** Waits until the page has handled `n` links in total (decoded and applied, or refused). */
export async function linksHandled(page: Page, n: number): Promise<void> {
  await page.waitForFunction((want) => Number(document.querySelector('.app')?.getAttribute('data-links') ?? -1) >= want, n);
}
