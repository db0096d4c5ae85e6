import { describe, expect, it } from 'vitest';
import { LoadTracker } from './load-progress.ts';

describe('LoadTracker.times', () => {
  it('charges each phase the time until the next, the .onnx file ending the download', () => {
    let t = 0;
    const tracker = new LoadTracker(undefined, () => t);
    tracker.phase('check');
    t = 100;
    tracker.phase('download');
    tracker.event({ status: 'initiate', file: 'onnx/model_quantized.onnx' });
    t = 4_100;
    tracker.event({ status: 'done', file: 'onnx/model_quantized.onnx' });
    t = 29_100;
    tracker.phase('session');
    tracker.phase('warmup');
    t = 33_000;
    expect(tracker.times()).toEqual({ check: 100, download: 4_000, session: 25_000, warmup: 3_900 });
    tracker.phase('ready');
    t = 50_000;
    expect(tracker.times().warmup).toBe(3_900);
  });
});
