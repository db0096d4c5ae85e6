import { describe, expect, it } from 'vitest';
import { draftsLine as line } from './drafts-line.ts';
import { render } from '../i18n/render.ts';

const draftsLine = (...args: Parameters<typeof line>): string => render(line(...args), 'en');

const f = { steps: 59, drafted: 610, accepted: 471, forwards: 83, generated: 554, decodeMs: 255, speedup: 3.04 };

describe('draftsLine', () => {
  it('says how many drafted tokens were kept, in how many passes, and the speed-up', () => {
    expect(draftsLine(f, true)).toBe('Last answer: 471 of 610 drafted tokens kept (77%) · 554 tokens in 83 passes · ~3.0× the speed of one token per pass.');
    expect(draftsLine({ ...f, speedup: null }, true)).toBe('Last answer: 471 of 610 drafted tokens kept (77%) · 554 tokens in 83 passes.');
  });

  it('says when nothing could be drafted, and when drafts are off', () => {
    expect(draftsLine({ ...f, drafted: 0, accepted: 0, steps: 0, forwards: 554 }, true)).toBe('Last answer: 554 tokens, nothing to draft from the text (one token per pass).');
    expect(draftsLine(null, true)).toContain('No answer decoded with drafts yet');
    expect(draftsLine(null, false)).toBe('Off: answers decode one token per pass.');
  });
});
