import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/contract/errors.ts';
import { watchDevice } from './gpu-watch.ts';

const lostWith = async (info: { reason?: string; message?: string }) => {
  const watch = await watchDevice({ lost: Promise.resolve(info) });
  const err = await watch?.whenLost.catch((e: unknown) => e);
  return { watch, err: err as EngineError };
};

describe('watchDevice', () => {
  it('rejects with a coded GpuError saying what the device said', async () => {
    const { watch, err } = await lostWith({ message: 'destroyed' });
    expect(watch?.lost).toBe('destroyed');
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toMatchObject({ name: 'GpuError', code: 'gpu_lost', params: { detail: 'destroyed' }, message: 'The GPU device was lost (destroyed).' });
  });

  it('says so when the device gave no reason', async () => {
    const { watch, err } = await lostWith({});
    expect(watch?.lost).toBe('unknown reason');
    expect(err).toMatchObject({ code: 'gpu_lost_unknown', message: 'The GPU device was lost (unknown reason).' });
  });
});
