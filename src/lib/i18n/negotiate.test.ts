import { describe, expect, it } from 'vitest';
import { formatNumber, negotiate } from './negotiate.ts';

describe('negotiate', () => {
  it("takes the first of the browser's languages the interface speaks", () => {
    expect(negotiate(['zh-CN', 'en'])).toBe('zh-Hans');
    expect(negotiate(['zh'])).toBe('zh-Hans');
    expect(negotiate(['zh-SG'])).toBe('zh-Hans');
    expect(negotiate(['zh-Hans-CN'])).toBe('zh-Hans');
    expect(negotiate(['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
  });

  it('reads Traditional Chinese for Taiwan, Hong Kong, Macau and an explicit Hant', () => {
    for (const tag of ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW', 'ZH-tw']) expect(negotiate([tag]), tag).toBe('zh-Hant');
  });

  it('falls back to English', () => {
    expect(negotiate([])).toBe('en');
    expect(negotiate(['de', 'ja'])).toBe('en');
    expect(negotiate(['zhx'])).toBe('en');
  });

  it('formats numbers for the locale', () => {
    expect(formatNumber(1536, 'en')).toBe('1,536');
    expect(formatNumber(2.345, 'zh-Hans', 1)).toBe('2.3');
  });
});
