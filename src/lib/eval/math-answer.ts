// MATH-500 grading: the last \boxed{} of an answer against the reference, both normalised the
// way the standard MATH graders do (Hendrycks et al.'s strip_string, with the fixes PRM800K's
// and DeepSeek's graders add for thousands separators and \text{} answers).

/** The content of the last \boxed{...} (or \fbox{...}, or "\boxed 5"), braces balanced; null if none. */
export function lastBoxed(text: string): string | null {
  const at = Math.max(text.lastIndexOf('\\boxed'), text.lastIndexOf('\\fbox'));
  if (at < 0) return null;
  let i = at + (text.startsWith('\\boxed', at) ? 6 : 5);
  if (text[i] === ' ') {
    const m = /^ ([^\s$]+)/.exec(text.slice(i));
    return m ? m[1] : null;
  }
  if (text[i] !== '{') return null;
  let depth = 0;
  for (const start = i; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start + 1, i);
  }
  return null;
}

/** \frac12 -> \frac{1}{2}, \frac1{2} -> \frac{1}{2}. */
function fixFracs(s: string): string {
  return s.replace(/\\frac(?:(\d)|\{([^{}]*)\})(?:(\d)|\{([^{}]*)\})/g, (_, a1, a2, b1, b2) => `\\frac{${a1 ?? a2}}{${b1 ?? b2}}`);
}

/** 3/4 -> \frac{3}{4} when the whole answer is an integer over an integer. */
function fixSlash(s: string): string {
  const m = /^(-?\d+)\/(\d+)$/.exec(s);
  return m ? `\\frac{${m[1]}}{${m[2]}}` : s;
}

/** \sqrt3 -> \sqrt{3}. */
function fixSqrt(s: string): string {
  return s.replace(/\\sqrt(\w)/g, '\\sqrt{$1}');
}

/** Units written after the value: "5.4 \text{ cents}", "864 \mbox{ inches}^2". */
function dropUnits(s: string): string {
  return s.replace(/\s*\\(?:text|mbox)\{\s[^{}]*\}(\^\d)?\s*$/, '').replace(/\\(?:text|mbox)\{\s*(?:degrees?|cm|m|inches|units?|cents?|dollars?)\s*\}(\^\d)?/g, '');
}

export function normalizeMath(answer: string): string {
  let s = answer.replace(/\n/g, '').trim();
  s = s.replace(/\\!/g, '').replace(/\\\\/g, '\\');
  s = s.replace(/\\[dt]frac/g, '\\frac');
  s = s.replace(/\\left|\\right/g, '');
  s = s.replace(/\^\{\\circ\}|\^\\circ/g, '');
  s = s.replace(/\\\$|\$/g, '');
  s = dropUnits(s);
  // \text{Evelyn}, \text{(C)}: the words themselves.
  s = s.replace(/\\(?:text|textbf|mathrm|mbox)\{([^{}]*)\}/g, '$1');
  s = s.replace(/\\%|%/g, '');
  s = s.replace(/ \./g, ' 0.').replace(/\{\./g, '{0.');
  if (s.startsWith('.')) s = `0${s}`;
  // "x = 5", "k=5": the value.
  const sides = s.split('=');
  if (sides.length === 2 && sides[0].trim().length <= 2) s = sides[1];
  s = fixSqrt(s);
  s = s.replace(/\s+/g, '');
  s = fixFracs(s);
  if (s === '0.5') s = '\\frac{1}{2}';
  s = fixSlash(s);
  s = s.replace(/\.$/, '');
  // Thousands separators: 10,080 -> 10080 (a tuple like (6,31,-1) keeps its commas).
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  return s;
}

export interface MathVerdict {
  pass: boolean;
  /** The boxed answer found, or null. */
  got: string | null;
}

const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)$/;

/** Equal after normalising, or the same plain number written two ways (18.90 and 18.9). */
export function sameMathAnswer(a: string, b: string): boolean {
  const x = normalizeMath(a);
  const y = normalizeMath(b);
  return x === y || (PLAIN_NUMBER.test(x) && PLAIN_NUMBER.test(y) && Math.abs(Number(x) - Number(y)) < 1e-9);
}

export function gradeMath(output: string, reference: string): MathVerdict {
  const got = lastBoxed(output);
  return { pass: got !== null && sameMathAnswer(got, reference), got };
}
