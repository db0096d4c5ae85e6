// ONNX's ModelProto read from a large file as views over a part tree: nodes, initializers and
// subgraphs (an `If` node's branches) decoded, large tensor payloads left in the file.
import type { ByteSource } from './source.ts';
import { bytesOf, inline, scan, type Msg, type Part, type SourceField } from './tree.ts';
import { WT, fields, pushInts, text } from './proto-wire.ts';

// Field numbers from onnx.proto.
const MODEL = { GRAPH: 7, OPSET_IMPORT: 8 } as const;
const GRAPH = { NODE: 1, INITIALIZER: 5, OUTPUT: 12 } as const;
const NODE = { INPUT: 1, OUTPUT: 2, NAME: 3, OP_TYPE: 4, ATTRIBUTE: 5, DOMAIN: 7 } as const;
const ATTR = { NAME: 1, I: 3, G: 6, GRAPHS: 11 } as const;
const TENSOR = { DIMS: 1, DATA_TYPE: 2, FLOAT_DATA: 4, INT32_DATA: 5, NAME: 8, RAW_DATA: 9, DATA_LOCATION: 14 } as const;

export const TensorType = { FLOAT: 1, UINT8: 2, INT8: 3, FLOAT16: 10 } as const;

/** raw_data at least this long stays in the file until written. */
const INLINE_RAW = 64 << 10;

export interface TensorView {
  part: Part;
  name: string;
  dims: number[];
  dataType: number;
  /** raw_data when small enough to hold. */
  raw: Uint8Array | null;
  /** Where a large raw_data lies in the file. */
  rawSpan: { start: number; end: number } | null;
  floatData: number[];
  int32Data: number[];
  external: boolean;
}

export interface NodeView {
  part: Part;
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  ints: Map<string, number>;
  subgraphs: GraphView[];
}

export interface GraphView {
  msg: Msg;
  nodes: NodeView[];
  inits: TensorView[];
  outputNames: string[];
}

export interface ModelView {
  msg: Msg;
  graph: GraphView;
  /** Opset version per domain ('' is the default domain). */
  opsets: Map<string, number>;
}

export async function readModel(src: ByteSource): Promise<ModelView> {
  const msg: Msg = { parts: [] };
  const opsets = new Map<string, number>();
  let graph: GraphView | null = null;
  await scan(src, 0, src.size, async (f) => {
    if (f.no === MODEL.GRAPH && f.wt === WT.LEN) {
      graph = await readGraph(src, f);
      msg.parts.push({ t: 'msg', no: f.no, msg: graph.msg });
      return;
    }
    const part = await inline(src, f);
    if (f.no === MODEL.OPSET_IMPORT && part.t === 'bytes') {
      const body = part.data.subarray(f.start - f.at);
      let domain = '';
      let version = 0;
      for (const x of fields(body)) {
        if (x.no === 1) domain = text(body, x);
        if (x.no === 2) version = x.value;
      }
      opsets.set(domain, version);
    }
    msg.parts.push(part);
  });
  if (!graph) throw new Error('not an ONNX model: no graph found');
  return { msg, graph, opsets };
}

async function readGraph(src: ByteSource, g: SourceField): Promise<GraphView> {
  const view: GraphView = { msg: { parts: [] }, nodes: [], inits: [], outputNames: [] };
  await scan(src, g.start, g.end, async (f) => {
    if (f.no === GRAPH.NODE) {
      const node = await readNode(src, f);
      view.nodes.push(node);
      view.msg.parts.push(node.part);
    } else if (f.no === GRAPH.INITIALIZER) {
      const t = await readTensor(src, f);
      view.inits.push(t);
      view.msg.parts.push(t.part);
    } else {
      const part = await inline(src, f);
      if (f.no === GRAPH.OUTPUT && part.t === 'bytes') {
        const body = part.data.subarray(f.start - f.at);
        for (const x of fields(body)) if (x.no === 1) view.outputNames.push(text(body, x));
      }
      view.msg.parts.push(part);
    }
  });
  return view;
}

