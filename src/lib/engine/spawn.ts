// Starts the engine worker: the only place that names its URL.
import { ENGINE_WORKER_NAME, ENGINE_WORKER_NAME_DIAGNOSTICS } from '../../contract/engine-api.ts';
import { createEngineClient, type EngineClient } from './client.ts';

/** `diagnostics`: the page's `?diagnostics` flag (the worker then exposes `seekpadEngine`). */
export function startEngine(diagnostics = false): EngineClient {
  const name = diagnostics ? ENGINE_WORKER_NAME_DIAGNOSTICS : ENGINE_WORKER_NAME;
  return createEngineClient(() => new Worker(new URL('../../../workers/engine/engine.worker.ts', import.meta.url), { type: 'module', name }));
}
