// The typed contract between the page and the Python sandbox worker (workers/sandbox/sandbox.worker.ts).
// The page imports it with `import type` only.

/** Page → worker: run one program in a fresh namespace. */
export interface SandboxRunRequest {
  type: 'run';
  id: number;
  code: string;
  /** stdout and stderr are each cut at this many characters (default 20,000). */
  maxOutputChars?: number;
}

export type SandboxRequest = SandboxRunRequest;

/** Worker → page, once: Pyodide is loaded and the network is cut off. */
export interface SandboxReady {
  type: 'ready';
  /** From the worker script's start to ready, by the worker's clock. */
  coldStartMs: number;
  pythonVersion: string;
}

/** Worker → page, once: Pyodide could not be loaded (the worker is useless after this). */
export interface SandboxLoadError {
  type: 'load-error';
  message: string;
}

/** Worker → page, one per run request. */
export interface SandboxRunResult {
  type: 'result';
  id: number;
  /** False when the program raised. */
  ok: boolean;
  stdout: string;
  stderr: string;
  /** The traceback, from the program's own frames on, when it raised; else null. */
  error: string | null;
  /** Python's own run time, by the worker's clock. */
  durationMs: number;
  /** Whether stdout or stderr was cut at maxOutputChars. */
  truncated: boolean;
}

export type SandboxResponse = SandboxReady | SandboxLoadError | SandboxRunResult;

export const DEFAULT_MAX_OUTPUT_CHARS = 20_000;
