import { describe, expect, it } from 'vitest';
import { proposedText, staleReason as stale, targetOf, withTrailingNewline } from './apply-target.ts';
import { render } from '../i18n/render.ts';

const staleReason = (...args: Parameters<typeof stale>): string | null => {
  const t = stale(...args);
  return t && render(t, 'en');
};

const file = 'def f(x):\n    return x+1\n\nprint(f(1))\n';

describe('apply targets', () => {
  it('an empty selection targets the whole file', () => {
    const t = targetOf('a.py', file, 5, 5);
    expect(t).toMatchObject({ whole: true, start: 0, end: file.length, original: file });
    expect(proposedText(file, t, 'x = 1\n')).toBe('x = 1\n');
  });

  it('a selection (either direction) is replaced in place, the rest kept', () => {
    const start = file.indexOf('x+1');
    const t = targetOf('a.py', file, start + 3, start);
    expect(t.original).toBe('x+1');
    expect(proposedText(file, t, 'x + 1')).toBe('def f(x):\n    return x + 1\n\nprint(f(1))\n');
  });

  it('says when the file or the selected text changed, or another file is open', () => {
    const start = file.indexOf('x+1');
    const t = targetOf('a.py', file, start, start + 3);
    expect(staleReason('a.py', file, t)).toBeNull();
    expect(staleReason('a.py', `# new\n${file}`, t)).toMatch(/changed since/);
    expect(staleReason('b.py', file, t)).toMatch(/open it to apply/);
    const whole = targetOf('a.py', file, 0, 0);
    expect(staleReason('a.py', `${file}x`, whole)).toMatch(/changed since/);
  });

  it('keeps a whole file ending in a newline', () => {
    const whole = targetOf('a.py', file, 0, 0);
    expect(withTrailingNewline('pass', whole)).toBe('pass\n');
    expect(withTrailingNewline('pass', targetOf('a.py', file, 0, 3))).toBe('pass');
  });
});
