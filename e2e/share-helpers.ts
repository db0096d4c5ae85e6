// Share-link helpers for e2e specs: build links in Node with the app's own codec, and collect
// Content Security Policy violations in the page.
import { expect, type Page } from '@playwright/test';
import { encode } from '../src/lib/share/codec.ts';
import { defaultShareState, type ShareState } from '../src/lib/share/state.ts';
import { MODELS_URL, modelRequests } from './helpers.ts';

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

/**
 * The page runs under the app's policy, and watchCsp sees what it blocks: the <meta> is there, an
 * inline script does not run, and a fetch to another origin (the model host, which would answer)
 * never leaves the page. Without this, "no violations" would hold for a page with no policy too.
 * Call after watchCsp, once the checks of cspViolations() are done (this adds two).
 */
export async function expectPolicyEnforced(page: Page): Promise<void> {
  const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null);
  expect(/(?:^|;)\s*script-src ([^;]*)/.exec(policy ?? '')?.[1]).toBe("'self' 'wasm-unsafe-eval'");
  const before = (await cspViolations(page)).length;
  const probe = `${MODELS_URL}csp-probe-${Date.now()}`;
  const result = await page.evaluate(async (url) => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = 1';
    document.head.append(script);
    script.remove();
    let fetched = 'answered';
    await fetch(url, { cache: 'no-store' }).catch((e: unknown) => (fetched = String(e)));
    return { ran: (window as unknown as { __inlineRan?: number }).__inlineRan ?? null, fetched };
  }, probe);
  expect(result).toEqual({ ran: null, fetched: expect.stringContaining('TypeError') });
  const directives = async () => (await cspViolations(page)).slice(before).map((v) => v.split(' ')[0]).sort();
  await expect.poll(directives).toEqual(['connect-src', 'script-src-elem']);
  expect((await modelRequests(page)).filter((r) => r.path.startsWith(new URL(probe).pathname))).toEqual([]);
}
