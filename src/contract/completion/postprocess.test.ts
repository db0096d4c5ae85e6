import { describe, expect, it } from 'vitest';
import { cleanCompletion, cutAtStops } from './postprocess.ts';

/** Splits a document at the cursor mark █ into prefix and suffix. */
function at(doc: string): { prefix: string; suffix: string } {
  const i = doc.indexOf('█');
  if (i < 0) throw new Error('no cursor mark');
  return { prefix: doc.slice(0, i), suffix: doc.slice(i + 1) };
}
const py = (doc: string, raw: string, maxLines?: number) => cleanCompletion(raw, { ...at(doc), language: 'python', maxLines });
const ts = (doc: string, raw: string) => cleanCompletion(raw, { ...at(doc), language: 'typescript' });

describe('cutAtStops', () => {
  it('cuts at the earliest marker', () => {
    expect(cutAtStops('a<｜fim▁end｜>b<｜end▁of▁sentence｜>')).toBe('a');
    expect(cutAtStops('a<|EOT|>b')).toBe('a');
    expect(cutAtStops('plain')).toBe('plain');
  });
});

describe('cleanCompletion: markers and whitespace', () => {
  it('cuts at FIM markers and EOS text', () => {
    expect(py('x = █\n', '42<｜fim▁hole｜>\nprint(x)')).toBe('42');
    expect(py('x = █\n', '42<｜end▁of▁sentence｜>')).toBe('42');
    expect(py('x = █\n', '<｜fim▁end｜>anything')).toBe('');
  });

  it('returns empty for whitespace only', () => {
    expect(py('x = 1\n█', '\n\n   \n')).toBe('');
    expect(py('x = 1\n█', '')).toBe('');
  });

  it('drops trailing blank lines and trailing spaces', () => {
    expect(py('def f():\n    █', 'return 1   \n\n\n   ')).toBe('return 1');
  });

  it('normalises CRLF', () => {
    expect(py('def f():\n    █', 'a = 1\r\n    return a\r\n')).toBe('a = 1\n    return a');
  });

  it('keeps at most maxLines lines', () => {
    const raw = Array.from({ length: 30 }, (_, i) => `x${i} = ${i}`).join('\n');
    expect(py('█', raw).split('\n')).toHaveLength(16);
    expect(py('█', raw, 3)).toBe('x0 = 0\nx1 = 1\nx2 = 2');
  });
});

