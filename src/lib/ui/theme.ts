// Light or dark: the user's choice, else the system's. Pure, so the rules unit-test.
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'light' | 'dark';

export const THEME_KEY = 'seekpad.theme.v1';

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

export function readThemeChoice(storage: Storage | null): ThemeChoice {
  try {
    const v = storage?.getItem(THEME_KEY);
    return (THEME_CHOICES as readonly string[]).includes(v ?? '') ? (v as ThemeChoice) : 'system';
  } catch {
    return 'system';
  }
}

/** Monaco's built-in theme for a page theme. */
export const monacoTheme = (t: Theme): string => (t === 'dark' ? 'vs-dark' : 'vs');
