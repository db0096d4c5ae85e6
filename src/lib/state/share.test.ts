// The never-lose rules of ShareSession, without a browser: fake location, history and storage.
import { describe, expect, test } from 'vitest';
import { AUTOSAVE_KEY, YOUR_WORK_KEY, load, save } from '../persist/autosave.ts';
import { encode } from '../share/codec.ts';
import { defaultShareState, type ShareState } from '../share/state.ts';
import { ChatState } from './chat.svelte.ts';
import type { EngineState } from './engine.svelte.ts';
import { ProjectState } from './project.svelte.ts';
import { GenerationSettings } from './settings.svelte.ts';
import { ShareSession, type ShareEnv } from './share.svelte.ts';
import { Workspace } from './workspace.svelte.ts';
import { render } from '../i18n/render.ts';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

function setup(hash: string, storage = memoryStorage()) {
  const project = new ProjectState();
  const settings = new GenerationSettings();
  const ws = new Workspace(project, settings, defaultShareState().choice);
  const chat = new ChatState({} as EngineState, settings, () => ws.loadedFamily);
  ws.attachChat(chat);
  const noop = () => undefined;
  const env: ShareEnv = {
    storage,
    location: { hash, search: '', origin: 'http://x', pathname: '/' },
    history: { state: null, replaceState: noop },
    window: { addEventListener: noop, removeEventListener: noop },
    document: { addEventListener: noop, removeEventListener: noop, visibilityState: 'visible' },
  };
  return { ws, session: new ShareSession(ws, env, { embed: false }), storage };
}

function mine(): ShareState {
  const s = defaultShareState();
  s.files = [{ path: 'mine.py', text: 'my work\n' }];
  s.active = 'mine.py';
  s.settings.seed = 9;
  s.chat.turns = [{ role: 'user', content: 'hello' }];
  return s;
}

describe('ShareSession', () => {
  test('autosaved work comes back at start', async () => {
    const storage = memoryStorage();
    save(storage, AUTOSAVE_KEY, { state: mine(), hash: null });
    const { ws, session } = setup('', storage);
    await session.boot();
    expect(ws.snapshot()).toEqual(mine());
  });

  test('a link over autosaved work applies, keeps the work aside, and Return restores it', async () => {
    const storage = memoryStorage();
    save(storage, AUTOSAVE_KEY, { state: mine(), hash: null });
    const link = defaultShareState();
    link.files = [{ path: 'link.py', text: 'from the link\n' }];
    const { ws, session } = setup(await encode(link), storage);
    await session.boot();
    expect(ws.snapshot().files).toEqual(link.files);
    expect(session.yourWork).toEqual(mine());
    expect(load(storage, YOUR_WORK_KEY).saved?.state).toEqual(mine());
    session.returnToMyWork();
    expect(ws.snapshot()).toEqual(mine());
    expect(load(storage, AUTOSAVE_KEY).saved?.state).toEqual(mine());
  });

  test('the link this autosave was made from does not replace newer autosaved edits', async () => {
    const storage = memoryStorage();
    const hash = await encode(defaultShareState());
    save(storage, AUTOSAVE_KEY, { state: mine(), hash });
    const { ws, session } = setup(hash, storage);
    await session.boot();
    expect(ws.snapshot()).toEqual(mine());
    expect(session.yourWork).toBeNull();
  });

  test('a bad link leaves the work as it was, with a message', async () => {
    const storage = memoryStorage();
    save(storage, AUTOSAVE_KEY, { state: mine(), hash: null });
    const { ws, session } = setup('#v1/%3Cscript%3E', storage);
    await session.boot();
    expect(ws.snapshot()).toEqual(mine());
    expect(session.linkError && render(session.linkError, 'en')).toMatch(/could not be opened/);
  });

  test('starter files are not "work" worth a notice', async () => {
    const link = defaultShareState();
    link.settings.temperature = 1;
    const { session } = setup(await encode(link));
    await session.boot();
    expect(session.yourWork).toBeNull();
  });
});
