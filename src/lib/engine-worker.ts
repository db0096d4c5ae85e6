import { createEngineClient, type EngineClient } from './engine-client.ts';

export function startEngine(): EngineClient {
  return createEngineClient(
    () => new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'seekpad-engine' }),
  );
}
