// The interface language: the user's choice (kept in localStorage by Paraglide's own strategy),
// else the browser's languages, else English. Never part of a share link.
import { defineCustomClientStrategy, getLocale, setLocale, type Locale } from '../../paraglide/runtime.js';
import { negotiate } from './negotiate.ts';

let defined = false;

/** Paraglide's "custom-browser" strategy: follows navigator.languages until the user picks one. */
export function followBrowserLanguage(languages: () => readonly string[]): void {
  if (defined) return;
  defined = true;
  defineCustomClientStrategy('custom-browser', { getLocale: () => negotiate(languages()), setLocale: () => {} });
}

export class UiLocale {
  current = $state<Locale>(getLocale());

  constructor(private readonly root: { lang: string } | null) {
    this.apply();
  }

  set(locale: Locale): void {
    // No reload: the page re-renders its text ({#key} in App.svelte) and keeps its state.
    void setLocale(locale, { reload: false });
    this.current = locale;
    this.apply();
  }

  private apply(): void {
    if (this.root) this.root.lang = this.current;
  }
}
