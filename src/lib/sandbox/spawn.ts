// The real sandbox worker behind the client's WorkerPort; the only place that names its URL.
import type { SandboxResponse } from '../../contract/sandbox-api.ts';
import { SandboxClient, type WorkerFactory } from './client.ts';

export const createSandboxWorker: WorkerFactory = (handlers) => {
  const worker = new Worker(new URL('../../../workers/sandbox/sandbox.worker.ts', import.meta.url), {
    type: 'module',
    name: 'seekpad-python',
  });
  worker.onmessage = (e: MessageEvent<SandboxResponse>) => handlers.message(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    handlers.error(e.message || 'the worker failed');
  };
  worker.onmessageerror = () => handlers.error('a message could not be read');
  return { post: (m) => worker.postMessage(m), terminate: () => worker.terminate() };
};

export function createSandbox(): SandboxClient {
  return new SandboxClient(createSandboxWorker);
}