describe('cleanCompletion: Python blocks', () => {
  it('stops when the completion dedents out of the function', () => {
    const doc = 'import math\n\ndef area(r):\n    █\n';
    const raw = 'return math.pi * r * r\n\n\ndef perimeter(r):\n    return 2 * math.pi * r\n';
    expect(py(doc, raw)).toBe('return math.pi * r * r');
  });

  it('after a block opener, keeps the indented body only', () => {
    const raw = '\n    return a + b\n\ndef sub(a, b):\n    return a - b';
    expect(py('def add(a, b):█\n', raw)).toBe('\n    return a + b');
    expect(py('def add(a, b):█\n', '\n    return a + b\ndef sub(a, b):')).toBe('\n    return a + b');
  });

  it('completes a signature and its body', () => {
    const raw = 'a, b):\n    return a + b\n\n\ndef sub(a, b):';
    expect(py('def add(█\n', raw)).toBe('a, b):\n    return a + b');
  });

  it('keeps else/elif/except/finally at the opener indentation', () => {
    const doc = 'def sign(x):\n    if x > 0:█\n';
    const raw = '\n        return 1\n    elif x < 0:\n        return -1\n    else:\n        return 0\n\nprint(sign(2))';
    expect(py(doc, raw)).toBe('\n        return 1\n    elif x < 0:\n        return -1\n    else:\n        return 0');
    const t = 'def load(p):\n    try:█\n';
    expect(py(t, '\n        return open(p).read()\n    except OSError:\n        return None\nx = 1')).toBe(
      '\n        return open(p).read()\n    except OSError:\n        return None',
    );
  });

  it('stops at a blank line followed by a dedent', () => {
    const doc = 'def total(xs):\n    s = 0\n    █\n';
    expect(py(doc, 'for x in xs:\n        s += x\n\n    return s\n')).toBe('for x in xs:\n        s += x');
  });

  it('keeps going across a blank line at the same indentation', () => {
    const doc = 'def total(xs):\n    █\n';
    expect(py(doc, 's = sum(xs)\n\n    return s\n\n\ndef mean(xs):')).toBe('s = sum(xs)\n\n    return s');
  });

  it('at the top level, ends after the first top-level block', () => {
    const doc = 'import sys\n\n█\n';
    const raw = 'def main():\n    print(sys.argv)\n\nif __name__ == "__main__":\n    main()\n';
    expect(py(doc, raw)).toBe('def main():\n    print(sys.argv)');
  });

  it('is not fooled by a docstring that reaches column 0', () => {
    const doc = 'def f():\n    █\n';
    const raw = '"""Summary.\n\nDetails at column 0.\n"""\n    return 1\n\nx = 2';
    expect(py(doc, raw)).toBe('"""Summary.\n\nDetails at column 0.\n"""\n    return 1');
  });

  it('keeps a closing bracket on a dedented line, unless the suffix already has it', () => {
    const doc = 'result = compute(\n    a,\n    █';
    expect(py(doc, 'b,\n)\nprint(result)')).toBe('b,\n)');
    expect(py(`${doc}\n)\nprint(result)\n`, 'b,\n)\nprint(result)')).toBe('b,');
  });

  it('drops trailing lines that repeat the start of the suffix', () => {
    const doc = 'def double(x):\n    █\n    return y\n';
    expect(py(doc, 'y = x * 2\n    return y')).toBe('y = x * 2');
    const two = 'def f(x):\n    █\n\n    z = y + 1\n    return z\n';
    expect(py(two, 'y = x * 2\n    z = y + 1\n    return z')).toBe('y = x * 2');
  });

  it('returns empty when the completion only repeats the suffix', () => {
    expect(py('def f():\n    x = 1█\n    return x\n', '\n    return x')).toBe('');
  });
});

describe('cleanCompletion: mid-line', () => {
  it('drops a closing bracket the editor already inserted', () => {
    expect(py('print(█)\n', '"hello")')).toBe('"hello"');
    expect(py('values = [█]\n', '1, 2, 3]')).toBe('1, 2, 3');
  });

  it('keeps brackets the completion opened itself', () => {
    expect(py('print(█)\n', 'len(xs))')).toBe('len(xs)');
    expect(py('print(█)\n', 'len(xs)')).toBe('len(xs)');
  });

  it('does not repeat the rest of the line', () => {
    expect(py('y = █ + offset\n', 'scale(x) + offset')).toBe('scale(x)');
    expect(py('y = █ + offset\n', ' + offset')).toBe('');
  });

  it('keeps only the first line when code follows the cursor', () => {
    expect(py('y = █ + offset\n', 'scale(x)\nprint(y)')).toBe('scale(x)');
  });

  it('multi-line before closers only when the closers end up on their own line', () => {
    // The body would end up followed by "):".
    expect(py('def f(█):\n', 'a, b):\n    return a + b')).toBe('a, b');
    // The model stopped on a fresh line: the closers start it.
    expect(py('total = sum(█)\n', '\n    x * 2\n    for x in xs\n')).toBe('\n    x * 2\n    for x in xs\n');
    expect(py('total = sum(█)\n', '\n    x * 2\n    for x in xs\n)')).toBe('\n    x * 2\n    for x in xs\n');
  });
});

