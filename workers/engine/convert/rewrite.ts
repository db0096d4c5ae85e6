// Finds onnxruntime's dynamic-quantization pattern for a MatMul with a constant 8-bit weight,
//   DynamicQuantizeLinear(X) -> MatMulInteger(Xq, W, Xzp, Wzp) -> Cast(float) -> Mul(., Xs * Ws)
// and replaces it with com.microsoft MatMulNBits(X, W4, scales, zero_points): activations stay
// float, the weight is dequantized with its scale and zero point and quantized again to 4 bits.
// Works across subgraphs (the merged decoder's `If` branches share the outer initializers).
import { Q4Builder, q4Sizes } from './q4.ts';
import { TensorType, tensorValues, type GraphView, type ModelView, type NodeView, type TensorView } from './onnx-model.ts';
import type { ByteSource } from './source.ts';
import type { Msg, Part } from './tree.ts';
import { encMessage, encString, encVarint, lenHeader } from './proto-wire.ts';

export interface RewriteOptions {
  blockSize?: number;
  /** Called as each weight is quantized while writing. */
  onWeight?: (name: string, bytes: number) => void;
}

export interface RewriteReport {
  /** MatMulInteger nodes replaced (a weight shared by two branches counts twice). */
  nodes: number;
  weights: number;
  /** Source bytes of the 8-bit weights replaced. */
  weightBytes: number;
  /** MatMulInteger nodes left as they were, with the reason. */
  skipped: { node: string; why: string }[];
}

interface Match {
  g: GraphView;
  M: NodeView;
  C: NodeView;
  P: NodeView;
  SM: NodeView;
  D: NodeView;
  x: string;
  w: string;
  scale: string;
  zp: string | null;
  scales: number[];
  zps: number[];
}

interface Located<T> {
  g: GraphView;
  v: T;
}

function allGraphs(g: GraphView, out: GraphView[] = []): GraphView[] {
  out.push(g);
  for (const n of g.nodes) for (const s of n.subgraphs) allGraphs(s, out);
  return out;
}

