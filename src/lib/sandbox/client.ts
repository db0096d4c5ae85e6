// The page's side of the Python sandbox. It starts the worker lazily (on warm() or the first
// run), enforces the time limit by terminating the worker, and starts a fresh one after a
// timeout so the next program does not pay the whole cold start. Plain TS with an injected
// worker factory and clock, so the timing rules are unit-tested with a fake worker.
import type { SandboxRequest, SandboxResponse, SandboxRunResult } from '../../contract/sandbox-api.ts';
import { CANCELLED_MESSAGE, type RunOutcome, crashMessage, loadErrorMessage, timeoutMessage, toolOutputText } from './outcome.ts';

export interface WorkerPort {
  post(message: SandboxRequest): void;
  terminate(): void;
}

export interface WorkerHandlers {
  message(message: SandboxResponse): void;
  /** The worker failed (its script did not load, or it crashed). */
  error(reason: string): void;
}

export type WorkerFactory = (handlers: WorkerHandlers) => WorkerPort;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export const DEFAULT_TIME_LIMIT_MS = 10_000;
/** Loading Pyodide over a slow link can take long; past this the load counts as failed. */
export const DEFAULT_LOAD_LIMIT_MS = 300_000;

export type SandboxPhase = 'off' | 'starting' | 'ready';

export interface RunOptions {
  timeLimitMs?: number;
  /** Called when the program is handed to Python (after loading, if it had to wait). */
  onRunning?: () => void;
}

interface Instance {
  port: WorkerPort;
  startedAt: number;
  phase: 'starting' | 'ready' | 'failed';
  coldStartMs: number | null;
  /** Settles when the worker is ready (true) or has failed (false). */
  ready: Promise<boolean>;
  failure: string | null;
  settle: (ok: boolean) => void;
  loadTimer: unknown;
}

interface Pending {
  id: number;
  resolve: (r: SandboxRunResult | { failed: string } | 'timeout' | 'cancelled') => void;
}

export class SandboxClient {
  timeLimitMs: number;
  /** Worker start → ready of the latest start, for display and measurement. */
  lastColdStartMs: number | null = null;
  private instance: Instance | null = null;
  private pending: Pending | null = null;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  /** A run is between run() and its outcome (possibly still waiting for Python to load). */
  private busy = false;

  constructor(
    private readonly factory: WorkerFactory,
    options: { timeLimitMs?: number; loadLimitMs?: number; clock?: Clock } = {},
  ) {
    this.timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
    this.loadLimitMs = options.loadLimitMs ?? DEFAULT_LOAD_LIMIT_MS;
    this.clock = options.clock ?? realClock;
  }

  private readonly loadLimitMs: number;
  private readonly clock: Clock;

  get phase(): SandboxPhase {
    if (!this.instance || this.instance.phase === 'failed') return 'off';
    return this.instance.phase;
  }

  /** Starts loading Python now, if it is not loaded or loading. */
  warm(): void {
    if (!this.instance || this.instance.phase === 'failed') this.start();
  }

