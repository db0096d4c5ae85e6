// The page's state in localStorage: written often, read once at start. Pure over an injected
// Storage, so the rules (validate on read, keep unreadable data aside, never throw) unit-test.
import { validateWire } from '../share/schema.ts';
import type { ShareState } from '../share/state.ts';
import { fromWire, toWire } from '../share/wire.ts';

export const AUTOSAVE_KEY = 'seekpad.autosave.v1';
/** The user's own work, set aside when a link replaced it. */
export const YOUR_WORK_KEY = 'seekpad.yourwork.v1';

export interface Saved {
  state: ShareState;
  /** The share hash the URL held when this was saved: that link is this work, not a new one. */
  hash: string | null;
}

export type LoadResult = { saved: Saved | null; problem: string | null };

function describe(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'QuotaExceededError') return "the browser's storage for this page is full";
  if (name === 'SecurityError') return 'the browser does not allow this page to store data';
  return err instanceof Error ? err.message : String(err);
}

/** Saves a state; returns a message instead of throwing when the storage refuses. */
export function save(storage: Storage | null, key: string, saved: Saved): string | null {
  if (!storage) return 'Autosave is off: this browser does not let the page store data.';
  try {
    storage.setItem(key, JSON.stringify({ v: 1, w: toWire({ ...saved.state, embed: false }), h: saved.hash }));
    return null;
  } catch (err) {
    return `Autosave failed: ${describe(err)}. Your work is still open here; copy it somewhere safe.`;
  }
}

export function load(storage: Storage | null, key: string): LoadResult {
  if (!storage) return { saved: null, problem: null };
  let raw: string | null;
  try {
    raw = storage.getItem(key);
  } catch (err) {
    return { saved: null, problem: `Could not read autosaved work: ${describe(err)}.` };
  }
  if (raw === null) return { saved: null, problem: null };
  try {
    const data = JSON.parse(raw) as { v?: unknown; w?: unknown; h?: unknown };
    if (data.v !== 1) throw new Error('unknown format');
    const checked = validateWire(data.w, 'store');
    if (!checked.ok) throw new Error(checked.message);
    return { saved: { state: fromWire(checked.wire), hash: typeof data.h === 'string' ? data.h : null }, problem: null };
  } catch (err) {
    // Keep what could not be read instead of overwriting it with the next save.
    try {
      storage.setItem(`${key}.unreadable`, raw);
    } catch {
      /* nothing more to do */
    }
    return { saved: null, problem: `Autosaved work could not be read (${describe(err)}); it was kept under "${key}.unreadable".` };
  }
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
