// public/csp.js (run here as the page runs it, before anything loads) and ServerReach, which reads
// what it allowed: only approved servers get into connect-src, and a new one costs one reload.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SERVERS_KEY } from './consent.svelte.ts';
import { ServerReach } from './server-reach.ts';

function memoryStorage(init: Record<string, string> = {}): Storage {
  const m = new Map(Object.entries(init));
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k), clear: () => m.clear(), key: () => null, get length() { return m.size; } };
}

/** Runs csp.js against a head that records what it appends; returns the meta it wrote. */
function runCsp(saved: unknown): { content: string; servers: string } {
  const appended: { httpEquiv: string; content: string; attrs: Record<string, string> }[] = [];
  const document = {
    createElement: () => ({ httpEquiv: '', content: '', attrs: {} as Record<string, string>, setAttribute(k: string, v: string) { this.attrs[k] = v; } }),
    head: { appendChild: (el: (typeof appended)[number]) => void appended.push(el) },
  };
  runInNewContext(readFileSync('public/csp.js', 'utf8'), { document, localStorage: memoryStorage({ [SERVERS_KEY]: JSON.stringify(saved) }) });
  expect(appended).toHaveLength(1);
  expect(appended[0].httpEquiv).toBe('Content-Security-Policy');
  return { content: appended[0].content, servers: appended[0].attrs['data-servers'] };
}

describe('public/csp.js', () => {
  it('puts the approved servers, and only well-formed origins, into connect-src', () => {
    const { content, servers } = runCsp(['http://127.0.0.1:8000', 'https://api.deepseek.com', "https://x.example; script-src *", 'javascript:alert(1)', 7]);
    expect(content).toBe("connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co http://127.0.0.1:8000 https://api.deepseek.com");
    expect(servers).toBe('http://127.0.0.1:8000 https://api.deepseek.com');
  });

  it('with none approved, the page reaches itself and the Hub only', () => {
    expect(runCsp('not a list').content).toBe("connect-src 'self' https://huggingface.co https://*.huggingface.co https://*.hf.co");
  });
});

describe('ServerReach', () => {
  const meta = (servers: string) => ({ querySelector: () => ({ getAttribute: () => servers }) }) as unknown as Document;

  it('reloads once for a server the policy does not allow yet, and resumes the step after', () => {
    const session = memoryStorage();
    let reloads = 0;
    const before = new ServerReach(meta('http://127.0.0.1:8000'), session, () => reloads++);
    expect(before.reaches('http://127.0.0.1:8000/v1')).toBe(true);
    expect(before.reloadFor('http://127.0.0.1:8000/v1', 'load')).toBe(false);
    expect(before.reloadFor('http://10.0.0.7:8000/v1', 'list')).toBe(true);
    expect(reloads).toBe(1);
    const after = new ServerReach(meta('http://127.0.0.1:8000'), session, () => reloads++);
    expect(after.resumed).toBe('list');
    // Still not allowed (storage refused, say): no second reload, the request fails and says so.
    expect(after.reloadFor('http://10.0.0.7:8000/v1', 'list')).toBe(false);
    expect(reloads).toBe(1);
    expect(new ServerReach(meta(''), session, () => reloads++).resumed).toBeNull();
  });
});
