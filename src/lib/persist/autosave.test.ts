import { describe, expect, test } from 'vitest';
import { defaultShareState } from '../share/state.ts';
import { AUTOSAVE_KEY, load, save } from './autosave.ts';
import { render } from '../i18n/render.ts';
import type { Text } from '../i18n/text.ts';

const said = (t: Text | null): string | null => (t ? render(t, 'en') : null);

class MemoryStorage implements Storage {
  data = new Map<string, string>();
  quota = Infinity;
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
  setItem(k: string, v: string) {
    if (v.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.data.set(k, v);
  }
}

function work() {
  const s = defaultShareState();
  s.files = [{ path: 'a.py', text: 'x = "ü👋"\r\n'.repeat(1000) }, { path: 'b.py', text: '' }];
  s.active = 'b.py';
  s.chat.turns = [{ role: 'user', content: 'hi' }];
  return s;
}

describe('autosave', () => {
  test('saves and restores every field, with the hash it belongs to', () => {
    const st = new MemoryStorage();
    expect(save(st, AUTOSAVE_KEY, { state: work(), hash: '#v1/abc' })).toBeNull();
    expect(load(st, AUTOSAVE_KEY)).toEqual({ saved: { state: work(), hash: '#v1/abc' }, problem: null });
  });

  test('holds files larger than a share link may', () => {
    const st = new MemoryStorage();
    const s = work();
    s.files[0].text = 'y'.repeat(3_000_000);
    save(st, AUTOSAVE_KEY, { state: s, hash: null });
    expect(load(st, AUTOSAVE_KEY).saved?.state.files[0].text.length).toBe(3_000_000);
  });

  test('a full storage gives a message, never an exception', () => {
    const st = new MemoryStorage();
    st.quota = 100;
    expect(said(save(st, AUTOSAVE_KEY, { state: work(), hash: null }))).toMatch(/Autosave failed: the browser's storage for this page is full/);
    expect(said(save(null, AUTOSAVE_KEY, { state: work(), hash: null }))).toMatch(/Autosave is off/);
  });

  test('nothing saved yet is not a problem', () => {
    expect(load(new MemoryStorage(), AUTOSAVE_KEY)).toEqual({ saved: null, problem: null });
  });

  test('unreadable data is kept aside, not overwritten', () => {
    for (const raw of ['{not json', '{"v":1,"w":{"f":[["../x","y"]]}}', '{"v":9}']) {
      const st = new MemoryStorage();
      st.setItem(AUTOSAVE_KEY, raw);
      const r = load(st, AUTOSAVE_KEY);
      expect(r.saved).toBeNull();
      expect(said(r.problem)).toMatch(/could not be read/);
      expect(st.getItem(`${AUTOSAVE_KEY}.unreadable`)).toBe(raw);
    }
  });
});
