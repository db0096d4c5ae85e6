import { describe, expect, it } from 'vitest';
import type { ModelChoice } from '../models/catalog.ts';
import { CompletionModel, sideBySideFits } from './completion-model.svelte.ts';
import type { EngineState } from './engine.svelte.ts';

function fakeEngine(loads: string[]) {
  const e = {
    phase: 'idle',
    disposed: false,
    async load(spec: { id: string }) {
      loads.push(spec.id);
      e.phase = 'ready';
    },
    async dispose() {
      e.disposed = true;
    },
  };
  return e;
}

describe('CompletionModel', () => {
  const instruct: ModelChoice = { model: 'deepseek-coder-1.3b-instruct', device: 'wasm', dtype: 'auto' };

  it('offers the base model beside a chat model, loads it in its own engine, and drops it for a base model', async () => {
    const loads: string[] = [];
    const engine = fakeEngine(loads);
    let loaded: ModelChoice | null = instruct;
    const m = new CompletionModel(() => engine as unknown as EngineState, () => loaded, () => true);
    expect(m.offer).toMatchObject({ choice: { model: 'deepseek-coder-1.3b-base' }, sideBySide: true });
    await m.accept(() => {
      throw new Error('not replaced');
    });
    expect(loads).toEqual(['Xenova/deepseek-coder-1.3b-base']);
    expect(m.side).toBe(engine);
    expect(m.offer).toBeNull();
    // Now the base model itself is the main one: the side engine has nothing left to serve.
    loaded = { model: 'deepseek-coder-1.3b-base' };
    m.mainChanged();
    expect(m.side).toBeNull();
    expect(engine.disposed).toBe(true);
  });

  it('where both do not fit, the base model replaces the loaded one', async () => {
    const replaced: ModelChoice[] = [];
    const m = new CompletionModel(() => fakeEngine([]) as unknown as EngineState, () => instruct, () => false);
    await m.accept((c) => replaced.push(c));
    expect(replaced.map((c) => c.model)).toEqual(['deepseek-coder-1.3b-base']);
    expect(m.side).toBeNull();
  });

  it('nothing to offer for a FIM-trained model or before a load', () => {
    expect(new CompletionModel(() => fakeEngine([]) as unknown as EngineState, () => ({ model: 'deepseek-coder-1.3b-base' })).offer).toBeNull();
    expect(new CompletionModel(() => fakeEngine([]) as unknown as EngineState, () => null).offer).toBeNull();
  });

  it('memory: 8 GB or unknown fits both', () => {
    expect(sideBySideFits({ deviceMemory: 8 })).toBe(true);
    expect(sideBySideFits({})).toBe(true);
    expect(sideBySideFits({ deviceMemory: 4 })).toBe(false);
  });
});
