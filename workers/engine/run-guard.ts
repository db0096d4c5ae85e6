// transformers.js 4.3.1 chains every ONNX session creation and run of a worker on one promise
// (webInitChain, webInferenceChain in backends/onnx.js): a single rejection, e.g. a truncated
// model file, poisons every later load or run in that worker. The guard (ort-guard.ts) makes
// those calls resolve with a stand-in that throws the original error on first use, so the chain
// stays usable and the caller still gets the error. No ONNX Runtime import here: Node uses it too.

const pending = new Set<(err: unknown) => void>();

/** A value that throws `err` on any use, and is not a thenable (await passes it through). */
export function deferredFailure(err: unknown): object {
  const fail = (): never => {
    throw err;
  };
  return new Proxy(
    {},
    {
      get: (_t, prop) => (prop === 'then' ? undefined : fail()),
      set: fail,
      has: fail,
      ownKeys: fail,
      getOwnPropertyDescriptor: fail,
      deleteProperty: fail,
    },
  );
}

/** Wraps a run so it never rejects, and can be failed from outside (a lost GPU never answers). */
export function guardRun<T>(run: Promise<T>): Promise<T | object> {
  return new Promise((resolve) => {
    const fail = (err: unknown) => {
      pending.delete(fail);
      resolve(deferredFailure(err));
    };
    pending.add(fail);
    run.then(
      (value) => {
        pending.delete(fail);
        resolve(value);
      },
      fail,
    );
  });
}

/** Ends every guarded run still waiting, with `err`. */
export function failPendingRuns(err: unknown): void {
  for (const fail of [...pending]) fail(err);
}
