// The worker is a thin shell: it only exposes the Engine over Comlink.
import { expose } from 'comlink';
// Served by the app itself, hashed by Vite: never a CDN.
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import { installErrorTransfer } from '../../src/contract/error-transfer.ts';
import { Engine } from './engine.ts';
import { ENGINE_WORKER_NAME_DIAGNOSTICS } from '../../src/contract/engine-api.ts';
import { installOrtGuard } from './ort-guard.ts';
import { tapOrtLog } from './placement.ts';
import { warmWasmRuntime } from './prewarm.ts';

installErrorTransfer();
// Before ONNX Runtime starts (it binds console.error then): the WebGPU placement check reads its log.
tapOrtLog();
// One failed load or run must not break every later one in this worker (see run-guard.ts).
installOrtGuard();
const abs = (u: string) => new URL(u, self.location.href).href;
const engine = new Engine({ wasmPaths: { mjs: abs(ortMjsUrl), wasm: abs(ortWasmUrl) }, warmRuntime: warmWasmRuntime });
// Only when the page was opened with ?diagnostics (engine-api.ts).
if (self.name === ENGINE_WORKER_NAME_DIAGNOSTICS) (self as unknown as { seekpadEngine: Engine }).seekpadEngine = engine;
expose(engine);
