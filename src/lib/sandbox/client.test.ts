import { describe, expect, it } from 'vitest';
import type { SandboxRequest, SandboxRunResult } from '../../contract/sandbox-api.ts';
import { type Clock, SandboxClient, type WorkerHandlers } from './client.ts';
import { timeoutMessage, toolOutputText } from './outcome.ts';

class FakeClock implements Clock {
  t = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.ids;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (h: unknown): void => {
    this.timers = this.timers.filter((x) => x.id !== h);
  };
  advance(ms: number): void {
    this.t += ms;
    for (const timer of this.timers.filter((x) => x.at <= this.t)) {
      this.timers = this.timers.filter((x) => x !== timer);
      timer.fn();
    }
  }
}

class FakeWorker {
  posted: SandboxRequest[] = [];
  terminated = false;
  constructor(readonly handlers: WorkerHandlers) {}
  ready(): void {
    this.handlers.message({ type: 'ready', coldStartMs: 1, pythonVersion: '3.14.2' });
  }
  answer(partial: Partial<SandboxRunResult> = {}): void {
    const last = this.posted[this.posted.length - 1];
    this.handlers.message({ type: 'result', id: last.id, ok: true, stdout: '', stderr: '', error: null, durationMs: 3, truncated: false, ...partial });
  }
}

function setup(timeLimitMs = 2000) {
  const clock = new FakeClock();
  const workers: FakeWorker[] = [];
  const client = new SandboxClient(
    (handlers) => {
      const w = new FakeWorker(handlers);
      workers.push(w);
      return { post: (m) => w.posted.push(m), terminate: () => (w.terminated = true) };
    },
    { timeLimitMs, clock, loadLimitMs: 60_000 },
  );
  return { clock, workers, client };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('SandboxClient', () => {
  it('starts no worker until used; the first run waits for the load and reports the cold start', async () => {
    const { clock, workers, client } = setup();
    expect(workers).toHaveLength(0);
    expect(client.phase).toBe('off');
    let running = false;
    const p = client.run('print(1)', { onRunning: () => (running = true) });
    await tick();
    expect(workers).toHaveLength(1);
    expect(client.phase).toBe('starting');
    expect(running).toBe(false);
    clock.advance(1500);
    workers[0].ready();
    await tick();
    expect(running).toBe(true);
    expect(workers[0].posted).toEqual([{ type: 'run', id: 1, code: 'print(1)' }]);
    workers[0].answer({ stdout: '1\n' });
    const out = await p;
    expect(out).toMatchObject({ status: 'ok', output: '1', coldStartMs: 1500, durationMs: 3 });
    expect(client.lastColdStartMs).toBe(1500);

    // A second run reuses the worker: no cold start.
    const q = client.run('print(2)');
    await tick();
    workers[0].answer({ stdout: '2\n' });
    expect(await q).toMatchObject({ status: 'ok', output: '2', coldStartMs: null });
    expect(workers).toHaveLength(1);
  });

  it('warm() loads ahead of the first run', async () => {
    const { workers, client } = setup();
    client.warm();
    client.warm();
    expect(workers).toHaveLength(1);
    workers[0].ready();
    expect(client.phase).toBe('ready');
  });

  it('stops a program at the time limit, says so, and starts a fresh worker that the next run uses', async () => {
    const { clock, workers, client } = setup(2000);
    client.warm();
    workers[0].ready();
    const p = client.run('while True: pass');
    await tick();
    clock.advance(1999);
    await tick();
    expect(workers[0].terminated).toBe(false);
    clock.advance(1);
    const out = await p;
    expect(out.status).toBe('timeout');
    expect(out.output).toBe('Python ran past the 2 s limit and was stopped; the sandbox was restarted');
    expect(out.output).toBe(timeoutMessage(2000));
    expect(workers[0].terminated).toBe(true);
    // Restarted at once, not on the next run.
    expect(workers).toHaveLength(2);
    const q = client.run('print(3)');
    await tick();
    expect(workers[1].posted).toHaveLength(0);
    workers[1].ready();
    await tick();
    // A late answer from the killed worker is ignored.
    workers[0].handlers.message({ type: 'result', id: 1, ok: true, stdout: 'late', stderr: '', error: null, durationMs: 1, truncated: false });
    workers[1].answer({ stdout: '3\n' });
    expect(await q).toMatchObject({ status: 'ok', output: '3' });
  });

  it('a per-run limit overrides the default', async () => {
    const { clock, workers, client } = setup(10_000);
    client.warm();
    workers[0].ready();
    const p = client.run('while True: pass', { timeLimitMs: 500 });
    await tick();
    clock.advance(500);
    expect((await p).output).toBe(timeoutMessage(500));
  });

  it('a crashed worker ends the run with a clear message, and the next run starts a new one', async () => {
    const { workers, client } = setup();
    client.warm();
    workers[0].ready();
    const p = client.run('x = bytearray(10**12)');
    await tick();
    workers[0].handlers.error('out of memory');
    const out = await p;
    expect(out.status).toBe('crashed');
    expect(out.output).toMatch(/The Python sandbox stopped unexpectedly \(out of memory\)/);
    expect(client.phase).toBe('off');
    const q = client.run('print(1)');
    await tick();
    expect(workers).toHaveLength(2);
    workers[1].ready();
    await tick();
    workers[1].answer({ stdout: '1\n' });
    expect((await q).status).toBe('ok');
  });

  it('a failed load is reported, not hung on', async () => {
    const { workers, client } = setup();
    const p = client.run('print(1)');
    await tick();
    workers[0].handlers.message({ type: 'load-error', message: 'pyodide.asm.wasm: 404' });
    expect(await p).toMatchObject({ status: 'crashed', output: 'Python could not be loaded: pyodide.asm.wasm: 404' });
  });

  it('cancel() stops a running program and a run still waiting for the load', async () => {
    const { workers, client } = setup();
    const p = client.run('print(1)');
    await tick();
    client.cancel();
    expect((await p).status).toBe('cancelled');
    expect(workers[0].terminated).toBe(true);

    const q = client.run('while True: pass');
    await tick();
    workers[1].ready();
    await tick();
    client.cancel();
    expect((await q).status).toBe('cancelled');
    expect(workers[1].terminated).toBe(true);
  });

  it('runs one program at a time, in order', async () => {
    const { workers, client } = setup();
    client.warm();
    workers[0].ready();
    const a = client.run('print("a")');
    const b = client.run('print("b")');
    await tick();
    expect(workers[0].posted.map((m) => m.code)).toEqual(['print("a")']);
    workers[0].answer({ stdout: 'a\n' });
    await a;
    await tick();
    expect(workers[0].posted.map((m) => m.code)).toEqual(['print("a")', 'print("b")']);
    workers[0].answer({ stdout: 'b\n' });
    expect((await b).output).toBe('b');
  });
});

describe('toolOutputText', () => {
  const base: SandboxRunResult = { type: 'result', id: 1, ok: true, stdout: '', stderr: '', error: null, durationMs: 1, truncated: false };
  it('is stdout without trailing newlines', () => {
    expect(toolOutputText({ ...base, stdout: '25\n\n' })).toBe('25');
  });
  it('ends with the exception line on an error, after what was printed', () => {
    const error = 'Traceback (most recent call last):\n  File "<program>", line 2, in <module>\nNameError: name \'x\' is not defined';
    expect(toolOutputText({ ...base, ok: false, error })).toBe("NameError: name 'x' is not defined");
    expect(toolOutputText({ ...base, ok: false, stdout: 'a\n', error })).toBe("a\nNameError: name 'x' is not defined");
  });
});
