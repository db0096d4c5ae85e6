import { describe, expect, it } from 'vitest';
import { THEME_KEY, monacoTheme, readThemeChoice, resolveTheme } from './theme.ts';

function storage(value: string | null, throws = false): Storage {
  return { getItem: () => { if (throws) throw new Error('blocked'); return value; } } as unknown as Storage;
}

describe('theme', () => {
  it("follows the system until a choice is made", () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('reads a stored choice, and anything else as the system', () => {
    expect(THEME_KEY).toBe('seekpad.theme.v1');
    expect(readThemeChoice(storage('dark'))).toBe('dark');
    expect(readThemeChoice(storage('purple'))).toBe('system');
    expect(readThemeChoice(storage(null))).toBe('system');
    expect(readThemeChoice(storage('dark', true))).toBe('system');
    expect(readThemeChoice(null)).toBe('system');
  });

  it("gives Monaco's theme", () => {
    expect(monacoTheme('dark')).toBe('vs-dark');
    expect(monacoTheme('light')).toBe('vs');
  });
});
