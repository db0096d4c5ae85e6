import { describe, expect, it } from 'vitest';
import { keyLabel, opensHelp, SHORTCUTS } from './shortcuts.ts';

const el = (tagName: string, opts: { editable?: boolean; inEditor?: boolean } = {}) => ({
  tagName,
  isContentEditable: opts.editable ?? false,
  closest: (s: string) => (s === '.monaco-editor' && opts.inEditor ? {} : null),
});
const key = (k: string, target: unknown, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
  target: target as EventTarget,
});

describe('shortcuts', () => {
  it('opens the list on ? outside text fields and the editor only', () => {
    expect(opensHelp(key('?', el('BODY')))).toBe(true);
    expect(opensHelp(key('?', el('BUTTON')))).toBe(true);
    expect(opensHelp(key('?', null))).toBe(true);
    expect(opensHelp(key('?', el('TEXTAREA')))).toBe(false);
    expect(opensHelp(key('?', el('INPUT')))).toBe(false);
    expect(opensHelp(key('?', el('DIV', { editable: true })))).toBe(false);
    expect(opensHelp(key('?', el('DIV', { inEditor: true })))).toBe(false);
    expect(opensHelp(key('/', el('BODY')))).toBe(false);
    expect(opensHelp(key('?', el('BODY'), { ctrlKey: true }))).toBe(false);
  });

  it('writes Mod as the platform does', () => {
    expect(keyLabel('Mod', true)).toBe('⌘');
    expect(keyLabel('Mod', false)).toBe('Ctrl');
    expect(keyLabel('Tab', true)).toBe('Tab');
  });

  it('lists each shortcut once', () => {
    const seen = SHORTCUTS.map((s) => `${s.keys.join('+')}@${s.where.key}`);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