describe('cleanCompletion: TypeScript blocks', () => {
  it('stops at the brace that closes the function, dropping it when the suffix has it', () => {
    const doc = 'function area(r: number): number {\n  █\n}\n';
    expect(ts(doc, 'return Math.PI * r * r;\n}\n\nfunction perimeter(r: number) {')).toBe('return Math.PI * r * r;');
  });

  it('keeps the closing brace at the end of the file', () => {
    expect(ts('function area(r: number): number {\n  █', 'return r * r;\n}\n\nconsole.log(area(2));')).toBe('return r * r;\n}');
  });

  it('keeps the closing brace of a new function written between others', () => {
    const doc = 'function a() {}\n\nfunction b() {█\n\nfunction c() {}\n';
    expect(ts(doc, '\n  return 2;\n}\n\nfunction c() {}')).toBe('\n  return 2;\n}');
  });

  it('drops a closing brace when the rest of the body follows in the suffix', () => {
    const doc = 'function f() {\n  a();\n  █\n  c();\n}\n';
    expect(ts(doc, 'b();\n}')).toBe('b();');
  });

  it('keeps a method brace whose indentation differs from the class brace below', () => {
    expect(ts('class A {\n  foo() {█\n}\n', '\n    return 1;\n  }\n\n  bar() {}')).toBe('\n    return 1;\n  }');
  });

  it('completes an else branch and leaves the existing brace alone', () => {
    const doc = 'function f(x: boolean) {\n  if (x) {\n    █\n  }\n}\n';
    expect(ts(doc, 'a();\n  } else {\n    b();\n  }\n}')).toBe('a();\n  } else {\n    b();');
  });

  it('ends a nested callback at the enclosing });', () => {
    const doc = "describe('x', () => {\n  it('works', () => {\n    █\n  });\n});\n";
    expect(ts(doc, "expect(1).toBe(1);\n  });\n\n  it('more', () => {")).toBe('expect(1).toBe(1);');
  });

  it('at the top level, ends after a block followed by a blank line', () => {
    const doc = "import { run } from './run';\n\n█\n";
    expect(ts(doc, 'function main() {\n  run();\n}\n\nmain();')).toBe('function main() {\n  run();\n}');
  });

  it('continues past a block that closes inside the function', () => {
    const doc = 'function f(xs: number[]) {\n  █\n}\n';
    const raw = 'let s = 0;\n  for (const x of xs) {\n    s += x;\n  }\n  return s;\n}';
    expect(ts(doc, raw)).toBe('let s = 0;\n  for (const x of xs) {\n    s += x;\n  }\n  return s;');
  });

  it('ignores brackets in strings, template literals and comments', () => {
    const doc = 'function f() {\n  █';
    expect(ts(doc, "const s = '}';\n  // }\n  return s;\n}")).toBe("const s = '}';\n  // }\n  return s;\n}");
    expect(ts(doc, 'const html = `\n<div>\n}\n`;\n  return html;\n}')).toBe('const html = `\n<div>\n}\n`;\n  return html;\n}');
  });

  it('fills auto-closed braces and parentheses', () => {
    expect(ts('const point = {█};\n', '\n  x: 1,\n  y: 2,\n')).toBe('\n  x: 1,\n  y: 2,\n');
    expect(ts('const point = {█};\n', '\n  x: 1,\n  y: 2,\n}')).toBe('\n  x: 1,\n  y: 2,\n');
    expect(ts('const point = {█}\n', '\n  x: 1,\n}')).toBe('\n  x: 1,\n');
    expect(ts('console.log(█);\n', "'hi');")).toBe("'hi'");
    expect(ts('console.log(█);\n', "'hi'")).toBe("'hi'");
  });

  it('dedent below the cursor line ends the completion', () => {
    const doc = 'switch (k) {\n  case 1:\n    █\n}\n';
    expect(ts(doc, 'one();\n    break;\n  case 2:\n    two();')).toBe('one();\n    break;');
  });
});

describe('cleanCompletion: other languages', () => {
  it('markdown keeps paragraphs, within maxLines', () => {
    const md = cleanCompletion('more text.\n\n## Next\n\nBody', { prefix: '# Title\n\nSome ', suffix: '', language: 'markdown' });
    expect(md).toBe('more text.\n\n## Next\n\nBody');
  });

  it('an unknown language gets the generic rules only', () => {
    expect(cleanCompletion('b\nc\n\n', { prefix: 'a\n', suffix: '', language: 'whatever' })).toBe('b\nc');
  });
});

describe('a block opened by the completion on a fresh line', () => {
  it('keeps the statements after it at the same indentation', () => {
    const raw = '    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\nprint(fib(5))\n';
    expect(cleanCompletion(raw, { prefix: 'def fib(n):\n', suffix: '\n\nprint(fib(10))', language: 'python' })).toBe(
      '    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)',
    );
  });
});
