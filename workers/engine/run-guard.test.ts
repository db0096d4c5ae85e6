import { describe, expect, it } from 'vitest';
import { deferredFailure, failPendingRuns, guardRun } from './run-guard.ts';

describe('run guard', () => {
  it('keeps a promise chain usable after a failure, and the caller still gets the error', async () => {
    // The shape of transformers.js's webInferenceChain.
    let chain: Promise<unknown> = Promise.resolve();
    const call = (run: () => Promise<unknown>) => (chain = chain.then(() => guardRun(run())));
    const failed = await call(() => Promise.reject(new Error('protobuf parsing failed')));
    expect(() => (failed as { config: unknown }).config).toThrow('protobuf parsing failed');
    expect(() => Object.keys(failed as object)).toThrow('protobuf parsing failed');
    expect(await call(() => Promise.resolve('next run'))).toBe('next run');
  });

  it('is not a thenable, so await hands it over instead of throwing', async () => {
    const v = await Promise.resolve(deferredFailure(new Error('x')));
    expect(() => (v as { a: number }).a).toThrow('x');
  });

  it('fails a run that never answers, and later runs go on', async () => {
    let chain: Promise<unknown> = Promise.resolve();
    const hung = (chain = chain.then(() => guardRun(new Promise(() => undefined))));
    const next = chain.then(() => guardRun(Promise.resolve(7)));
    // The hung run has started (its chain link ran).
    await new Promise((r) => setTimeout(r, 0));
    failPendingRuns(new Error('GPU lost'));
    const ended = await hung;
    expect(() => Object.keys(ended as object)).toThrow('GPU lost');
    expect(await next).toBe(7);
  });
});
