import { describe, expect, it } from 'vitest';
import { RELOAD_FLAG, registerOffline, type OfflineDeps, type OfflineResult } from './register.ts';
import { render } from '../i18n/render.ts';

const inEnglish = (r: OfflineResult) => ({ status: r.status, message: render(r.message, 'en') });

function fakeSw(active: boolean, fail = false) {
  let activate = (): void => undefined;
  const sw = {
    ready: active ? Promise.resolve({}) : new Promise((r) => (activate = () => r({}))),
    register: async (url: string, opts: { scope: string }) => {
      if (fail) throw new Error('bad script');
      sw.registered = [url, opts.scope];
      return {};
    },
    registered: [] as string[],
    activate: () => activate(),
  };
  return sw;
}

function deps(sw: ReturnType<typeof fakeSw> | undefined, isolated: boolean, session = new Map<string, string>()) {
  let reloads = 0;
  const d: OfflineDeps = {
    serviceWorker: sw as unknown as ServiceWorkerContainer,
    isolated,
    secure: true,
    session: {
      getItem: (k) => session.get(k) ?? null,
      setItem: (k, v) => void session.set(k, v),
      removeItem: (k) => void session.delete(k),
    },
    reload: () => reloads++,
    activeTimeoutMs: 50,
  };
  return { d, reloads: () => reloads, session };
}

describe('registerOffline', () => {
  it('registers sw.js relative to the page with the page directory as scope', async () => {
    const sw = fakeSw(true);
    const { d, reloads } = deps(sw, true);
    expect((await registerOffline(d)).status).toBe('ready');
    expect(sw.registered).toEqual(['./sw.js', './']);
    expect(reloads()).toBe(0);
  });

  it('reloads once when not isolated, once the worker is active, without waiting for it to claim the page', async () => {
    const sw = fakeSw(false);
    const { d, reloads, session } = deps(sw, false);
    const pending = registerOffline(d);
    setTimeout(() => sw.activate(), 5);
    expect((await pending).status).toBe('installing');
    expect(reloads()).toBe(1);
    expect(session.get(RELOAD_FLAG)).toBe('1');
    // Still not isolated after the reload (a browser that ignores the headers): no second reload.
    const again = deps(sw, false, session);
    expect((await registerOffline(again.d)).status).toBe('ready');
    expect(again.reloads()).toBe(0);
  });

  it('does not reload while the worker is not active yet, and says so', async () => {
    const { d, reloads } = deps(fakeSw(false), false);
    expect(inEnglish(await registerOffline(d))).toMatchObject({ status: 'installing', message: expect.stringMatching(/still installing/) });
    expect(reloads()).toBe(0);
  });

  it('reports no support and install failures', async () => {
    expect((await registerOffline(deps(undefined, false).d)).status).toBe('unsupported');
    expect(inEnglish(await registerOffline(deps(fakeSw(true, true), true).d))).toMatchObject({ status: 'error', message: expect.stringMatching(/bad script/) });
  });
});

describe('registerOffline while busy', () => {
  it('asks the user to reload instead of reloading over a running download', async () => {
    const { d, reloads } = deps(fakeSw(true), false);
    const result = await registerOffline({ ...d, canReload: () => false });
    expect(inEnglish(result)).toMatchObject({ status: 'ready', message: expect.stringMatching(/Reload the page/) });
    expect(reloads()).toBe(0);
  });
});
