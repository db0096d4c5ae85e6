// The keyboard shortcuts the `?` list shows: one list, read by the dialog and by the tests.
import type { Text } from '../i18n/text.ts';

export interface Shortcut {
  /** Key names as the list shows them; "Mod" is Ctrl, or ⌘ on a Mac. */
  keys: readonly string[];
  what: Text;
  where: Text;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['?'], what: { key: 'shortcut_help' }, where: { key: 'shortcut_where_page' } },
  { keys: ['Alt', '\\'], what: { key: 'shortcut_complete' }, where: { key: 'shortcut_where_editor' } },
  { keys: ['Tab'], what: { key: 'shortcut_accept' }, where: { key: 'shortcut_where_ghost' } },
  { keys: ['Esc'], what: { key: 'shortcut_dismiss' }, where: { key: 'shortcut_where_ghost' } },
  { keys: ['Mod', 'M'], what: { key: 'shortcut_tab_focus' }, where: { key: 'shortcut_where_editor' } },
  { keys: ['F1'], what: { key: 'shortcut_palette' }, where: { key: 'shortcut_where_editor' } },
  { keys: ['Mod', 'Z'], what: { key: 'shortcut_undo_apply' }, where: { key: 'shortcut_where_editor' } },
  { keys: ['Mod', 'Enter'], what: { key: 'shortcut_send' }, where: { key: 'shortcut_where_message' } },
  { keys: ['←', '→'], what: { key: 'shortcut_resize' }, where: { key: 'shortcut_where_divider' } },
  { keys: ['Esc'], what: { key: 'shortcut_close' }, where: { key: 'shortcut_where_dialog' } },
];

/** "Mod" as this platform writes it. */
export function keyLabel(key: string, mac: boolean): string {
  return key === 'Mod' ? (mac ? '⌘' : 'Ctrl') : key;
}

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

/** `?` typed anywhere but in a text field or the editor (where it is a character). */
export function opensHelp(e: KeyLike): boolean {
  if (e.key !== '?' || e.ctrlKey || e.altKey || e.metaKey) return false;
  const el = e.target as { tagName?: string; isContentEditable?: boolean; closest?: (s: string) => unknown } | null;
  if (!el || typeof el.tagName !== 'string') return true;
  if (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable) return false;
  return !el.closest?.('.monaco-editor');
}
