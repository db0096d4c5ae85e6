// GSM8K grading: the final number of an answer (from \boxed{} when there is one, else the last
// number in the text) against the number after "####" in the reference.
import { lastBoxed } from './math-answer.ts';

const NUMBER = /-?\d[\d,]*(?:\.\d+)?|-?\.\d+/g;

/** "…#### 1,234" -> "1234". */
export function gsm8kReference(answer: string): string {
  const at = answer.lastIndexOf('####');
  return (at >= 0 ? answer.slice(at + 4) : answer).trim().replace(/,/g, '');
}

/** A number written as text: commas, currency and units stripped; null when there is none. */
function lastNumber(text: string): string | null {
  const found = text.replace(/\\(?:!|,)/g, '').match(NUMBER);
  if (!found) return null;
  return found[found.length - 1].replace(/,/g, '').replace(/\.$/, '');
}

export function extractGsm8k(output: string): string | null {
  const boxed = lastBoxed(output);
  return lastNumber(boxed ?? output);
}

export interface Gsm8kVerdict {
  pass: boolean;
  got: string | null;
}

export function gradeGsm8k(output: string, referenceAnswer: string): Gsm8kVerdict {
  const got = extractGsm8k(output);
  const want = Number(gsm8kReference(referenceAnswer));
  return { pass: got !== null && Math.abs(Number(got) - want) < 1e-6, got };
}
