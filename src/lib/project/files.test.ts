import { describe, expect, it } from 'vitest';
import { freshPath, languageOf, pathProblem as problem } from './files.ts';
import { render } from '../i18n/render.ts';

const pathProblem = (...args: Parameters<typeof problem>): string | null => {
  const t = problem(...args);
  return t && render(t, 'en');
};

describe('project files', () => {
  it('maps extensions to Monaco languages', () => {
    expect(languageOf('a/b.py')).toBe('python');
    expect(languageOf('x.TS')).toBe('typescript');
    expect(languageOf('README')).toBe('plaintext');
  });
  it('rejects bad paths with a reason', () => {
    expect(pathProblem('', [])).toMatch(/name/);
    expect(pathProblem('../x.py', [])).toMatch(/relative/);
    expect(pathProblem('/x.py', [])).toMatch(/relative/);
    expect(pathProblem('a//b.py', [])).toMatch(/relative/);
    expect(pathProblem('a<b.py', [])).toMatch(/characters/);
    expect(pathProblem('a.py', ['a.py'])).toMatch(/exists/);
    expect(pathProblem('a.py', ['a.py'], 'a.py')).toBeNull();
    expect(pathProblem('src/util.py', ['a.py'])).toBeNull();
  });
  it('finds a free name', () => {
    expect(freshPath([])).toBe('untitled.py');
    expect(freshPath(['untitled.py', 'untitled-2.py'])).toBe('untitled-3.py');
  });
});
