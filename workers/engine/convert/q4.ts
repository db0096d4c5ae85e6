// 4-bit block quantization in the layout of com.microsoft MatMulNBits (as onnxruntime's own
// quantizer writes it): per output column, blocks along K, asymmetric, low nibble first,
// zero points packed two per byte. Built one block of rows at a time so a large matrix never
// exists in float32 whole.

export interface Q4Weight {
  K: number;
  N: number;
  blockSize: number;
  nBlocks: number;
  /** [N, nBlocks, blockSize / 2] */
  packed: Uint8Array;
  /** [N * nBlocks] */
  scales: Float32Array;
  /** [N * ceil(nBlocks / 2)] */
  zeroPoints: Uint8Array;
}

export function q4Sizes(K: number, N: number, blockSize: number): { packed: number; scales: number; zeroPoints: number } {
  const nBlocks = Math.ceil(K / blockSize);
  return { packed: N * nBlocks * (blockSize / 2), scales: N * nBlocks, zeroPoints: N * Math.ceil(nBlocks / 2) };
}

export class Q4Builder {
  readonly nBlocks: number;
  private readonly w: Q4Weight;

  /** `roundScale` rounds each scale to what the graph stores (fp16 for q4f16 graphs). */
  constructor(K: number, N: number, blockSize = 32, private readonly roundScale: (x: number) => number = Math.fround) {
    this.nBlocks = Math.ceil(K / blockSize);
    const s = q4Sizes(K, N, blockSize);
    this.w = { K, N, blockSize, nBlocks: this.nBlocks, packed: new Uint8Array(s.packed), scales: new Float32Array(s.scales), zeroPoints: new Uint8Array(s.zeroPoints) };
  }

  /** Rows [b * blockSize, (b + 1) * blockSize) of the [K, N] weight, row-major; rows past K are 0. */
  addBlock(b: number, rows: Float32Array): void {
    const { N, blockSize, packed, scales, zeroPoints } = this.w;
    const nBlocks = this.nBlocks;
    const blob = blockSize / 2;
    const zpCols = Math.ceil(nBlocks / 2);
    const { lo, hi, inv, zps } = this.columns();
    // Row by row over contiguous memory: a column walk strides N floats per element.
    lo.fill(0);
    hi.fill(0);
    for (let i = 0, o = 0; i < blockSize; i++, o += N) {
      for (let n = 0; n < N; n++) {
        const v = rows[o + n];
        if (v < lo[n]) lo[n] = v;
        if (v > hi[n]) hi[n] = v;
      }
    }
    for (let n = 0; n < N; n++) {
      let scale = (hi[n] - lo[n]) / 15;
      if (scale === 0) scale = 1;
      scale = this.roundScale(scale);
      const zp = clamp(Math.round(-lo[n] / scale), 0, 15);
      scales[n * nBlocks + b] = scale;
      zeroPoints[n * zpCols + (b >> 1)] |= zp << ((b & 1) * 4);
      inv[n] = 1 / scale;
      zps[n] = zp;
    }
    for (let i = 0, o = 0; i < blockSize; i += 2, o += 2 * N) {
      for (let n = 0; n < N; n++) {
        // round(v / scale) + zp, as MLAS computes it: v times the reciprocal, rounded half up.
        const a = Math.floor(rows[o + n] * inv[n] + zps[n] + 0.5);
        const c = Math.floor(rows[o + N + n] * inv[n] + zps[n] + 0.5);
        packed[(n * nBlocks + b) * blob + (i >> 1)] = (a < 0 ? 0 : a > 15 ? 15 : a) | ((c < 0 ? 0 : c > 15 ? 15 : c) << 4);
      }
    }
  }

  private cols: { lo: Float32Array; hi: Float32Array; inv: Float64Array; zps: Uint8Array } | null = null;
  private columns(): { lo: Float32Array; hi: Float32Array; inv: Float64Array; zps: Uint8Array } {
    const N = this.w.N;
    return (this.cols ??= { lo: new Float32Array(N), hi: new Float32Array(N), inv: new Float64Array(N), zps: new Uint8Array(N) });
  }

  result(): Q4Weight {
    return this.w;
  }
}

/** w is [K, N] row-major (input dim first). */
export function quantizeQ4(w: Float32Array, K: number, N: number, blockSize = 32, roundScale?: (x: number) => number): Q4Weight {
  const builder = new Q4Builder(K, N, blockSize, roundScale);
  const rows = new Float32Array(blockSize * N);
  for (let b = 0; b < builder.nBlocks; b++) {
    const k0 = b * blockSize;
    const k1 = Math.min(K, k0 + blockSize);
    rows.fill(0);
    rows.set(w.subarray(k0 * N, k1 * N));
    builder.addBlock(b, rows);
  }
  return builder.result();
}

/** Back to float32 [K, N], exactly what MatMulNBits multiplies by. */
export function dequantizeQ4(q: Q4Weight): Float32Array {
  const { K, N, blockSize, nBlocks } = q;
  const zpCols = Math.ceil(nBlocks / 2);
  const out = new Float32Array(K * N);
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      const b = Math.floor(k / blockSize);
      const i = k % blockSize;
      const byte = q.packed[(n * nBlocks + b) * (blockSize / 2) + (i >> 1)];
      const v = (i & 1) === 0 ? byte & 15 : byte >> 4;
      const zp = (q.zeroPoints[n * zpCols + (b >> 1)] >> ((b & 1) * 4)) & 15;
      out[k * N + n] = (v - zp) * q.scales[n * nBlocks + b];
    }
  }
  return out;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