  /** Runs one program; never throws. Runs are queued one after another. */
  run(code: string, options: RunOptions = {}): Promise<RunOutcome> {
    const next = this.queue.then(async () => {
      this.busy = true;
      try {
        return await this.runNow(code, options);
      } finally {
        this.busy = false;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Stops a running program (its outcome is 'cancelled'); the worker starts afresh on next use. */
  cancel(): void {
    if (!this.pending) {
      // Still loading for a run: stopping the load ends the run as cancelled.
      if (this.busy && this.instance?.phase === 'starting') this.kill();
      return;
    }
    const p = this.pending;
    this.pending = null;
    this.kill();
    p.resolve('cancelled');
  }

  dispose(): void {
    this.cancel();
    this.kill();
  }

  private start(): Instance {
    let settle: (ok: boolean) => void = () => {};
    const ready = new Promise<boolean>((r) => (settle = r));
    const inst: Instance = {
      port: undefined as unknown as WorkerPort,
      startedAt: this.clock.now(),
      phase: 'starting',
      coldStartMs: null,
      ready,
      failure: null,
      settle,
      loadTimer: null,
    };
    this.instance = inst;
    const fail = (reason: string): void => {
      if (inst.phase === 'failed') return;
      const wasReady = inst.phase === 'ready';
      inst.phase = 'failed';
      inst.failure = wasReady ? crashMessage(reason) : loadErrorMessage(reason);
      this.clock.clearTimeout(inst.loadTimer);
      inst.port.terminate();
      inst.settle(false);
      if (this.instance === inst && this.pending) {
        const p = this.pending;
        this.pending = null;
        p.resolve({ failed: inst.failure });
      }
    };
    inst.port = this.factory({
      message: (m) => {
        if (this.instance !== inst) return;
        if (m.type === 'ready') {
          inst.phase = 'ready';
          inst.coldStartMs = this.clock.now() - inst.startedAt;
          this.lastColdStartMs = inst.coldStartMs;
          this.clock.clearTimeout(inst.loadTimer);
          inst.settle(true);
        } else if (m.type === 'load-error') fail(m.message);
        else if (this.pending && this.pending.id === m.id) {
          const p = this.pending;
          this.pending = null;
          p.resolve(m);
        }
      },
      error: (reason) => {
        if (this.instance === inst) fail(reason);
      },
    });
    inst.loadTimer = this.clock.setTimeout(() => fail(`it took over ${Math.round(this.loadLimitMs / 1000)} s`), this.loadLimitMs);
    return inst;
  }

  private kill(): void {
    const inst = this.instance;
    if (!inst) return;
    this.instance = null;
    this.clock.clearTimeout(inst.loadTimer);
    inst.port.terminate();
    inst.settle(false);
  }

  private async runNow(code: string, options: RunOptions): Promise<RunOutcome> {
    const t0 = this.clock.now();
    const limit = options.timeLimitMs ?? this.timeLimitMs;
    const inst = this.instance && this.instance.phase !== 'failed' ? this.instance : this.start();
    const waited = inst.phase === 'starting';
    const outcome = (o: Omit<RunOutcome, 'wallMs' | 'coldStartMs'>): RunOutcome => ({
      ...o,
      wallMs: this.clock.now() - t0,
      coldStartMs: waited ? inst.coldStartMs : null,
    });
    if (!(await inst.ready)) {
      const message = inst.failure ?? CANCELLED_MESSAGE;
      return outcome({ status: inst.failure ? 'crashed' : 'cancelled', output: message, result: null, durationMs: 0, ...(inst.failure ? { loadFailed: true } : {}) });
    }
    const id = this.nextId++;
    const answer = new Promise<SandboxRunResult | { failed: string } | 'timeout' | 'cancelled'>((resolve) => {
      this.pending = { id, resolve };
    });
    const posted = this.clock.now();
    const timer = this.clock.setTimeout(() => {
      if (this.pending?.id !== id) return;
      const p = this.pending;
      this.pending = null;
      this.kill();
      // A fresh worker loads while the model goes on, so the next program waits less.
      this.start();
      p.resolve('timeout');
    }, limit);
    options.onRunning?.();
    inst.port.post({ type: 'run', id, code });
    const r = await answer;
    this.clock.clearTimeout(timer);
    const elapsed = this.clock.now() - posted;
    if (r === 'timeout') return outcome({ status: 'timeout', output: timeoutMessage(limit), result: null, durationMs: elapsed });
    if (r === 'cancelled') return outcome({ status: 'cancelled', output: CANCELLED_MESSAGE, result: null, durationMs: elapsed });
    if ('failed' in r) return outcome({ status: 'crashed', output: r.failed, result: null, durationMs: elapsed });
    return outcome({ status: r.ok ? 'ok' : 'error', output: toolOutputText(r), result: r, durationMs: r.durationMs });
  }
}
