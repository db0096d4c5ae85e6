import { describe, expect, it } from 'vitest';
import { classifyGenerateError, classifyLoadError } from './classify-error.ts';

describe('classifyLoadError', () => {
  const ctx = { modelId: 'o/m' };
  it('names the missing file on a 404', () => {
    const e = classifyLoadError(new Error('Could not locate file: "http://h/o/m/resolve/main/onnx/model_q4.onnx".'), ctx);
    expect(e).toMatchObject({ name: 'ModelFileNotFoundError', file: 'onnx/model_q4.onnx' });
    expect(e.message).toContain('onnx/model_q4.onnx');
    expect(e.hint).not.toBe('');
  });
  it('calls a server error a download error with Retry advice', () => {
    const e = classifyLoadError(new Error('Internal server error error occurred while trying to load file: "http://h/o/m/resolve/main/config.json".'), ctx);
    expect(e).toMatchObject({ name: 'DownloadError', file: 'config.json' });
    expect(e.hint).toContain('Retry');
  });
  it('treats an abort as a cancelled load', () => {
    const abort = new Error('x');
    abort.name = 'AbortError';
    expect(classifyLoadError(abort, ctx).name).toBe('LoadCancelledError');
  });
  it('calls anything else a format problem, with the last file seen', () => {
    const e = classifyLoadError(new Error('protobuf parsing failed'), { ...ctx, lastFile: 'onnx/model.onnx' });
    expect(e).toMatchObject({ name: 'ModelFormatError', file: 'onnx/model.onnx' });
  });
  it('copes with non-Error throws', () => {
    expect(classifyLoadError(12345, ctx).message).toContain('12345');
  });
});

describe('classifyGenerateError', () => {
  it('classifies GPU failures during generation', () => {
    expect(classifyGenerateError(new Error('GPU device was lost')).name).toBe('GpuError');
    expect(classifyGenerateError(new Error('bad')).name).toBe('GenerationError');
  });
});
