import { describe, expect, it } from 'vitest';
import { loadStepsLine as line } from './load-steps.ts';
import { render } from '../i18n/render.ts';

const loadStepsLine = (...args: Parameters<typeof line>): string => {
  const t = line(...args);
  return t ? render(t, 'en') : '';
};

describe('loadStepsLine', () => {
  it('names each step that took time, in load order, and where the files came from', () => {
    expect(loadStepsLine({ steps: { warmup: 3900, session: 24_900, download: 4200, check: 20 }, fromCache: true })).toBe(
      'Cached load: files 4.2 s (browser cache), session 25 s, warm-up 3.9 s.',
    );
    expect(loadStepsLine({ steps: { download: 61_000, session: 9000 }, fromCache: false })).toBe('Load: files 61 s (network), session 9.0 s.');
  });

  it('says nothing without a breakdown', () => {
    expect(loadStepsLine({})).toBe('');
  });
});
