// Compiling ONNX Runtime's 27 MB WASM takes ~10 s on a slow machine, on the first session of a
// worker. Creating a one-node session as soon as the worker starts moves that cost to while
// the user is still choosing a model.
import { InferenceSession } from 'onnxruntime-web/webgpu';

// ModelProto, IR 8, opset 17: y = Identity(x), x and y float[1]. Written once with onnx-proto.
const IDENTITY_MODEL =
  'CAg6OgoQCgF4EgF5IghJZGVudGl0eRIEd2FybVoPCgF4EgoKCAgBEgQKAggBYg8KAXkSCgoICAESBAoCCAFCBAoAEBE=';

export async function warmWasmRuntime(): Promise<void> {
  const bytes = Uint8Array.from(atob(IDENTITY_MODEL), (c) => c.charCodeAt(0));
  const session = await InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  await session.release();
}
