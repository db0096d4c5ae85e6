// SandboxClient's worker factory for Node: python-worker.ts in a worker thread (python-worker.mjs
// registers tsx's loader there), ended with terminate() when a program runs past its limit.
import { Worker } from 'node:worker_threads';
import { SandboxClient, type WorkerFactory } from '../../src/lib/sandbox/client.ts';
import type { SandboxResponse } from '../../src/contract/sandbox-api.ts';

export const nodeSandboxWorker: WorkerFactory = (handlers) => {
  const worker = new Worker(new URL('./python-worker.mjs', import.meta.url));
  let ended = false;
  worker.on('message', (m: SandboxResponse) => handlers.message(m));
  worker.on('error', (e) => handlers.error(e.message));
  worker.on('exit', (code) => {
    if (!ended) handlers.error(`the worker exited with code ${code}`);
  });
  return {
    post: (m) => worker.postMessage(m),
    terminate: () => {
      ended = true;
      void worker.terminate();
    },
  };
};

export function nodeSandbox(timeLimitMs?: number): SandboxClient {
  return new SandboxClient(nodeSandboxWorker, { timeLimitMs });
}