export async function rewriteToQ4(model: ModelView, src: ByteSource, opts: RewriteOptions = {}): Promise<RewriteReport> {
  const blockSize = opts.blockSize ?? 32;
  const graphs = allGraphs(model.graph);
  const producer = new Map<string, NodeView>();
  const consumers = new Map<string, NodeView[]>();
  const inits = new Map<string, Located<TensorView>>();
  const graphOutputs = new Set<string>();
  for (const g of graphs) {
    for (const o of g.outputNames) graphOutputs.add(o);
    for (const t of g.inits) inits.set(t.name, { g, v: t });
    for (const n of g.nodes) {
      for (const o of n.outputs) producer.set(o, n);
      for (const i of n.inputs) if (i) (consumers.get(i) ?? consumers.set(i, []).get(i)!).push(n);
    }
  }
  const only = (name: string): NodeView | null => {
    const c = consumers.get(name) ?? [];
    return c.length === 1 && !graphOutputs.has(name) ? c[0] : null;
  };

  const report: RewriteReport = { nodes: 0, weights: 0, weightBytes: 0, skipped: [] };
  const matches: Match[] = [];
  for (const g of graphs) {
    for (const M of g.nodes) {
      if (M.opType !== 'MatMulInteger' || (M.domain !== '' && M.domain !== 'ai.onnx')) continue;
      const skip = (why: string): void => void report.skipped.push({ node: M.name, why });
      const [xq, w, xzp, wzp] = M.inputs;
      const D = producer.get(xq);
      if (!D || D.opType !== 'DynamicQuantizeLinear' || D.outputs[0] !== xq || D.outputs[2] !== xzp) {
        skip('its input is not quantized by DynamicQuantizeLinear');
        continue;
      }
      const W = inits.get(w)?.v;
      if (!W || W.dims.length !== 2 || (W.dataType !== TensorType.UINT8 && W.dataType !== TensorType.INT8)) {
        skip('its weight is not a constant 2-D 8-bit tensor');
        continue;
      }
      if (W.external || (!W.rawSpan && !W.raw)) {
        skip('its weight is not stored as raw_data in the file');
        continue;
      }
      const C = only(M.outputs[0]);
      if (!C || C.opType !== 'Cast' || C.ints.get('to') !== TensorType.FLOAT) {
        skip('its output is not only cast to float');
        continue;
      }
      const P = only(C.outputs[0]);
      if (!P || P.opType !== 'Mul') {
        skip('the cast is not only scaled by a Mul');
        continue;
      }
      const s = P.inputs[0] === C.outputs[0] ? P.inputs[1] : P.inputs[0];
      const SM = producer.get(s);
      const scale = SM?.opType === 'Mul' && SM.inputs.includes(D.outputs[1]) ? SM.inputs.find((i) => i !== D.outputs[1]) : undefined;
      const N = W.dims[1];
      const S = scale ? inits.get(scale)?.v : undefined;
      const scales = S?.dataType === TensorType.FLOAT ? await tensorValues(S, src) : [];
      if (!SM || ![1, N].includes(scales.length)) {
        skip('the scale is not the input scale times a constant weight scale (one, or one per column)');
        continue;
      }
      const Z = wzp ? inits.get(wzp)?.v : undefined;
      const zps = Z ? await tensorValues(Z, src) : [0];
      if (![1, N].includes(zps.length)) {
        skip('the weight zero point is not a constant (one, or one per column)');
        continue;
      }
      matches.push({ g, M, C, P, SM, D, x: D.inputs[0], w, scale: scale!, zp: wzp || null, scales, zps });
    }
  }
  if (!matches.length) return report;

  const taken = new Set([...producer.keys(), ...inits.keys(), ...consumers.keys()]);
  const fresh = (base: string): string => {
    let name = base;
    for (let i = 1; taken.has(name); i++) name = `${base}_${i}`;
    taken.add(name);
    return name;
  };

  // One 4-bit weight per 8-bit weight, written where the 8-bit one was.
  const replaced = new Map<Part, Part[]>();
  const q4Names = new Map<string, { b: string; scales: string; zp: string; K: number; N: number }>();
  for (const m of matches) {
    if (q4Names.has(m.w)) continue;
    const W = inits.get(m.w)!.v;
    const [K, N] = W.dims;
    const names = { b: fresh(`${m.w}_q4`), scales: fresh(`${m.w}_q4_scales`), zp: fresh(`${m.w}_q4_zero_points`), K, N };
    q4Names.set(m.w, names);
    const { scales: scale, zps: zp } = m;
    const sizes = q4Sizes(K, N, blockSize);
    const nBlocks = Math.ceil(K / blockSize);
    const compute = once(async () => {
      const q = W.rawSpan ? await src.copy(W.rawSpan.start, W.rawSpan.end) : W.raw!;
      const values = W.dataType === TensorType.INT8 ? new Int8Array(q.buffer, q.byteOffset, q.byteLength) : q;
      const builder = new Q4Builder(K, N, blockSize);
      const rows = new Float32Array(blockSize * N);
      // Per column, whether the source had one scale or one per column.
      const s = Float32Array.from({ length: N }, (_, n) => scale[scale.length === N ? n : 0]);
      const z = Float32Array.from({ length: N }, (_, n) => zp[zp.length === N ? n : 0]);
      for (let b = 0; b < nBlocks; b++) {
        rows.fill(0);
        const k1 = Math.min(K, (b + 1) * blockSize);
        for (let k = b * blockSize, r = 0; k < k1; k++, r += N) {
          for (let n = 0, o = k * N; n < N; n++) rows[r + n] = (values[o + n] - z[n]) * s[n];
        }
        builder.addBlock(b, rows);
      }
      opts.onWeight?.(m.w, q.length);
      return builder.result();
    }, 3);
    replaced.set(W.part, [
      tensorPart(names.b, [N, nBlocks, blockSize / 2], TensorType.UINT8, sizes.packed, async () => (await compute()).packed),
      tensorPart(names.scales, [N * nBlocks], TensorType.FLOAT, sizes.scales * 4, async () => bytesOf((await compute()).scales)),
      tensorPart(names.zp, [sizes.zeroPoints], TensorType.UINT8, sizes.zeroPoints, async () => (await compute()).zeroPoints),
    ]);
    report.weights++;
    report.weightBytes += K * N;
  }

  // Each matched chain becomes one MatMulNBits node, at the place of its last node.
  const removed = new Set<NodeView>();
  for (const m of matches) {
    const n = q4Names.get(m.w)!;
    const node = nodeBytes({
      name: fresh(`${m.M.name || m.w}_MatMulNBits`),
      opType: 'MatMulNBits',
      domain: 'com.microsoft',
      inputs: [m.x, n.b, n.scales, n.zp],
      outputs: [m.P.outputs[0]],
      ints: { K: n.K, N: n.N, bits: 4, block_size: blockSize },
    });
    replaced.set(m.P.part, [node]);
    removed.add(m.M).add(m.C).add(m.P);
    report.nodes++;
  }

  // The quantizers and scale products that nothing reads any more go too.
  const live = (name: string): boolean => graphOutputs.has(name) || (consumers.get(name) ?? []).some((c) => !removed.has(c));
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of matches) {
      for (const n of [m.SM, m.D]) {
        if (!removed.has(n) && !n.outputs.some(live)) {
          removed.add(n);
          changed = true;
        }
      }
    }
  }
  // Scales and zero points nobody reads go; the 8-bit weight already gave way to its 4-bit parts.
  for (const m of matches) {
    for (const name of [m.scale, m.zp]) {
      const t = name ? inits.get(name)!.v : null;
      if (t && !live(t.name) && !replaced.has(t.part)) replaced.set(t.part, []);
    }
  }
  for (const n of removed) if (!replaced.has(n.part)) replaced.set(n.part, []);
  for (const g of graphs) g.msg.parts = g.msg.parts.flatMap((p) => replaced.get(p) ?? [p]);

  if (!model.opsets.has('com.microsoft')) {
    const opset = [...encString(1, 'com.microsoft'), ...encVarint(2, 1)];
    model.msg.parts.push({ t: 'bytes', data: Uint8Array.from(encMessage(8, opset)) });
    model.opsets.set('com.microsoft', 1);
  }
  return report;
}

