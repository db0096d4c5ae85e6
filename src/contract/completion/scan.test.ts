import { describe, expect, it } from 'vitest';
import { languageInfo } from '../prompts/languages.ts';
import { BracketScanner, bracketDepth, indentWidth, startsWithCloser } from './scan.ts';

const PY = languageInfo('python');
const TS = languageInfo('typescript');

describe('indentation helpers', () => {
  it('measures indentation, a tab as 4', () => {
    expect(indentWidth('    x')).toBe(4);
    expect(indentWidth('\tx')).toBe(4);
    expect(indentWidth('x')).toBe(0);
    expect(indentWidth('   ')).toBe(3);
  });

  it('recognises closing lines', () => {
    expect(startsWithCloser('  });')).toBe(true);
    expect(startsWithCloser('} else {')).toBe(true);
    expect(startsWithCloser('  foo()')).toBe(false);
  });
});

describe('BracketScanner', () => {
  it('counts brackets, reporting the lowest depth on a line', () => {
    const s = new BracketScanner(TS);
    expect(s.line('} else {')).toBe(-1);
    expect(s.depth).toBe(0);
    s.line('foo(bar[1], {');
    expect(s.depth).toBe(2);
  });

  it('skips strings and comments', () => {
    expect(bracketDepth("const s = '(' + \"[\" + `{`; // )", TS)).toBe(0);
    expect(bracketDepth('f(/* ) */ 1', TS)).toBe(1);
    expect(bracketDepth("s = ')'  # (", PY)).toBe(0);
    expect(bracketDepth("'it\\'s (' + x", PY)).toBe(0);
  });

  it('carries template literals, triple quotes and block comments across lines', () => {
    const t = new BracketScanner(TS);
    t.line('const a = `');
    expect(t.continuing).toBe(true);
    t.line('}}}');
    t.line('`;');
    expect(t.continuing).toBe(false);
    expect(t.depth).toBe(0);
    expect(bracketDepth('"""\n(((\n"""\n(', PY)).toBe(1);
    expect(bracketDepth('/*\n{\n*/ {', TS)).toBe(1);
  });

  it('an unterminated quote ends with its line', () => {
    expect(bracketDepth("x = 'oops\n(", PY)).toBe(1);
  });

  it("Rust lifetimes are not strings", () => {
    expect(bracketDepth("fn f<'a>(x: &'a str) {", languageInfo('rust'))).toBe(1);
  });
});
