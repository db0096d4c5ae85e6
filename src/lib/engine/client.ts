// The page's handle on the engine worker: the same EngineApi as in-process, plus crash detection
// (a dead worker never answers Comlink calls, so pending calls are failed here). A worker that
// closes or is killed fires no event: it holds a Web Lock, and the page hears when it is freed.
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { installErrorTransfer } from '../../contract/error-transfer.ts';
import { EngineError } from '../../contract/errors.ts';
import type { Channel } from '../../contract/sets.ts';
import type {
  Capabilities,
  ChunkListener,
  EngineApi,
  EngineDiagnostics,
  GenerateRequest,
  GenerateResult,
  LoadPlan,
  LoadResult,
  ModelSpec,
  NoticeListener,
  ProgressListener,
} from '../../contract/engine-api.ts';

export interface EngineClient extends EngineApi {
  /** Called once if the worker dies; the client is unusable afterwards. */
  onCrash(listener: (err: EngineError) => void): void;
  terminate(): void;
}

export function createEngineClient(makeWorker: () => Worker): EngineClient {
  installErrorTransfer();
  const worker = makeWorker();
  const remote: Remote<EngineApi> = wrap<EngineApi>(worker);
  let crashed: EngineError | null = null;
  const rejecters = new Set<(e: EngineError) => void>();
  const crashListeners: ((e: EngineError) => void)[] = [];

  const crash = (error: EngineError) => {
    if (crashed) return;
    crashed = error;
    for (const r of rejecters) r(crashed);
    rejecters.clear();
    for (const l of crashListeners) l(crashed);
  };
  worker.addEventListener('error', (e) => crash(e.message ? EngineError.of('worker_stopped', { detail: e.message }) : EngineError.of('worker_uncaught', {})));
  worker.addEventListener('messageerror', () => crash(EngineError.of('worker_undecodable', {})));
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks) {
    const name = `seekpad-engine-${Math.random().toString(36).slice(2)}-${Date.now()}`;
    void remote.holdLifeline(name).then((held) => {
      // Granted only once the worker is gone (closed, killed or out of memory).
      if (held && !crashed) void locks.request(name, () => crash(EngineError.of('worker_closed', {})));
    }, () => undefined);
  }

  const call = <T>(fn: () => Promise<T>): Promise<T> => {
    if (crashed) return Promise.reject(crashed);
    return new Promise<T>((resolve, reject) => {
      rejecters.add(reject);
      fn().then(resolve, reject).finally(() => rejecters.delete(reject));
    });
  };

  return {
    capabilities: (): Promise<Capabilities> => call(() => remote.capabilities()),
    prepare: (): Promise<Capabilities> => call(() => remote.prepare()),
    load: (spec: ModelSpec, onProgress?: ProgressListener): Promise<LoadResult> =>
      call(() => remote.load(spec, onProgress ? proxy(onProgress) : undefined)),
    cancelLoad: () => call(() => remote.cancelLoad()),
    generate: (request: GenerateRequest, onChunk?: ChunkListener): Promise<GenerateResult> =>
      call(() => remote.generate(request, onChunk ? proxy(onChunk) : undefined)),
    interrupt: (channel?: Channel) => call(() => remote.interrupt(channel)),
    dispose: () => call(() => remote.dispose()),
    diagnostics: (): Promise<EngineDiagnostics> => call(() => remote.diagnostics()),
    countTokens: (texts: string[]): Promise<number[] | null> => call(() => remote.countTokens(texts)),
    plan: (spec: ModelSpec, network?: boolean): Promise<LoadPlan> => call(() => remote.plan(spec, network)),
    onNotice: (listener: NoticeListener) => call(() => remote.onNotice(proxy(listener))),
    holdLifeline: (name: string) => call(() => remote.holdLifeline(name)),
    onCrash: (listener) => {
      crashListeners.push(listener);
      if (crashed) listener(crashed);
    },
    terminate: () => {
      remote[releaseProxy]();
      worker.terminate();
      crash(EngineError.of('worker_terminated', {}));
    },
  };
}
