// An EngineClient whose code loads on first use: the model-server backend stays out of the page's
// first load, which most visitors (the browser backend) never need.
import type { EngineClient } from './client.ts';

type Async = Exclude<keyof EngineClient, 'onCrash' | 'terminate'>;

export function lazyClient(load: () => Promise<EngineClient>): EngineClient {
  let loaded: Promise<EngineClient> | null = null;
  let ended = false;
  const get = (): Promise<EngineClient> => (loaded ??= load());
  const call =
    <K extends Async>(name: K) =>
    async (...args: Parameters<EngineClient[K]>): Promise<Awaited<ReturnType<EngineClient[K]>>> => {
      const client = await get();
      return (client[name] as (...a: Parameters<EngineClient[K]>) => Promise<Awaited<ReturnType<EngineClient[K]>>>)(...args);
    };
  return {
    capabilities: call('capabilities'),
    prepare: call('prepare'),
    load: call('load'),
    cancelLoad: call('cancelLoad'),
    generate: call('generate'),
    interrupt: call('interrupt'),
    dispose: call('dispose'),
    diagnostics: call('diagnostics'),
    countTokens: call('countTokens'),
    plan: call('plan'),
    onNotice: call('onNotice'),
    holdLifeline: call('holdLifeline'),
    onCrash: (listener) => void get().then((c) => !ended && c.onCrash(listener)),
    terminate: () => {
      ended = true;
      void loaded?.then((c) => c.terminate());
    },
  };
}
