// The Python sandbox: Pyodide in a module worker of its own, no DOM and, once loaded, no network.
// It loads as soon as the worker starts (the page starts it only when program-aided mode is
// first used), then runs one program per request in a fresh namespace. Time limits are the
// page's job: a runaway program is stopped by terminating this worker (src/lib/sandbox).
import type { PyodideAPI, loadPyodide as LoadPyodide } from 'pyodide';
import type { SandboxRequest, SandboxResponse, SandboxRunResult } from '../../src/contract/sandbox-api.ts';
import { DEFAULT_MAX_OUTPUT_CHARS } from '../../src/contract/sandbox-api.ts';
import { OutputSink, cutFunctionConstructors, cutNetwork, programTraceback } from './support.ts';

const startedAt = performance.now();
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: SandboxResponse): void => scope.postMessage(message);

// Pyodide's files sit beside the app's assets: dist/assets/<worker>.js → dist/pyodide/, and in
// dev /workers/sandbox/sandbox.worker.ts → /workers/pyodide/ (scripts/vite/pyodide-assets.ts serves both).
// A variable, not a literal: Vite's dev server rewrites `new URL('literal', import.meta.url)`
// as an asset and drops the trailing slash.
const PYODIDE_FOLDER = '../pyodide/';
const INDEX_URL = new URL(PYODIDE_FOLDER, import.meta.url).href;

const stdout = new OutputSink();
const stderr = new OutputSink();

async function load(): Promise<PyodideAPI> {
  const mod = (await import(/* @vite-ignore */ `${INDEX_URL}pyodide.mjs`)) as { loadPyodide: typeof LoadPyodide };
  const py = await mod.loadPyodide({
    indexURL: INDEX_URL,
    // `import js` sees only this: no fetch, no eval, no way back to the worker's globals.
    jsglobals: Object.create(null) as object,
    stdout: () => {},
    stderr: () => {},
  });
  py.setStdout({ write: (buf: Uint8Array) => stdout.write(buf) });
  py.setStderr({ write: (buf: Uint8Array) => stderr.write(buf) });
  cutNetwork(scope as unknown as Record<string, unknown>);
  cutFunctionConstructors();
  return py;
}

function run(py: PyodideAPI, id: number, code: string, maxChars: number): SandboxRunResult {
  stdout.reset(maxChars);
  stderr.reset(maxChars);
  // A fresh namespace per program, as DeepSeek-Math's evaluation runs each block on its own.
  const globals = py.toPy({ __name__: '__main__' });
  const t0 = performance.now();
  let error: string | null = null;
  try {
    py.runPython(code, { globals, filename: '<program>' });
  } catch (err) {
    error = programTraceback(err instanceof Error ? err.message : String(err));
  } finally {
    globals.destroy();
  }
  const durationMs = performance.now() - t0;
  return {
    type: 'result',
    id,
    ok: error === null,
    stdout: stdout.text(),
    stderr: stderr.text(),
    error,
    durationMs,
    truncated: stdout.truncated || stderr.truncated,
  };
}

const ready = load();
ready.then(
  (py) => {
    const version = String(py.runPython('import sys; sys.version.split()[0]'));
    post({ type: 'ready', coldStartMs: performance.now() - startedAt, pythonVersion: version });
  },
  (err: unknown) => post({ type: 'load-error', message: err instanceof Error ? err.message : String(err) }),
);

scope.onmessage = (e: MessageEvent<SandboxRequest>) => {
  const req = e.data;
  if (req.type !== 'run') return;
  void ready.then((py) => post(run(py, req.id, req.code, req.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS)));
};
