// The Python sandbox as a Node worker thread: the same PythonSandbox and messages as the
// browser's worker (workers/sandbox/sandbox.worker.ts), so SandboxClient's time limit (terminate
// the worker) holds in Node too. Started by node-sandbox.ts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { loadPyodide } from 'pyodide';
import type { SandboxRequest, SandboxResponse } from '../../src/contract/sandbox-api.ts';
import { DEFAULT_MAX_OUTPUT_CHARS } from '../../src/contract/sandbox-api.ts';
import { PythonSandbox } from '../../workers/sandbox/python.ts';

const port = parentPort!;
const post = (m: SandboxResponse): void => port.postMessage(m);
const startedAt = performance.now();
const dir = path.dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
const ready = PythonSandbox.load(loadPyodide, `${dir}/`);

ready.then(
  (sandbox) => post({ type: 'ready', coldStartMs: performance.now() - startedAt, pythonVersion: sandbox.version }),
  (err: unknown) => post({ type: 'load-error', message: err instanceof Error ? err.message : String(err) }),
);

port.on('message', (req: SandboxRequest) => {
  if (req.type !== 'run') return;
  void ready.then((sandbox) => post(sandbox.run(req.id, req.code, req.maxOutputChars ?? DEFAULT_MAX_OUTPUT_CHARS)));
});
