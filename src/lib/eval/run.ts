// A run's record: its settings, the problems it takes, and one result per problem done. Kept in
// IndexedDB (store.ts) after every problem, so a reload or a closed tab loses at most the one
// problem in progress.
import type { StopReason } from '../../contract/engine-api.ts';
import type { Family } from '../../contract/sets.ts';
import type { Text } from '../i18n/text.ts';
import type { EvalFormat } from './prompts.ts';
import type { EvalSet } from './sets.ts';
import type { Interval, SubsetKind } from './stats.ts';
import { wilson } from './stats.ts';

export interface EvalSettings {
  set: EvalSet;
  subset: SubsetKind;
  /** Problems for 'random' and 'first'. */
  count: number;
  seed: number;
  format: EvalFormat;
  maxTokens: number;
  /** HumanEval: each program's time limit. */
  timeLimitMs: number;
  /** The model as the picker names it (a catalog key or a Hub id), and its prompt family. */
  model: string;
  family: Family;
}

export interface ProblemResult {
  id: string;
  /** The whole answer: the prompt's answer prefix (R1's "<think>\n") and the generated text. */
  output: string;
  passed: boolean;
  reason: Text;
  generatedTokens: number;
  /** Generation time (the grading's is not counted). */
  ms: number;
  stop: StopReason;
}

export const RUN_STATUSES = ['running', 'stopped', 'done'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface EvalRun {
  id: string;
  settings: EvalSettings;
  problemIds: string[];
  status: RunStatus;
  createdAt: number;
  /** The runtime that produced the answers, e.g. "wasm q8" (several when resumed elsewhere). */
  runtimes: string[];
}

export interface RunSummary {
  done: number;
  total: number;
  passed: number;
  /** passed / done; null before the first result. */
  passAt1: number | null;
  interval: Interval | null;
  generatedTokens: number;
  ms: number;
  tokensPerSecond: number | null;
  /** At the pace so far. */
  remainingMs: number | null;
}

export function summarize(run: Pick<EvalRun, 'problemIds'>, results: readonly ProblemResult[]): RunSummary {
  const done = results.length;
  const passed = results.filter((r) => r.passed).length;
  const generatedTokens = results.reduce((s, r) => s + r.generatedTokens, 0);
  const ms = results.reduce((s, r) => s + r.ms, 0);
  const total = run.problemIds.length;
  return {
    done,
    total,
    passed,
    passAt1: done ? passed / done : null,
    interval: done ? wilson(passed, done) : null,
    generatedTokens,
    ms,
    tokensPerSecond: ms > 0 ? generatedTokens / (ms / 1000) : null,
    remainingMs: done ? (ms / done) * (total - done) : null,
  };
}

/** The problems still to do, in the run's order. */
export function remaining(run: Pick<EvalRun, 'problemIds'>, results: readonly ProblemResult[]): string[] {
  const done = new Set(results.map((r) => r.id));
  return run.problemIds.filter((id) => !done.has(id));
}
