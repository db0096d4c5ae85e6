// The loop of a run: each problem still to do is asked, graded and saved before the next one.
// Plain TS over injected calls, so Node tests drive it with fakes and the CLI with the engine.
import type { GenerateResult } from '../../contract/engine-api.ts';
import type { Family } from '../../contract/sets.ts';
import { grade, type RunPython } from './grade.ts';
import { type EvalPrompt, evalPrompt } from './prompts.ts';
import { type EvalRun, type ProblemResult, remaining } from './run.ts';
import type { EvalProblem } from './sets.ts';

export interface RunnerDeps {
  /** Greedy generation of one answer; null when there is no model to ask. */
  generate(prompt: EvalPrompt, maxNewTokens: number): Promise<GenerateResult | null>;
  /** Stops the generation in progress (its result then ends 'interrupted'). */
  interrupt(): Promise<void> | void;
  runPython: RunPython;
  /** Stops the program in progress (its outcome is then 'cancelled'). */
  cancelPython(): void;
  /** Keeps one result (before the next problem starts). */
  save(run: EvalRun, result: ProblemResult): Promise<void>;
}

export type RunEnd = 'done' | 'stopped';

export class EvalRunner {
  private stopping = false;

  constructor(private readonly deps: RunnerDeps) {}

  /**
   * Runs the problems of `run` that `results` lacks, calling `onResult` after each is saved.
   * Ends 'stopped' when stop() was called (the problem in progress stays to do); engine errors
   * are thrown, with every result before them saved.
   */
  async run(run: EvalRun, problems: ReadonlyMap<string, EvalProblem>, results: readonly ProblemResult[], onResult: (r: ProblemResult) => void): Promise<RunEnd> {
    this.stopping = false;
    const { set, format, maxTokens, timeLimitMs } = run.settings;
    const family: Family = run.settings.family;
    for (const id of remaining(run, results)) {
      if (this.stopping) return 'stopped';
      const problem = problems.get(id);
      if (!problem) throw new Error(`${id} is not in the ${set} data`);
      const prompt = evalPrompt(set, problem, family, format);
      const answer = await this.deps.generate(prompt, maxTokens);
      if (!answer) return 'stopped';
      if (this.stopping || answer.stopReason === 'interrupted') return 'stopped';
      const output = prompt.answerPrefix + answer.text;
      const verdict = await grade(set, problem, output, format, this.deps.runPython, timeLimitMs);
      if (!verdict) return 'stopped';
      const result: ProblemResult = {
        id,
        output,
        passed: verdict.passed,
        reason: verdict.reason,
        generatedTokens: answer.stats.generatedTokens,
        ms: answer.stats.totalMs,
        stop: answer.stopReason,
      };
      await this.deps.save(run, result);
      onResult(result);
    }
    return 'done';
  }

  /** Ends the run after the problem in progress is given up (its generation or program stopped). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.deps.cancelPython();
    await this.deps.interrupt();
  }
}
