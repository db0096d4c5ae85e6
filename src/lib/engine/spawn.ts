import { createEngineClient, type EngineClient } from './client.ts';

export function startEngine(): EngineClient {
  return createEngineClient(
    () => new Worker(new URL('../../../workers/engine/engine.worker.ts', import.meta.url), { type: 'module', name: 'seekpad-engine' }),
  );
}