function once<T>(compute: () => Promise<T>, uses: number): () => Promise<T> {
  let value: Promise<T> | null = null;
  let left = uses;
  return () => {
    value ??= compute();
    const v = value;
    if (--left === 0) value = null;
    return v;
  };
}

function bytesOf(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function tensorPart(name: string, dims: number[], dataType: number, length: number, produce: () => Promise<Uint8Array>): Part {
  const head = [...dims.flatMap((d) => encVarint(1, d)), ...encVarint(2, dataType), ...encString(8, name)];
  const msg: Msg = { parts: [{ t: 'bytes', data: Uint8Array.from(head) }, { t: 'lazy', no: 9, length, produce }] };
  return { t: 'msg', no: 5, msg };
}

interface NewNode {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  ints: Record<string, number>;
}

function nodeBytes(n: NewNode): Part {
  const INT = 2; // AttributeProto.AttributeType.INT
  const body = [
    ...n.inputs.flatMap((i) => encString(1, i)),
    ...n.outputs.flatMap((o) => encString(2, o)),
    ...encString(3, n.name),
    ...encString(4, n.opType),
    ...Object.entries(n.ints).flatMap(([k, v]) => encMessage(5, [...encString(1, k), ...encVarint(3, v), ...encVarint(20, INT)])),
    ...encString(7, n.domain),
  ];
  return { t: 'bytes', data: Uint8Array.from([...lenHeader(1, body.length), ...body]) };
}
