// How ONNX Runtime gets its WASM: as bytes from the app, not streamed from the URL.
/**
 * Hands ORT its WASM as bytes, so it compiles them afresh instead of streaming from the URL. A
 * streamed module comes back from V8's code cache on later visits, and there it ran at about 0.7
 * of bare transformers.js in steady state while V8 kept re-tiering it (`npm run bench`, section 1,
 * 2026-11-30); from bytes it ran at parity, and a cached load was faster too.
 */
export async function provideWasmBinary(wasm: { wasmBinary?: ArrayBufferLike | Uint8Array }, url: string): Promise<void> {
  if (wasm.wasmBinary) return;
  try {
    const res = await fetch(url);
    if (res.ok) wasm.wasmBinary = await res.arrayBuffer();
  } catch {
    // ORT fetches the file itself, and reports a real failure.
  }
}
