// The evaluation sets: their names (one closed list), how a data file becomes problems, and the
// figures the model authors report. The data lies in eval-data/ (licences there).
import type { HumanEvalProblem } from './humaneval.ts';

export const EVAL_SETS = ['humaneval', 'gsm8k', 'math500'] as const;
export type EvalSet = (typeof EVAL_SETS)[number];

export const SET_NAMES: Readonly<Record<EvalSet, string>> = { humaneval: 'HumanEval', gsm8k: 'GSM8K', math500: 'MATH-500' };
/** Rows in each file, for the size picker before the data is fetched. */
export const SET_SIZES: Readonly<Record<EvalSet, number>> = { humaneval: 164, gsm8k: 1319, math500: 500 };

/** One problem, whatever its set. Ids: HumanEval's task_id, `gsm8k/<0-based line>`, MATH-500's unique_id. */
export interface EvalProblem {
  id: string;
  /** The question, or for HumanEval the function to complete. */
  question: string;
  /** The answer a grader compares with (GSM8K: the number after ####; MATH-500: LaTeX); HumanEval: the canonical solution. */
  reference: string;
  /** HumanEval only: what its grading program needs. */
  humaneval?: HumanEvalProblem;
}

interface Gsm8kRow {
  question: string;
  answer: string;
}
interface Math500Row {
  problem: string;
  answer: string;
  unique_id: string;
}

function rows<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** The problems of a set's data file (its text, HumanEval already unzipped). */
export function parseSet(set: EvalSet, text: string): EvalProblem[] {
  if (set === 'humaneval') {
    return rows<HumanEvalProblem>(text).map((p) => ({ id: p.task_id, question: p.prompt, reference: p.canonical_solution, humaneval: p }));
  }
  if (set === 'gsm8k') return rows<Gsm8kRow>(text).map((r, i) => ({ id: `gsm8k/${i}`, question: r.question, reference: r.answer }));
  return rows<Math500Row>(text).map((r) => ({ id: r.unique_id, question: r.problem, reference: r.answer }));
}

export interface ReportedFigure {
  /** Fraction passed, 0-1. */
  score: number;
  source: string;
}

/** What the authors report, by catalog key or Hub id, then set (eval-data/README.md). */
const REPORTED: Readonly<Record<string, Partial<Record<EvalSet, ReportedFigure>>>> = {
  'deepseek-coder-1.3b-base': { humaneval: { score: 0.348, source: 'DeepSeek-Coder paper (arXiv 2401.14196), Table 3' } },
  'deepseek-coder-1.3b-instruct': { humaneval: { score: 0.652, source: 'DeepSeek-Coder paper (arXiv 2401.14196), Table 4' } },
  'deepseek-r1-distill-qwen-1.5b': { math500: { score: 0.839, source: 'DeepSeek-R1 report (arXiv 2501.12948)' } },
  'deepseek-math-7b-rl': {
    gsm8k: { score: 0.882, source: 'DeepSeekMath paper (arXiv 2402.03300)' },
  },
};

/** The reported figure for a model (a catalog key, or an id whose name starts with one) and set. */
export function reportedFigure(model: string, set: EvalSet): ReportedFigure | null {
  const name = model.toLowerCase().split('/').pop() ?? '';
  const key = Object.keys(REPORTED).find((k) => name.startsWith(k));
  return (key && REPORTED[key][set]) || null;
}
