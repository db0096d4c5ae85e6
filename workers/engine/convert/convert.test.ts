// The 8-bit-to-4-bit converter on the fixtures. The base fixture is the real export's layout
// (merged decoder, `If` branches, per-column dynamic quantization) with gridded weights, so its
// conversion must equal its 4-bit export exactly; the random tiny coder measures the error a
// conversion adds against fp32, beside its own 4-bit export's.
import fs from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import type { onnx as O } from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { modelDir } from '../../../scripts/fixtures/layout.ts';
import { TINY_CODER, TINY_CODER_BASE, TINY_CODER_BASE_Q4 } from '../../../scripts/fixtures/shapes.ts';
import { loadTokenizer } from '../../../scripts/fixtures/tokenizer.ts';
import { generateTemp, maxAbsDiff, removeTempDirs } from '../../../tests/fixtures/helpers.ts';
import { decodeGreedy } from '../../../tests/fixtures/merged-decode.ts';
import { convertToQ4, NothingToConvertError, type Conversion } from './convert.ts';
import { BlobSource } from './source.ts';

let root = '';
const prompts: number[][] = [];
const PROMPTS = [
  '<｜fim▁begin｜>def add(a, b):\n    <｜fim▁hole｜>\n\nprint(add(1, 2))<｜fim▁end｜>',
  '<｜fim▁begin｜>for i in range(<｜fim▁hole｜>):\n    total += i<｜fim▁end｜>',
  '<｜fim▁begin｜>function greet(name: string) {\n  <｜fim▁hole｜>\n}<｜fim▁end｜>',
  'import numpy as np\nx = np.',
];

const onnxDir = (name: string): string => path.join(modelDir(root, name), 'onnx');

/** Converts `file` (window small, to cross window edges often) and writes `<file>.converted`. */
async function convertFile(file: string): Promise<{ out: string; conversion: Conversion }> {
  const conversion = await convertToQ4(new BlobSource(await fs.openAsBlob(file), 64 << 10));
  const out = `${file}.converted`;
  const fd = fs.openSync(out, 'w');
  for await (const chunk of conversion.chunks) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  return { out, conversion };
}

beforeAll(async () => {
  root = await generateTemp([TINY_CODER, TINY_CODER_BASE, TINY_CODER_BASE_Q4]);
  const tok = await loadTokenizer('deepseek-coder');
  for (const p of PROMPTS) prompts.push([TINY_CODER.shape.bosTokenId, ...tok.encode(p, { add_special_tokens: false })]);
}, 60_000);

afterAll(removeTempDirs);

function graphs(g: O.IGraphProto, out: O.IGraphProto[] = []): O.IGraphProto[] {
  out.push(g);
  for (const n of g.node ?? []) for (const a of n.attribute ?? []) if (a.g) graphs(a.g, out);
  return out;
}

function opCounts(file: string): Map<string, number> {
  const model = onnxProto.onnx.ModelProto.decode(fs.readFileSync(file));
  const counts = new Map<string, number>();
  for (const g of graphs(model.graph!)) for (const n of g.node ?? []) counts.set(n.opType!, (counts.get(n.opType!) ?? 0) + 1);
  return counts;
}

describe('the merged 8-bit decoder (the base export layout)', () => {
  const f = TINY_CODER_BASE;
  const q8 = (): string => path.join(onnxDir(f.name), 'decoder_model_merged_quantized.onnx');

  test('every MatMulInteger becomes MatMulNBits, in both branches; the rest is kept', async () => {
    const { out, conversion } = await convertFile(q8());
    const before = opCounts(q8());
    const after = opCounts(out);
    // 7 projections a layer and the head, in each of the If's two branches.
    const matmuls = 2 * (7 * f.shape.numLayers + 1);
    expect(before.get('MatMulInteger')).toBe(matmuls);
    expect(after.get('MatMulInteger') ?? 0).toBe(0);
    expect(after.get('DynamicQuantizeLinear') ?? 0).toBe(0);
    expect(after.get('MatMulNBits')).toBe(matmuls);
    expect(after.get('If')).toBe(1);
    expect(conversion.report).toMatchObject({ nodes: matmuls, weights: matmuls / 2, skipped: [] });
    expect(fs.statSync(out).size).toBe(conversion.bytes);
    // Untouched ops keep their counts (the embedding's Gather and DequantizeLinear among them).
    for (const op of ['Gather', 'DequantizeLinear', 'Softmax', 'Concat', 'Identity']) expect(after.get(op)).toBe(before.get(op));
    const model = onnxProto.onnx.ModelProto.decode(fs.readFileSync(out));
    expect(model.opsetImport?.some((o) => o.domain === 'com.microsoft')).toBe(true);
  });

  test('the conversion gives the 4-bit export: same logits, same greedy text', async () => {
    const { out } = await convertFile(q8());
    for (const p of prompts) {
      const [q4, conv] = await Promise.all([path.join(onnxDir(TINY_CODER_BASE_Q4.name), 'decoder_model_merged_q4.onnx'), out].map((x) => decodeGreedy(x, f.shape, p, 8)));
      expect(conv.tokens).toEqual(q4.tokens);
      // Both cache branches ran: the prefill (no past), then 7 steps with one.
      for (let i = 0; i < 8; i++) expect(maxAbsDiff(conv.logits[i], q4.logits[i])).toBeLessThan(1e-4);
    }
  });

  test('a model without 8-bit MatMuls is refused with the reason', async () => {
    const src = new BlobSource(await fs.openAsBlob(path.join(onnxDir(TINY_CODER_BASE_Q4.name), 'decoder_model_merged_q4.onnx')));
    await expect(convertToQ4(src)).rejects.toBeInstanceOf(NothingToConvertError);
  });
});

describe('the random tiny coder', () => {
  test('the conversion is as close to fp32 as the 4-bit export', async () => {
    const f = TINY_CODER;
    const dir = onnxDir(f.name);
    const { out } = await convertFile(path.join(dir, 'model_quantized.onnx'));
    const worst = { q4: 0, converted: 0, q8: 0 };
    for (const p of prompts) {
      const run = (file: string) => decodeGreedy(file, f.shape, p, 1);
      const [fp32, q4, q8, conv] = await Promise.all([path.join(dir, 'model.onnx'), path.join(dir, 'model_q4.onnx'), path.join(dir, 'model_quantized.onnx'), out].map(run));
      worst.q4 = Math.max(worst.q4, maxAbsDiff(q4.logits[0], fp32.logits[0]));
      worst.converted = Math.max(worst.converted, maxAbsDiff(conv.logits[0], fp32.logits[0]));
      worst.q8 = Math.max(worst.q8, maxAbsDiff(q8.logits[0], fp32.logits[0]));
    }
    console.log(`largest |logit - fp32| of the prefill, ${prompts.length} prompts: 4-bit export ${worst.q4.toFixed(3)}, converted ${worst.converted.toFixed(3)}, 8-bit ${worst.q8.toFixed(3)}`);
    expect(worst.converted).toBeLessThan(worst.q4 * 1.25);
    expect(worst.converted).toBeGreaterThan(0);
  });
});
