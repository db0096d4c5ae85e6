// Which of the interface's languages a browser asks for. Chinese is told apart by script:
// Taiwan, Hong Kong and Macau, or an explicit Hant, read Traditional; other Chinese, Simplified.
import { baseLocale, locales, type Locale } from '../../paraglide/runtime.js';

const TRADITIONAL = /^zh-(hant|tw|hk|mo)\b/i;

export function isLocale(x: unknown): x is Locale {
  return typeof x === 'string' && (locales as readonly string[]).includes(x);
}

/** The first of the browser's languages the interface speaks, else the base locale (English). */
export function negotiate(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const t = tag.toLowerCase();
    if (t === 'zh' || t.startsWith('zh-')) return TRADITIONAL.test(t) ? 'zh-Hant' : 'zh-Hans';
    if (t === 'en' || t.startsWith('en-')) return 'en';
  }
  return baseLocale;
}

/** The interface's name for each language, in that language. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-Hans': '简体中文', 'zh-Hant': '繁體中文' };

/** A count for this locale (grouping: 1,536 / 1,536). */
export function formatNumber(n: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}
