import { describe, expect, it } from 'vitest';
import { NETWORK_GLOBALS, OutputSink, cutNetwork, programTraceback } from './support.ts';

describe('cutNetwork', () => {
  it('removes own and inherited network globals and leaves the rest', () => {
    const proto = { fetch: () => 1, WebSocket: class {} };
    const scope = Object.assign(Object.create(proto) as Record<string, unknown>, {
      XMLHttpRequest: class {},
      importScripts: () => {},
      setTimeout: () => 0,
    });
    expect(cutNetwork(scope)).toEqual([]);
    for (const name of ['fetch', 'WebSocket', 'XMLHttpRequest', 'importScripts']) expect(scope[name]).toBeUndefined();
    expect(typeof scope.setTimeout).toBe('function');
    expect(NETWORK_GLOBALS).toContain('fetch');
  });

  it('reports a global it could not remove', () => {
    const scope: Record<string, unknown> = {};
    Object.defineProperty(scope, 'fetch', { value: () => 1, configurable: false, writable: false, enumerable: true });
    expect(cutNetwork(scope)).toEqual(['fetch']);
  });
});

describe('OutputSink', () => {
  it('keeps text up to the cap and says it cut the rest', () => {
    const sink = new OutputSink();
    sink.reset(5);
    const enc = new TextEncoder();
    expect(sink.write(enc.encode('abc'))).toBe(3);
    expect(sink.write(enc.encode('defgh'))).toBe(5);
    expect(sink.write(enc.encode('more'))).toBe(4);
    expect(sink.truncated).toBe(true);
    expect(sink.text()).toBe('abcde\n[output cut]');
    sink.reset(100);
    expect(sink.text()).toBe('');
  });

  it('decodes UTF-8 split across writes', () => {
    const sink = new OutputSink();
    sink.reset(100);
    const bytes = new TextEncoder().encode('π=3.14');
    sink.write(bytes.slice(0, 1));
    sink.write(bytes.slice(1));
    expect(sink.text()).toBe('π=3.14');
  });
});

describe('programTraceback', () => {
  it("drops Pyodide's own frames and keeps the program's", () => {
    const raw =
      'Traceback (most recent call last):\n  File "/lib/python314.zip/_pyodide/_base.py", line 539, in eval_code\n' +
      '    .run(globals, locals)\n  File "<program>", line 3, in <module>\n  File "<program>", line 2, in f\n' +
      'ZeroDivisionError: division by zero\n';
    expect(programTraceback(raw)).toBe(
      'Traceback (most recent call last):\n  File "<program>", line 3, in <module>\n  File "<program>", line 2, in f\n' +
        'ZeroDivisionError: division by zero',
    );
  });
});
