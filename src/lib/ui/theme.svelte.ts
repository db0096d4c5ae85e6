// The page theme as state: follows the system until the user picks one (kept in localStorage),
// and sets data-theme on the root element, which the design tokens in app.css key on.
import { THEME_KEY, readThemeChoice, resolveTheme, type Theme, type ThemeChoice } from './theme.ts';

export class ThemeState {
  choice = $state<ThemeChoice>('system');
  private systemDark = $state(false);
  readonly resolved: Theme = $derived(resolveTheme(this.choice, this.systemDark));

  constructor(
    private readonly storage: Storage | null,
    private readonly root: { dataset: DOMStringMap } | null,
    media: MediaQueryList | null,
  ) {
    this.choice = readThemeChoice(storage);
    this.systemDark = media?.matches ?? false;
    media?.addEventListener('change', (e) => {
      this.systemDark = e.matches;
      this.apply();
    });
    this.apply();
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      if (choice === 'system') this.storage?.removeItem(THEME_KEY);
      else this.storage?.setItem(THEME_KEY, choice);
    } catch {
      /* the choice still holds for this visit */
    }
    this.apply();
  }

  private apply(): void {
    if (this.root) this.root.dataset.theme = resolveTheme(this.choice, this.systemDark);
  }
}
