// The sandbox's Python runner in Node, on the same Pyodide files the app serves.
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadPyodide } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import { PythonSandbox } from './python.ts';

let sandbox: PythonSandbox;
beforeAll(async () => {
  const dir = path.dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
  sandbox = await PythonSandbox.load(loadPyodide, `${dir}/`);
});

describe('PythonSandbox', () => {
  it('runs a program and captures its output', () => {
    const r = sandbox.run(1, 'import math\nprint(math.comb(10, 3))', 1000);
    expect(r).toMatchObject({ type: 'result', id: 1, ok: true, stdout: '120\n', error: null, truncated: false });
    expect(sandbox.version).toMatch(/^3\.\d+/);
  });

  it('gives each program a fresh namespace', () => {
    expect(sandbox.run(2, 'x = 41', 1000).ok).toBe(true);
    const r = sandbox.run(3, 'print(x + 1)', 1000);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/^Traceback[\s\S]*File "<program>", line 1[\s\S]*NameError: name 'x' is not defined$/);
  });

  it('caps the output and says so', () => {
    const r = sandbox.run(4, "print('y' * 500)", 100);
    expect(r.truncated).toBe(true);
    expect(r.stdout).toBe(`${'y'.repeat(100)}\n[output cut]`);
  });

  it('Python reaches no JavaScript global through `import js`', () => {
    const r = sandbox.run(5, 'import js\nprint(hasattr(js, "fetch"), hasattr(js, "eval"))', 1000);
    expect(r.stdout).toBe('False False\n');
  });
});
