// The Python sandbox: Pyodide in a module worker of its own, no DOM and, once loaded, no network.
// It loads as soon as the worker starts (the page starts it only when program-aided mode is
// first used), then runs one program per request in a fresh namespace. Time limits are the
// page's job: a runaway program is stopped by terminating this worker (src/lib/sandbox).
import type { loadPyodide as LoadPyodide } from 'pyodide';
import type { SandboxRequest, SandboxResponse } from '../../src/contract/sandbox-api.ts';
import { DEFAULT_MAX_OUTPUT_CHARS } from '../../src/contract/sandbox-api.ts';
import { PythonSandbox } from './python.ts';
import { cutFunctionConstructors, cutNetwork } from './support.ts';

const startedAt = performance.now();
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: SandboxResponse): void => scope.postMessage(message);

// Pyodide's files sit beside the app's assets: dist/assets/<worker>.js → dist/pyodide/, and in
// dev /workers/sandbox/sandbox.worker.ts → /workers/pyodide/ (scripts/vite/pyodide-assets.ts serves both).
// A variable, not a literal: Vite's dev server rewrites `new URL('literal', import.meta.url)`
// as an asset and drops the trailing slash.
const PYODIDE_FOLDER = '../pyodide/';
const INDEX_URL = new URL(PYODIDE_FOLDER, import.meta.url).href;

async function load(): Promise<PythonSandbox> {
  const mod = (await import(/* @vite-ignore */ `${INDEX_URL}pyodide.mjs`)) as { loadPyodide: typeof LoadPyodide };
  const sandbox = await PythonSandbox.load(mod.loadPyodide, INDEX_URL);
  cutNetwork(scope as unknown as Record<string, unknown>);
  cutFunctionConstructors();
  return sandbox;
}

const ready = load();
ready.then(
  (sandbox) => post({ type: 'ready', coldStartMs: performance.now() - startedAt, pythonVersion: sandbox.version }),
  (err: unknown) => post({ type: 'load-error', message: err instanceof Error ? err.message : String(err) }),
);

scope.onmessage = (e: MessageEvent<SandboxRequest>) => {
  const req = e.data;
  if (req.type !== 'run') return;
  void ready.then((sandbox) => post(sandbox.run(req.id, req.code, req.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS)));
};
