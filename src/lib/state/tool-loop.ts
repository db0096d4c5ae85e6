// Program-aided solving (DeepSeek-Math's tool-integrated reasoning): generate until the model
// writes "```output", run its last ```python block in the sandbox, append the output block and
// generate again from the answer so far, up to maxRounds programs. Each round's prompt is the
// previous one plus new text, so the engine reuses its KV cache. Plain TS with injected
// generate/run functions, unit-tested with fakes.
import type { Family } from '../../contract/sets.ts';
import type { ChatPrompt } from '../prompts/instruct.ts';
import { appendToolOutput, awaitsToolOutput, buildMathPrompt, lastPythonBlock } from '../prompts/math.ts';
import type { RunOutcome, RunStatus } from '../sandbox/outcome.ts';
import type { StopReason } from '../../contract/engine-api.ts';

export const DEFAULT_MAX_ROUNDS = 4;
/** Longer outputs keep head and tail in the prompt: they only fill the context. */
export const TOOL_OUTPUT_MAX_CHARS = 2000;

/** One program's run, as shown beside its output block. */
export interface ToolRun {
  status: RunStatus;
  /** The output block's text, exactly as appended to the answer. */
  output: string;
  /** Python's own run time (for a timeout: until it was stopped). */
  durationMs: number;
  /** From handing the program to the sandbox to its outcome (message round trip and any load included). */
  wallMs: number;
  /** Set when this run waited for Python to load: worker start → ready. */
  coldStartMs: number | null;
  /** From generation stopping at "```output" to the next generation's first token; null until then. */
  roundMs: number | null;
}

export type ToolStatus = 'loading' | 'running';

export interface ToolLoopDeps {
  family: Family;
  question: string;
  maxRounds: number;
  /** Resolves null when there is no model to generate with. */
  generate(built: ChatPrompt, onDelta: (delta: string) => void): Promise<{ text: string; stopReason: StopReason } | null>;
  runPython(code: string, onRunning: () => void): Promise<RunOutcome>;
  pythonReady(): boolean;
  now(): number;
  /** The whole answer so far, after each streamed piece and each appended output. */
  onAnswer(answer: string): void;
  onRuns(runs: ToolRun[]): void;
  onStatus(status: ToolStatus | null): void;
  /** True once the user pressed Stop. */
  stopped(): boolean;
}

/**
 * `done`: the model finished; `rounds`: it asked for another program past maxRounds;
 * `stopped`: the user stopped it; `no-model`: nothing to generate with.
 */
export type ToolLoopEnd = 'done' | 'rounds' | 'stopped' | 'no-model';

export interface ToolLoopResult {
  answer: string;
  runs: ToolRun[];
  end: ToolLoopEnd;
}

export async function runToolLoop(d: ToolLoopDeps): Promise<ToolLoopResult> {
  let answer = '';
  let runs: ToolRun[] = [];
  // The run whose output the next generation starts from, and when the previous one stopped.
  let waiting: { index: number; stoppedAt: number } | null = null;
  const result = (end: ToolLoopEnd): ToolLoopResult => ({ answer, runs, end });

  for (;;) {
    const built = buildMathPrompt({ family: d.family, question: d.question, mode: 'tool', partial: runs.length ? answer : undefined });
    let streamed = '';
    const res = await d.generate(built, (delta) => {
      if (waiting) {
        const { index, stoppedAt } = waiting;
        waiting = null;
        runs = runs.map((r, i) => (i === index ? { ...r, roundMs: d.now() - stoppedAt } : r));
        d.onRuns(runs);
      }
      streamed += delta;
      d.onAnswer(built.answerPrefix + streamed);
    });
    if (!res) return result('no-model');
    answer = built.answerPrefix + res.text;
    d.onAnswer(answer);
    if (res.stopReason === 'interrupted' || d.stopped()) return result('stopped');
    if (!awaitsToolOutput(answer, res.stopReason === 'stop-sequence')) return result('done');
    const code = lastPythonBlock(answer);
    if (code === null) return result('done');
    if (runs.length >= d.maxRounds) return result('rounds');

    const stoppedAt = d.now();
    d.onStatus(d.pythonReady() ? 'running' : 'loading');
    let outcome: RunOutcome;
    try {
      outcome = await d.runPython(code, () => d.onStatus('running'));
    } finally {
      d.onStatus(null);
    }
    if (outcome.status === 'cancelled' || d.stopped()) return result('stopped');
    answer = appendToolOutput(answer, outcome.output, { maxChars: TOOL_OUTPUT_MAX_CHARS });
    const shown = answer.slice(answer.lastIndexOf('```output\n') + '```output\n'.length, answer.length - '\n```\n'.length);
    const { status, durationMs, wallMs, coldStartMs } = outcome;
    runs = [...runs, { status, output: shown, durationMs, wallMs, coldStartMs, roundMs: null }];
    waiting = { index: runs.length - 1, stoppedAt };
    d.onRuns(runs);
    d.onAnswer(answer);
  }
}
