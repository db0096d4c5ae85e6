/**
 * Hands ORT its WASM as bytes, so it compiles them afresh instead of streaming from the URL. A
 * streamed module comes back from V8's code cache on later visits, and there the Engine decoded
 * at 0.73 to 0.93 of bare transformers.js (which hands ORT bytes) over four runs while V8 kept
 * re-tiering it; from bytes, 0.78 to 1.03 over five later runs (`npm run bench`, "Engine, no UI",
 * 2026-11-30; that spread is the noise between processes, see the README).
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
