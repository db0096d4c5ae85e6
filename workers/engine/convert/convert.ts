// An 8-bit dynamically quantized ONNX model (MatMulInteger, which ONNX Runtime Web's WebGPU
// provider cannot run) to 4-bit MatMulNBits, streamed: the input is read in windows and the
// output written in chunks, so no copy of the whole model is ever held.
import { readModel } from './onnx-model.ts';
import { rewriteToQ4, type RewriteOptions, type RewriteReport } from './rewrite.ts';
import type { ByteSource } from './source.ts';
import { encode, msgSize } from './tree.ts';

export interface Conversion {
  /** Size of the converted model in bytes, known before any is written. */
  bytes: number;
  report: RewriteReport;
  /** The converted model's bytes, in order; each chunk may be kept by the caller. */
  chunks: AsyncGenerator<Uint8Array>;
}

export class NothingToConvertError extends Error {
  override name = 'NothingToConvertError';
}

export async function convertToQ4(src: ByteSource, opts: RewriteOptions = {}): Promise<Conversion> {
  const model = await readModel(src);
  const report = await rewriteToQ4(model, src, opts);
  if (report.nodes === 0) {
    const why = report.skipped.length ? ` (${report.skipped[0].node}: ${report.skipped[0].why})` : '';
    throw new NothingToConvertError(`no 8-bit MatMulInteger weights to convert${why}`);
  }
  return { bytes: msgSize(model.msg), report, chunks: encode(model.msg, src) };
}
