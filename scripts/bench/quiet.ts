// Waits until the browser's processes are idle before a side is timed. After a model loads,
// Chromium keeps compiling ONNX Runtime's WASM to optimized code on background threads for
// seconds (about two cores' worth on a 2-core machine); a side timed then loses to that, not to
// its own work. Linux only (/proc); elsewhere a short fixed pause.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const TICK_MS = 10; // USER_HZ 100: /proc/<pid>/stat counts in 10 ms ticks

/** CPU milliseconds used so far by every process whose command line names Chromium. */
export function browserCpuMs(): number | null {
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return null;
  }
  let ticks = 0;
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (!/chrom(e|ium)/i.test(argv0)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // The process ended between listing and reading.
    }
  }
  return ticks * TICK_MS;
}

export interface QuietOptions {
  /** Busy below this share of one core over a window counts as idle. */
  threshold?: number;
  windowMs?: number;
  maxMs?: number;
}

/** Waits before timed sides, with one limit, adding up the time waited for the report. */
export class IdleWaits {
  waitedMs = 0;
  constructor(private readonly maxMs: number) {}

  async settle(): Promise<void> {
    this.waitedMs += await waitForQuiet({ maxMs: this.maxMs });
  }
}

/** Resolves with the milliseconds waited (maxMs if the browser never went idle). */
export async function waitForQuiet({ threshold = 0.15, windowMs = 300, maxMs = 30_000 }: QuietOptions = {}): Promise<number> {
  const start = performance.now();
  const first = browserCpuMs();
  if (first === null) {
    await sleep(200);
    return 200;
  }
  let before = first;
  for (;;) {
    await sleep(windowMs);
    const now = browserCpuMs() ?? before;
    if (now - before <= threshold * windowMs) return performance.now() - start;
    if (performance.now() - start >= maxMs) return maxMs;
    before = now;
  }
}
