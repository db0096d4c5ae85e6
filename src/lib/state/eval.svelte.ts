// Evaluate mode: the settings form, the run in progress and the runs kept in IndexedDB. The loop
// itself is EvalRunner's; this class feeds it the page's engine and its own Python sandbox.
import type { Family } from '../../contract/sets.ts';
import { errorText } from '../i18n/engine-error.ts';
import type { Text } from '../i18n/text.ts';
import { thrownText } from '../i18n/text.ts';
import type { ModelChoice } from '../models/catalog.ts';
import { DEFAULT_TIME_LIMIT_MS, type SandboxClient } from '../sandbox/client.ts';
import { loadSet } from '../eval/data.ts';
import { defaultFormat, defaultMaxTokens, type EvalFormat } from '../eval/prompts.ts';
import { type EvalRun, type EvalSettings, type ProblemResult, remaining, summarize } from '../eval/run.ts';
import { EvalRunner } from '../eval/runner.ts';
import type { EvalProblem, EvalSet } from '../eval/sets.ts';
import { pickProblems, type SubsetKind } from '../eval/stats.ts';
import type { EvalStore } from '../eval/store.ts';
import type { EngineState } from './engine.svelte.ts';

/** What the form holds; 'auto' and null resolve against the loaded model when a run starts. */
export interface EvalForm {
  set: EvalSet;
  subset: SubsetKind;
  count: number;
  seed: number;
  format: EvalFormat | 'auto';
  maxTokens: number | null;
  timeLimitS: number;
}

export const DEFAULT_FORM: EvalForm = { set: 'humaneval', subset: 'random', count: 20, seed: 1, format: 'auto', maxTokens: null, timeLimitS: DEFAULT_TIME_LIMIT_MS / 1000 };

const NO_PROBLEMS: ReadonlyMap<string, EvalProblem> = new Map();

export interface EvalDeps {
  engine: EngineState;
  /** The loaded model as picked, and its prompt family; null when none is loaded. */
  loaded: () => { choice: ModelChoice; family: Family } | null;
  store: EvalStore;
  sandbox: () => SandboxClient;
  /** "wasm q8", for the run's record. */
  runtime: () => string;
  now?: () => number;
}

export class EvalState {
  form = $state<EvalForm>({ ...DEFAULT_FORM });
  runs = $state.raw<EvalRun[]>([]);
  /** The run shown: the one in progress, or one picked from the list. */
  run = $state.raw<EvalRun | null>(null);
  results = $state.raw<ProblemResult[]>([]);
  problems = $state.raw<ReadonlyMap<string, EvalProblem>>(NO_PROBLEMS);
  phase = $state<'idle' | 'preparing' | 'running' | 'stopping'>('idle');
  /** The problem in progress. */
  live = $state.raw<{ id: string; tokens: number; tokensPerSecond: number } | null>(null);
  error = $state.raw<Text | null>(null);
  readonly summary = $derived(this.run ? summarize(this.run, this.results) : null);

  private runner: EvalRunner | null = null;
  private client: SandboxClient | null = null;

  constructor(private readonly deps: EvalDeps) {}

  /** A shared result's settings in the form, to run the same on this machine. */
  useSettings(s: Omit<EvalSettings, 'model' | 'family'>): void {
    this.form = { set: s.set, subset: s.subset, count: s.count, seed: s.seed, format: s.format, maxTokens: s.maxTokens, timeLimitS: s.timeLimitMs / 1000 };
  }

  /** The runs kept from before (a reload's included); shows the newest. */
  async restore(): Promise<void> {
    try {
      this.runs = await this.deps.store.runs();
      if (!this.run && this.runs[0]) await this.show(this.runs[0].id);
    } catch (err) {
      this.error = { key: 'eval_store_failed', params: { detail: thrownText(err) } };
    }
  }

  async show(runId: string): Promise<void> {
    if (this.phase !== 'idle') return;
    const run = this.runs.find((r) => r.id === runId);
    if (!run) return;
    this.run = run;
    this.results = await this.deps.store.results(run.id);
    this.problems = await loadSet(run.settings.set);
  }

  /** The loaded model, when there is one to evaluate. */
  get loaded(): { choice: ModelChoice; family: Family } | null {
    return this.deps.loaded();
  }

  /** What 'auto' means for the loaded model. */
  get autoFormat(): EvalFormat {
    const loaded = this.deps.loaded();
    return loaded ? defaultFormat(loaded.choice) : 'chat';
  }

  get autoMaxTokens(): number {
    const loaded = this.deps.loaded();
    const format = this.form.format === 'auto' ? this.autoFormat : this.form.format;
    return defaultMaxTokens(this.form.set, format, loaded?.family ?? 'deepseek-coder');
  }

  /** Whether the shown run can go on with the loaded model (the same one that started it). */
  get resumable(): boolean {
    const run = this.run;
    const loaded = this.deps.loaded();
    return !!run && run.status !== 'done' && this.phase === 'idle' && loaded?.choice.model === run.settings.model;
  }

