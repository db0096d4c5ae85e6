import { describe, expect, it } from 'vitest';
import { extractBoxed, finalAnswer, findBoxes } from './boxed.ts';

describe('extractBoxed', () => {
  it('finds nothing in text without boxes', () => {
    expect(extractBoxed('')).toEqual([]);
    expect(extractBoxed('The answer is 5.')).toEqual([]);
  });

  it('extracts a simple box', () => {
    expect(extractBoxed('So the answer is $\\boxed{42}$.')).toEqual(['42']);
  });

  it('balances nested braces', () => {
    expect(extractBoxed('\\boxed{\\frac{1}{2}}')).toEqual(['\\frac{1}{2}']);
    expect(extractBoxed('\\boxed{\\left\\{ x \\mid x^{2} > {1} \\right\\}}')).toEqual(['\\left\\{ x \\mid x^{2} > {1} \\right\\}']);
    expect(extractBoxed('\\boxed{\\text{(A)}}')).toEqual(['\\text{(A)}']);
  });

  it('treats escaped braces as characters, not groups', () => {
    expect(extractBoxed('\\boxed{\\{1, 2\\}}')).toEqual(['\\{1, 2\\}']);
    expect(extractBoxed('\\boxed{a \\} b}')).toEqual(['a \\} b']);
    // "\\" is a line break; the brace after it is a real one.
    expect(extractBoxed('\\boxed{a \\\\}b}')).toEqual(['a \\\\']);
  });

  it('returns every box in order', () => {
    expect(extractBoxed('First \\boxed{1}, then \\boxed{2} and \\fbox{3}.')).toEqual(['1', '2', '3']);
  });

  it('supports \\fbox', () => {
    expect(extractBoxed('\\fbox{x = 3}')).toEqual(['x = 3']);
  });

  it('allows space before the brace', () => {
    expect(extractBoxed('\\boxed {7}')).toEqual(['7']);
    expect(extractBoxed('\\boxed\n{7}')).toEqual(['7']);
  });

  it('takes a bare argument: \\boxed 5 and friends', () => {
    expect(extractBoxed('the answer is \\boxed 5')).toEqual(['5']);
    expect(extractBoxed('$\\boxed 12$')).toEqual(['12']);
    expect(extractBoxed('so \\boxed 12. Done')).toEqual(['12']);
    expect(extractBoxed('\\boxed5')).toEqual(['5']);
    expect(extractBoxed('\\boxed\\pi')).toEqual(['\\pi']);
    expect(extractBoxed('\\fbox 3.5, yes')).toEqual(['3.5']);
  });

  it('ignores other macros that start with boxed', () => {
    expect(extractBoxed('\\boxedsymbol{1} \\fboxsep{2}')).toEqual([]);
    expect(extractBoxed('\\boxedx')).toEqual([]);
  });

  it('keeps an inner box as part of the outer one', () => {
    expect(extractBoxed('\\boxed{\\boxed{1} + 1}')).toEqual(['\\boxed{1} + 1']);
  });

  it('keeps empty boxes (finalAnswer skips them)', () => {
    expect(extractBoxed('within \\boxed{}.')).toEqual(['']);
  });

  describe('streaming and truncation', () => {
    it('leaves out a box whose closing brace has not arrived', () => {
      expect(extractBoxed('\\boxed{1} then \\boxed{\\frac{1}{2')).toEqual(['1']);
      expect(extractBoxed('\\boxed{')).toEqual([]);
      expect(extractBoxed('\\boxed')).toEqual([]);
      expect(extractBoxed('\\boxed ')).toEqual([]);
      expect(extractBoxed('\\box')).toEqual([]);
      expect(extractBoxed('text ending in a backslash \\')).toEqual([]);
    });

    it('every prefix of an answer extracts without throwing', () => {
      const text = 'We get \\boxed{\\frac{\\sqrt{3}}{2}}, or \\boxed 7.';
      for (let n = 0; n <= text.length; n++) expect(() => extractBoxed(text.slice(0, n))).not.toThrow();
      expect(extractBoxed(text)).toEqual(['\\frac{\\sqrt{3}}{2}', '7']);
    });
  });
});

describe('findBoxes', () => {
  it('reports where each box is', () => {
    const text = 'a \\boxed{x} b \\fbox 5 c';
    const boxes = findBoxes(text);
    expect(boxes.map((b) => text.slice(b.start, b.end))).toEqual(['\\boxed{x}', '\\fbox 5']);
  });

  it('can be called again on the same text (no leaked regex state)', () => {
    expect(findBoxes('\\boxed{1}')).toHaveLength(1);
    expect(findBoxes('\\boxed{1}')).toHaveLength(1);
  });
});

describe('finalAnswer', () => {
  it('is null without a box', () => {
    expect(finalAnswer('no answer')).toBeNull();
    expect(finalAnswer('')).toBeNull();
  });

  it('is the last box, trimmed', () => {
    expect(finalAnswer('\\boxed{1} ... actually \\boxed{ 2 }')).toBe('2');
  });

  it('skips empty boxes', () => {
    expect(finalAnswer('\\boxed{3}. Put it within \\boxed{}.')).toBe('3');
    expect(finalAnswer('\\boxed{ }')).toBeNull();
  });

  it('is the last complete box while the next one streams', () => {
    expect(finalAnswer('\\boxed{3}, no wait: \\boxed{\\frac{7}{')).toBe('3');
  });

  it('works on an R1-style answer', () => {
    const answer = '**Final Answer**\n\\[\n\\boxed{\\dfrac{3}{4}}\n\\]';
    expect(finalAnswer(answer)).toBe('\\dfrac{3}{4}');
  });
});
