import { describe, expect, it } from 'vitest';
import { cleanCompletion, completionSettled, type CompletionContext } from './postprocess.ts';

const py = (prefix: string, suffix = ''): CompletionContext => ({ prefix, suffix, language: 'python' });

describe('completionSettled: when generation may stop', () => {
  it('a mid-line completion is settled at its first line break', () => {
    const ctx = py('total = sum(', ', start=0)\nprint(total)');
    expect(completionSettled('values', ctx)).toBe(false);
    expect(completionSettled('values\n', ctx)).toBe(true);
  });

  it('a block is settled once a whole line dedents out of it, not before', () => {
    const ctx = py('def fib(n):\n', '\n\nprint(fib(10))');
    const body = '    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n';
    expect(completionSettled(body, ctx)).toBe(false);
    expect(completionSettled(`${body}\ndef ot`, ctx)).toBe(false);
    expect(completionSettled(`${body}\ndef other():\n`, ctx)).toBe(true);
    // Stopping there shows what the whole answer would have shown.
    expect(cleanCompletion(`${body}\ndef other():\n`, ctx)).toBe(cleanCompletion(`${body}\ndef other():\n    pass\n\nx = 1\n`, ctx));
  });

  it('a spelled-out end marker, and the line cap, settle it', () => {
    const ctx = { ...py('x = [\n'), maxLines: 3 };
    expect(completionSettled('1,<｜fim▁end｜>', ctx)).toBe(true);
    expect(completionSettled('1,\n2,\n', ctx)).toBe(false);
    expect(completionSettled('1,\n2,\n3,\n', ctx)).toBe(true);
  });
});
