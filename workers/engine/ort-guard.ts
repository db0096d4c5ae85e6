// Installs run-guard.ts on the ONNX Runtime that transformers.js uses in the worker (the same
// module instance: Vite bundles one onnxruntime-web).
import { InferenceSession } from 'onnxruntime-web/webgpu';
import { deferredFailure, guardRun } from './run-guard.ts';

type Create = (...args: unknown[]) => Promise<unknown>;
type Run = (this: unknown, ...args: unknown[]) => Promise<unknown>;

let installed = false;

export function installOrtGuard(): void {
  if (installed) return;
  installed = true;
  const factory = InferenceSession as unknown as { create: Create; prototype: { run: Run } };
  const create = factory.create.bind(factory);
  factory.create = (...args) => create(...args).catch((err: unknown) => deferredFailure(err));
  const run = factory.prototype.run;
  factory.prototype.run = function (this: unknown, ...args: unknown[]) {
    return guardRun(run.apply(this, args));
  };
}
