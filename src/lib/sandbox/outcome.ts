// What a sandbox run means for the user and for the model: the clear messages, and the text
// that goes into the ```output block (what DeepSeek-Math's tool format expects there).
import type { SandboxRunResult } from '../../contract/sandbox-api.ts';

export type RunStatus = 'ok' | 'error' | 'timeout' | 'crashed' | 'cancelled';

export interface RunOutcome {
  status: RunStatus;
  /** The text for the ```output block: stdout, the error's last line, or the sandbox's message. */
  output: string;
  /** The full result from the worker, when the program finished (ok or raised). */
  result: SandboxRunResult | null;
  /** Python's own run time; for a timeout, the time until it was stopped. */
  durationMs: number;
  /** From run() to the outcome, waiting for Python to load included. */
  wallMs: number;
  /** When this run had to wait for the sandbox to (re)start: worker start → ready. */
  coldStartMs: number | null;
  /** 'crashed' because Python could not be loaded at all (no program ran). */
  loadFailed?: boolean;
}

/** "10 s", "2 s", "1.5 s". */
export function formatLimit(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : Number(s.toFixed(1))} s`;
}

export function timeoutMessage(limitMs: number): string {
  return `Python ran past the ${formatLimit(limitMs)} limit and was stopped; the sandbox was restarted`;
}

export function crashMessage(reason: string): string {
  return `The Python sandbox stopped unexpectedly (${reason}); it restarts for the next program`;
}

export function loadErrorMessage(reason: string): string {
  return `Python could not be loaded: ${reason}`;
}

export const CANCELLED_MESSAGE = 'Stopped';

/**
 * The output block's text for a finished program. On an exception, what it printed and then
 * the traceback's last line ("NameError: name 'x' is not defined"), as in DeepSeek-Math's
 * (ToRA's) evaluation, so the model sees what it was trained on.
 */
export function toolOutputText(result: SandboxRunResult): string {
  const printed = result.stdout.replace(/\n+$/, '');
  if (result.ok || result.error === null) return printed;
  const lines = result.error.trimEnd().split('\n');
  const last = lines[lines.length - 1] ?? 'Error';
  return printed === '' ? last : `${printed}\n${last}`;
}
