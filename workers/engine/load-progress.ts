// Folds transformers.js progress events into per-file progress and a total, throttled so a
// gigabyte download does not send thousands of messages.
import type { FileProgress, LoadPhase, LoadProgress, LoadStepTimes } from '../../src/contract/engine-api.ts';

type Event = { status: string; file?: string; loaded?: number; total?: number };

export class LoadTracker {
  private files = new Map<string, FileProgress>();
  private current: LoadPhase = 'check';
  private since: number;
  /** Time spent in each phase so far: where a load's time went. */
  private readonly spent: LoadStepTimes = {};
  private lastSent = -Infinity;
  private fetched: string[] = [];
  lastFile: string | undefined;
  /** The last ONNX graph file seen: what a session that fails to build was made from. */
  lastOnnx: string | undefined;

  constructor(
    private readonly listener: ((p: LoadProgress) => void) | undefined,
    private readonly now: () => number,
    private readonly intervalMs = 100,
  ) {
    this.since = now();
  }

  /** transformers.js reports cache reads as downloads too; the fetch wrapper tells them apart. */
  fetchedFromNetwork(url: string): void {
    this.fetched.push(url.split('?')[0]);
  }

  phase(p: LoadPhase): void {
    this.enter(p);
    this.send(true);
  }

  /** Milliseconds per phase, the current one included up to now. */
  times(): LoadStepTimes {
    const out = { ...this.spent };
    if (this.current !== 'ready') out[this.current] = (out[this.current] ?? 0) + this.now() - this.since;
    return out;
  }

  private enter(p: LoadPhase): void {
    const t = this.now();
    if (this.current !== 'ready') this.spent[this.current] = (this.spent[this.current] ?? 0) + t - this.since;
    this.current = p;
    this.since = t;
  }

  event(e: Event): void {
    if (!e.file) return;
    this.lastFile = e.file;
    if (e.file.endsWith('.onnx')) this.lastOnnx = e.file;
    let f = this.files.get(e.file);
    if (!f) {
      f = { file: e.file, loaded: 0, total: 0, status: 'pending', cached: false };
      this.files.set(e.file, f);
    }
    switch (e.status) {
      case 'initiate':
        this.send(true);
        return;
      case 'download':
        f.status = 'downloading';
        this.send(true);
        return;
      case 'progress':
        f.status = 'downloading';
        if (typeof e.loaded === 'number') f.loaded = e.loaded;
        if (typeof e.total === 'number') f.total = e.total;
        this.send(false);
        return;
      case 'done':
        f.status = 'done';
        f.cached = !this.fetched.some((u) => u.endsWith(`/${e.file}`));
        if (f.total > 0) f.loaded = f.total;
        // The graph is in: what follows is ONNX Runtime building the session.
        if (this.current === 'download' && e.file.endsWith('.onnx') && [...this.files.values()].every((x) => x.status === 'done')) this.enter('session');
        this.send(true);
        return;
    }
  }

  snapshot(): LoadProgress {
    const files = [...this.files.values()].map((f) => ({ ...f }));
    return {
      phase: this.current,
      files,
      loaded: files.reduce((s, f) => s + f.loaded, 0),
      total: files.reduce((s, f) => s + f.total, 0),
    };
  }

  private send(force: boolean): void {
    if (!this.listener) return;
    const t = this.now();
    if (!force && t - this.lastSent < this.intervalMs) return;
    this.lastSent = t;
    this.listener(this.snapshot());
  }
}
