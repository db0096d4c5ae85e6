// Cropping a KV cache that lives on the GPU without a round trip through CPU memory: a small
// ONNX graph of Slice nodes, one per cache tensor, run by ONNX Runtime's WebGPU provider with
// its outputs kept on the GPU. Built once per loaded model.
import { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-web/webgpu';
import { DynamicCache, Tensor as TensorClass, type Tensor } from '@huggingface/transformers';
import { cacheEntries, type KvCropper } from './kv-crop.ts';
import { sliceGraph } from './slice-graph.ts';

type WithOrt = Tensor & { ort_tensor: OrtTensor };

/** `onGpuCrop`: told of each crop whose tensors were all on the GPU. */
export async function gpuCropper(names: string[], dtype: 'float32' | 'float16', onGpuCrop?: () => void): Promise<KvCropper> {
  const session = await InferenceSession.create(sliceGraph(names, dtype), {
    executionProviders: ['webgpu'],
    preferredOutputLocation: 'gpu-buffer',
  });
  return async (cache, keep) => {
    const feeds: Record<string, OrtTensor> = { keep: new OrtTensor('int64', BigInt64Array.of(BigInt(keep)), [1]) };
    const entries = cacheEntries(cache);
    for (const [name, t] of entries) feeds[name] = (t as WithOrt).ort_tensor;
    if (entries.every(([, t]) => t.location === 'gpu-buffer')) onGpuCrop?.();
    const out = await session.run(feeds);
    const cropped: Record<string, Tensor> = {};
    for (const [name, t] of entries) {
      cropped[name] = new TensorClass(out[`${name}.kept`] as never);
      t.dispose();
    }
    return new DynamicCache(cropped);
  };
}
