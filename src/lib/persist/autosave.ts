// The page's state in localStorage: written often, read once at start. Pure over an injected
// Storage, so the rules (validate on read, keep unreadable data aside, never throw) unit-test.
import { validateWire } from '../share/schema.ts';
import type { ShareState } from '../share/state.ts';
import { fromWire, toWire } from '../share/wire.ts';
import { thrownText, type Text } from '../i18n/text.ts';

export const AUTOSAVE_KEY = 'seekpad.autosave.v1';
/** The user's own work, set aside when a link replaced it. */
export const YOUR_WORK_KEY = 'seekpad.yourwork.v1';

export interface Saved {
  state: ShareState;
  /** The share hash the URL held when this was saved: that link is this work, not a new one. */
  hash: string | null;
}

export type LoadResult = { saved: Saved | null; problem: Text | null };

function describe(err: unknown): Text {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'QuotaExceededError') return { key: 'autosave_full' };
  if (name === 'SecurityError') return { key: 'autosave_denied' };
  return thrownText(err);
}

/** Saves a state; returns a message instead of throwing when the storage refuses. */
export function save(storage: Storage | null, key: string, saved: Saved): Text | null {
  if (!storage) return { key: 'autosave_off' };
  try {
    storage.setItem(key, JSON.stringify({ v: 1, w: toWire({ ...saved.state, embed: false }), h: saved.hash }));
    return null;
  } catch (err) {
    return { key: 'autosave_failed', params: { why: describe(err) } };
  }
}

export function load(storage: Storage | null, key: string): LoadResult {
  if (!storage) return { saved: null, problem: null };
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch (err) {
    return { saved: null, problem: { key: 'autosave_read_failed', params: { why: describe(err) } } };
  }
  if (raw === null) return { saved: null, problem: null };
  let why: Text;
  try {
    const data = JSON.parse(raw) as { v?: unknown; w?: unknown; h?: unknown };
    const checked = data.v === 1 ? validateWire(data.w, 'store') : null;
    if (checked?.ok) return { saved: { state: fromWire(checked.wire), hash: typeof data.h === 'string' ? data.h : null }, problem: null };
    why = checked ? checked.message : { key: 'autosave_unknown_format' };
  } catch (err) {
    why = describe(err);
  }
  // Keep what could not be read instead of overwriting it with the next save.
  try {
    storage.setItem(`${key}.unreadable`, raw);
  } catch {
    /* nothing more to do */
  }
  return { saved: null, problem: { key: 'autosave_unreadable', params: { why, key: `${key}.unreadable` } } };
}

export function forget(storage: Storage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    /* nothing to do: a missing copy is the goal */
  }
}

/** localStorage, or null where reading it throws (sandboxed frames, blocked storage). */
export function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
