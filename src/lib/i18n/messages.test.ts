// Every language has every message, with the same placeholders: a missing translation or a
// renamed {name} fails here, not in front of a reader.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locales } from '../../paraglide/runtime.js';

const read = (locale: string): Record<string, string> => {
  const { $schema: _schema, ...messages } = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
  return messages;
};
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe('messages', () => {
  const base = read('en');
  for (const locale of locales.filter((l) => l !== 'en')) {
    it(`${locale} has every English message, with the same placeholders, and nothing else`, () => {
      const other = read(locale);
      expect(Object.keys(other).sort()).toEqual(Object.keys(base).sort());
      for (const [key, text] of Object.entries(base)) {
        expect(placeholders(other[key]), key).toEqual(placeholders(text));
        expect(other[key].trim(), key).not.toBe('');
      }
    });
  }
});
