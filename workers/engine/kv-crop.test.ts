// Cutting caches back: the block copy against an element-wise slice, and the GPU path's Slice
// graph run on ONNX Runtime's CPU provider (the same graph the WebGPU provider runs).
import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { DynamicCache, Tensor } from '@huggingface/transformers';
import { cropOnCpu, cropTensor } from './kv-crop.ts';
import { sliceGraph } from './slice-graph.ts';

const dims = [2, 3, 5, 4];
const size = dims.reduce((a, b) => a * b);

/** x[:, :, 0:keep, :] one element at a time. */
function reference(data: ArrayLike<number>, keep: number): number[] {
  const [b, h, s, d] = dims;
  const out: number[] = [];
  for (let i = 0; i < b; i++) for (let j = 0; j < h; j++) for (let t = 0; t < keep; t++) for (let k = 0; k < d; k++) out.push(data[((i * h + j) * s + t) * d + k]);
  return out;
}

describe('cropTensor', () => {
  it('keeps the first positions of every head, in place or not, in float32 and in float16 storage', () => {
    for (const inPlace of [true, false]) {
      for (const type of ['float32', 'float16'] as const) {
        for (const keep of [0, 1, 3, 4]) {
          const make = () => (type === 'float32' ? Float32Array.from({ length: size }, (_, i) => i) : Uint16Array.from({ length: size }, (_, i) => i));
          const data = make();
          const t = cropTensor(new Tensor(type, data, dims), keep, inPlace);
          expect(t.dims).toEqual([2, 3, keep, 4]);
          expect(t.type).toBe(type);
          expect(Array.from(t.data as ArrayLike<number>)).toEqual(reference(make(), keep));
          // A copy leaves the source as it was; in place reuses its buffer.
          if (!inPlace) expect(Array.from(data)).toEqual(Array.from(make()));
          else expect((t.data as ArrayLike<number> & { buffer: ArrayBuffer }).buffer).toBe(data.buffer);
        }
      }
    }
  });

  it('crops every tensor of a cache, and returns a tensor already short enough as it is', async () => {
    const t = () => new Tensor('float32', Float32Array.from({ length: size }, (_, i) => i), dims);
    const cache = await cropOnCpu(new DynamicCache({ 'past_key_values.0.key': t(), 'past_key_values.0.value': t() }), 2);
    expect(cache.get_seq_length()).toBe(2);
    expect(Array.from((cache as unknown as Record<string, Tensor>)['past_key_values.0.value'].data as Float32Array)).toEqual(reference(t().data as Float32Array, 2));
    const short = t();
    expect(cropTensor(short, 9)).toBe(short);
  });
});

describe('sliceGraph', () => {
  it('is a valid ONNX model that crops each named input to `keep` positions', async () => {
    const names = ['past_key_values.0.key', 'past_key_values.0.value'];
    const session = await ort.InferenceSession.create(sliceGraph(names, 'float32'));
    expect(session.inputNames).toEqual(['keep', ...names]);
    const a = Float32Array.from({ length: size }, (_, i) => i);
    const b = Float32Array.from({ length: size }, (_, i) => -i);
    const out = await session.run({ keep: new ort.Tensor('int64', BigInt64Array.of(3n), [1]), [names[0]]: new ort.Tensor('float32', a, dims), [names[1]]: new ort.Tensor('float32', b, dims) });
    expect(out[`${names[0]}.kept`].dims).toEqual([2, 3, 3, 4]);
    expect(Array.from(out[`${names[0]}.kept`].data as Float32Array)).toEqual(reference(a, 3));
    expect(Array.from(out[`${names[1]}.kept`].data as Float32Array)).toEqual(reference(b, 3));
  });

  it('takes float16 caches', async () => {
    const session = await ort.InferenceSession.create(sliceGraph(['k'], 'float16'));
    const data = Uint16Array.from({ length: size }, (_, i) => 0x3c00 + i);
    const out = await session.run({ keep: new ort.Tensor('int64', BigInt64Array.of(1n), [1]), k: new ort.Tensor('float16', data, dims) });
    expect(Array.from(out['k.kept'].data as Uint16Array)).toEqual(reference(data, 1));
  });
});