async function readNode(src: ByteSource, n: SourceField): Promise<NodeView> {
  const node: NodeView = { part: { t: 'bytes', data: new Uint8Array(0) }, name: '', opType: '', domain: '', inputs: [], outputs: [], ints: new Map(), subgraphs: [] };
  const parts: Part[] = [];
  await scan(src, n.start, n.end, async (f) => {
    if (f.no === NODE.ATTRIBUTE) {
      parts.push(await readAttribute(src, f, node));
      return;
    }
    const part = await inline(src, f);
    parts.push(part);
    if (part.t !== 'bytes' || f.wt !== WT.LEN) return;
    const s = new TextDecoder().decode(part.data.subarray(f.start - f.at));
    if (f.no === NODE.INPUT) node.inputs.push(s);
    else if (f.no === NODE.OUTPUT) node.outputs.push(s);
    else if (f.no === NODE.NAME) node.name = s;
    else if (f.no === NODE.OP_TYPE) node.opType = s;
    else if (f.no === NODE.DOMAIN) node.domain = s;
  });
  // A node without subgraphs is kept as its bytes; one with them is rebuilt from its parts.
  node.part = node.subgraphs.length ? { t: 'msg', no: n.no, msg: { parts } } : await inline(src, n);
  return node;
}

async function readAttribute(src: ByteSource, a: SourceField, node: NodeView): Promise<Part> {
  const parts: Part[] = [];
  let name = '';
  let int: number | null = null;
  let hasGraph = false;
  await scan(src, a.start, a.end, async (f) => {
    if ((f.no === ATTR.G || f.no === ATTR.GRAPHS) && f.wt === WT.LEN) {
      const g = await readGraph(src, f);
      node.subgraphs.push(g);
      parts.push({ t: 'msg', no: f.no, msg: g.msg });
      hasGraph = true;
      return;
    }
    const part = await inline(src, f);
    parts.push(part);
    if (part.t !== 'bytes') return;
    if (f.no === ATTR.NAME) name = new TextDecoder().decode(part.data.subarray(f.start - f.at));
    if (f.no === ATTR.I && f.wt === WT.VARINT) int = f.value;
  });
  if (int !== null) node.ints.set(name, int);
  return hasGraph ? { t: 'msg', no: a.no, msg: { parts } } : inline(src, a);
}

async function readTensor(src: ByteSource, t: SourceField): Promise<TensorView> {
  const view: TensorView = { part: { t: 'bytes', data: new Uint8Array(0) }, name: '', dims: [], dataType: 0, raw: null, rawSpan: null, floatData: [], int32Data: [], external: false };
  await scan(src, t.start, t.end, async (f) => {
    if (f.no === TENSOR.RAW_DATA) {
      if (f.end - f.start < INLINE_RAW) view.raw = await bytesOf(src, f.start, f.end);
      else view.rawSpan = { start: f.start, end: f.end };
      return;
    }
    if (f.wt === WT.VARINT) {
      if (f.no === TENSOR.DIMS) view.dims.push(f.value);
      if (f.no === TENSOR.DATA_TYPE) view.dataType = f.value;
      if (f.no === TENSOR.DATA_LOCATION) view.external = f.value === 1;
      return;
    }
    if (f.wt !== WT.LEN) return;
    const body = await src.read(f.start, f.end);
    if (f.no === TENSOR.DIMS) pushInts(body, { ...f, at: 0, start: 0, end: body.length }, view.dims);
    else if (f.no === TENSOR.NAME) view.name = new TextDecoder().decode(body);
    else if (f.no === TENSOR.INT32_DATA) pushInts(body, { ...f, at: 0, start: 0, end: body.length }, view.int32Data);
    else if (f.no === TENSOR.FLOAT_DATA) {
      const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
      for (let i = 0; i + 4 <= body.length; i += 4) view.floatData.push(dv.getFloat32(i, true));
    }
  });
  view.part = view.rawSpan ? { t: 'span', no: t.no, start: t.start, end: t.end } : await inline(src, t);
  return view;
}

/** A tensor's values as numbers (scales and zero points: at most a few hundred KB). */
export async function tensorValues(t: TensorView, src: ByteSource): Promise<number[]> {
  const b = t.raw ?? (t.rawSpan ? await src.copy(t.rawSpan.start, t.rawSpan.end) : null);
  if (b) {
    if (t.dataType === TensorType.FLOAT) {
      const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
      return Array.from({ length: b.length / 4 }, (_, i) => dv.getFloat32(i * 4, true));
    }
    if (t.dataType === TensorType.UINT8) return Array.from(b);
    if (t.dataType === TensorType.INT8) return Array.from(new Int8Array(b.buffer, b.byteOffset, b.byteLength));
    return [];
  }
  if (t.dataType === TensorType.FLOAT) return t.floatData;
  // ONNX stores uint8/int8 in int32_data when not raw.
  return t.int32Data;
}
