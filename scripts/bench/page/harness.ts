// The harness page's script: starts the two workers and exposes window.seekpadBench to the driver.
import type { BareLoadResult, BareReply, BareRequest, HarnessApi, PassCostResult, RunTiming } from '../protocol.ts';

type Reply = BareLoadResult | RunTiming | PassCostResult;
type Pending = { resolve: (v: Reply) => void; reject: (e: Error) => void };
/** A request without its id (Omit distributed over the union). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Payload = WithoutId<BareRequest>;

function client(worker: Worker): HarnessApi {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  worker.addEventListener('message', (e: MessageEvent<BareReply>) => {
    const p = pending.get(e.data.id);
    if (!p) return;
    pending.delete(e.data.id);
    if (e.data.ok) p.resolve(e.data.value);
    else p.reject(new Error(e.data.error));
  });
  worker.addEventListener('error', (e) => {
    for (const p of pending.values()) p.reject(new Error(`harness worker failed: ${e.message}`));
    pending.clear();
  });
  const call = (payload: Payload): Promise<Reply> => {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...payload, id } as BareRequest);
    });
  };
  return {
    load: (request) => call({ op: 'load', request }) as Promise<BareLoadResult>,
    generate: (prompt, maxNewTokens, drafts) => call({ op: 'generate', prompt, maxNewTokens, drafts }) as Promise<RunTiming>,
    fim: (run) => call({ op: 'fim', run }) as Promise<RunTiming>,
    passCost: (request) => call({ op: 'passCost', request }) as Promise<PassCostResult>,
  };
}

window.seekpadBench = {
  bare: client(new Worker(new URL('./bare.worker.ts', import.meta.url), { type: 'module', name: 'seekpad-bench-bare' })),
  engine: client(new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'seekpad-bench-engine' })),
};
document.body.dataset.ready = 'true';