  async start(): Promise<void> {
    const loaded = this.deps.loaded();
    if (!loaded || this.phase !== 'idle') {
      this.error = { key: 'eval_needs_model' };
      return;
    }
    this.phase = 'preparing';
    this.error = null;
    try {
      const f = this.form;
      const problems = await loadSet(f.set);
      const format = f.format === 'auto' ? defaultFormat(loaded.choice) : f.format;
      const settings: EvalSettings = {
        set: f.set,
        subset: f.subset,
        count: f.count,
        seed: f.seed,
        format,
        maxTokens: f.maxTokens ?? defaultMaxTokens(f.set, format, loaded.family),
        timeLimitMs: Math.round(f.timeLimitS * 1000),
        model: loaded.choice.model,
        family: loaded.family,
      };
      const createdAt = (this.deps.now ?? Date.now)();
      const run: EvalRun = {
        id: `${createdAt.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        settings,
        problemIds: pickProblems([...problems.keys()], f.subset, f.count, f.seed),
        status: 'running',
        createdAt,
        runtimes: [],
      };
      await this.deps.store.putRun(run);
      this.runs = [run, ...this.runs];
      this.run = run;
      this.results = [];
      this.problems = problems;
    } catch (err) {
      this.phase = 'idle';
      this.error = { key: 'eval_data_failed', params: { detail: thrownText(err) } };
      return;
    }
    await this.go();
  }

  async resume(): Promise<void> {
    if (!this.resumable) return;
    this.phase = 'preparing';
    this.error = null;
    await this.go();
  }

  async stop(): Promise<void> {
    if (this.phase !== 'running') return;
    this.phase = 'stopping';
    await this.runner?.stop();
  }

  async remove(runId: string): Promise<void> {
    if (this.phase !== 'idle') return;
    await this.deps.store.deleteRun(runId);
    this.runs = this.runs.filter((r) => r.id !== runId);
    if (this.run?.id === runId) {
      this.run = null;
      this.results = [];
    }
  }

  dispose(): void {
    void this.runner?.stop();
    this.client?.dispose();
  }

  private python(): SandboxClient {
    this.client ??= this.deps.sandbox();
    return this.client;
  }

  private async go(): Promise<void> {
    let run = this.run!;
    const runtime = this.deps.runtime();
    if (!run.runtimes.includes(runtime)) run = { ...run, runtimes: [...run.runtimes, runtime] };
    run = { ...run, status: 'running' };
    await this.keep(run);
    if (run.settings.set === 'humaneval') this.python().warm();
    const engine = this.deps.engine;
    let saveFailed: unknown = null;
    const runner = new EvalRunner({
      generate: (p, maxNewTokens) =>
        engine.request(
          {
            prompt: p.prompt,
            ...(p.userTurn !== undefined ? { messages: [{ role: 'user' as const, content: p.userTurn }] } : {}),
            addSpecialTokens: p.addSpecialTokens,
            stop: p.stop,
            stopTokenIds: p.stopTokenIds,
            maxNewTokens,
            temperature: 0,
            channel: 'eval',
            mode: 'queue',
          },
          (chunk) => {
            if (this.live) this.live = { ...this.live, tokens: chunk.generatedTokens, tokensPerSecond: chunk.tokensPerSecond };
          },
        ),
      interrupt: () => engine.interrupt('eval'),
      runPython: (code, timeLimitMs) => this.python().run(code, { timeLimitMs }),
      cancelPython: () => this.client?.cancel(),
      save: async (r, result) => {
        try {
          await this.deps.store.putResult(r.id, result, this.results.length);
        } catch (err) {
          saveFailed = err;
          throw err;
        }
      },
    });
    this.runner = runner;
    this.phase = 'running';
    const next = (): void => {
      const id = remaining(run, this.results)[0];
      this.live = id ? { id, tokens: 0, tokensPerSecond: 0 } : null;
    };
    next();
    let end: 'done' | 'stopped' = 'stopped';
    try {
      end = await runner.run(run, this.problems, this.results, (result) => {
        this.results = [...this.results, result];
        next();
      });
    } catch (err) {
      this.error = saveFailed ? { key: 'eval_save_failed', params: { detail: thrownText(saveFailed) } } : { key: 'eval_run_failed', params: { detail: errorText(err) } };
    }
    this.runner = null;
    this.live = null;
    this.phase = 'idle';
    await this.keep({ ...run, status: end === 'done' ? 'done' : 'stopped' });
  }

  private async keep(run: EvalRun): Promise<void> {
    this.run = run;
    this.runs = this.runs.map((r) => (r.id === run.id ? run : r));
    try {
      await this.deps.store.putRun(run);
    } catch (err) {
      this.error = { key: 'eval_save_failed', params: { detail: thrownText(err) } };
    }
  }
}
