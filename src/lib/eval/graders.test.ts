// The graders against the data itself: every reference answer passes, a perturbed one fails,
// plus the tricky spellings models really write.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractGsm8k, gradeGsm8k, gsm8kReference } from './gsm8k.ts';
import { gradeMath, lastBoxed, normalizeMath, sameMathAnswer } from './math-answer.ts';

const rows = <T>(file: string): T[] =>
  readFileSync(`eval-data/${file}`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
const math = rows<{ answer: string; unique_id: string }>('math500-test.jsonl');
const gsm = rows<{ answer: string }>('gsm8k-test.jsonl');

/** The answer with its first digit changed (or a letter added when it has none). */
const perturb = (a: string): string => (/\d/.test(a) ? a.replace(/\d/, (d) => String((Number(d) + 1) % 10)) : `${a}x`);

describe('MATH-500', () => {
  it('each of the 500 reference answers, boxed, passes; perturbed, fails', () => {
    expect(math).toHaveLength(500);
    const wrongPass = math.filter((r) => !gradeMath(`So the answer is $\\boxed{${r.answer}}$.`, r.answer).pass);
    expect(wrongPass.map((r) => r.unique_id)).toEqual([]);
    const perturbedPass = math.filter((r) => gradeMath(`\\boxed{${perturb(r.answer)}}`, r.answer).pass);
    expect(perturbedPass.map((r) => `${r.unique_id}: ${r.answer}`)).toEqual([]);
  });

  it('reads the last \\boxed{}, nested braces and all', () => {
    expect(lastBoxed('first \\boxed{1}, then \\boxed{\\frac{\\sqrt{3}}{2}} done')).toBe('\\frac{\\sqrt{3}}{2}');
    expect(lastBoxed('\\boxed 5 apples')).toBe('5');
    expect(lastBoxed('\\fbox{7}')).toBe('7');
    expect(lastBoxed('no box')).toBeNull();
    expect(lastBoxed('\\boxed{unclosed')).toBeNull();
  });

  it('normalises LaTeX as the MATH graders do', () => {
    const same: [string, string][] = [
      ['\\dfrac{17}{50}', '\\frac{17}{50}'],
      ['\\tfrac12', '\\frac{1}{2}'],
      ['0.5', '\\frac12'],
      ['\\left( 3, \\frac{\\pi}{2} \\right)', '(3,\\frac{\\pi}{2})'],
      ['90^\\circ', '90'],
      ['145^{\\circ}', '145'],
      ['\\frac{270}7\\text{ degrees}', '\\frac{270}{7}'],
      ['5.4 \\text{ cents}', '5.4'],
      ['864 \\mbox{ inches}^2', '864'],
      ['\\$32,\\!348', '32348'],
      ['10,\\!080', '10,080'],
      ['\\text{(C)}', '(C)'],
      ['\\text{Evelyn}', 'Evelyn'],
      ['x = 5', '5'],
      ['3/4', '\\frac{3}{4}'],
      ['\\sqrt3', '\\sqrt{3}'],
      ['50\\%', '50'],
      ['.35625', '0.35625'],
      ['\\$18.90', '18.9'],
      ['12.', '12'],
    ];
    for (const [a, b] of same) expect(sameMathAnswer(a, b), `${a} ~ ${b}`).toBe(true);
    const different: [string, string][] = [
      ['(6,31,-1)', '(6,31,1)'],
      ['\\frac{1}{8}', '\\frac{1}{9}'],
      ['p - q', 'q - p'],
      ['2', '\\frac{1}{2}'],
    ];
    for (const [a, b] of different) expect(sameMathAnswer(a, b), `${a} !~ ${b}`).toBe(false);
    expect(normalizeMath('(6, 31, -1)')).toBe('(6,31,-1)');
  });

  it('fails an answer with no box', () => {
    expect(gradeMath('The answer is 42.', '42')).toEqual({ pass: false, got: null });
  });
});

describe('GSM8K', () => {
  it('each of the 1,319 reference numbers passes, boxed or as the last number; one more fails', () => {
    expect(gsm).toHaveLength(1319);
    const bad = gsm.filter((r) => {
      const want = gsm8kReference(r.answer);
      return !gradeGsm8k(`So the total is \\boxed{${want}}.`, r.answer).pass || !gradeGsm8k(`${r.answer.split('####')[0]}The answer is ${want}.`, r.answer).pass;
    });
    expect(bad.map((r) => r.answer.slice(-30))).toEqual([]);
    const perturbedPass = gsm.filter((r) => gradeGsm8k(`\\boxed{${Number(gsm8kReference(r.answer)) + 1}}`, r.answer).pass);
    expect(perturbedPass).toEqual([]);
  });

  it('strips commas, currency and units, and prefers the box', () => {
    expect(extractGsm8k('She makes $1,234.50 a week.')).toBe('1234.50');
    expect(extractGsm8k('That is 18 dollars; in total \\boxed{\\$18}.')).toBe('18');
    expect(extractGsm8k('It costs 3 apples and 12 km.')).toBe('12');
    expect(extractGsm8k('The change is -7.')).toBe('-7');
    expect(extractGsm8k('\\boxed{1,\\!000}')).toBe('1000');
    expect(extractGsm8k('No numbers here.')).toBeNull();
    // The box wins over a number written after it.
    expect(extractGsm8k('So \\boxed{42}, that is 6 times 7.')).toBe('42');
    expect(gradeGsm8k('… \\boxed{18.0}', 'x #### 18').pass).toBe(true);
    expect(gsm8kReference('step\n#### 1,000')).toBe('1000');
  });
});
