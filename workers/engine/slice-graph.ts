// A minimal ONNX model (IR 8, opset 17), written field by field: for each named input x of shape
// [batch, heads, seq, dim], output `x.kept` = x[:, :, 0:keep, :], with `keep` an int64[1] input.
import { lenHeader, varintBytes } from './convert/proto-wire.ts';

const utf8 = new TextEncoder();
type Part = Uint8Array | number[];

function bytes(parts: Part[]): Uint8Array {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}
const len = (field: number, value: Uint8Array): Uint8Array => bytes([lenHeader(field, value.length), value]);
const str = (field: number, s: string): Uint8Array => len(field, utf8.encode(s));
const varint = (field: number, n: number): number[] => [...varintBytes(field * 8), ...varintBytes(n)];

const ELEM = { float32: 1, int64: 7, float16: 10 } as const;

/** ValueInfoProto with a tensor type; dims are symbolic names or sizes. */
function valueInfo(name: string, elem: number, dims: (string | number)[]): Uint8Array {
  const shape = bytes(dims.map((d) => len(1, typeof d === 'number' ? bytes([varint(1, d)]) : str(2, d))));
  const tensorType = bytes([varint(1, elem), len(2, shape)]);
  return bytes([str(1, name), len(2, len(1, tensorType))]);
}

/** An int64[1] initializer. */
function constant(name: string, value: number): Uint8Array {
  const raw = new Uint8Array(new BigInt64Array([BigInt(value)]).buffer);
  return bytes([varint(1, 1), varint(2, ELEM.int64), str(8, name), len(9, raw)]);
}

function sliceNode(input: string, output: string): Uint8Array {
  return bytes([str(1, input), str(1, 'zero'), str(1, 'keep'), str(1, 'axis'), str(2, output), str(3, `crop ${input}`), str(4, 'Slice')]);
}

export function sliceGraph(names: string[], dtype: 'float32' | 'float16'): Uint8Array {
  const dims = ['batch', 'heads', 'seq', 'dim'];
  const graph = bytes([
    ...names.map((n) => len(1, sliceNode(n, `${n}.kept`))),
    str(2, 'seekpad-kv-crop'),
    len(5, constant('zero', 0)),
    len(5, constant('axis', 2)),
    len(11, valueInfo('keep', ELEM.int64, [1])),
    ...names.map((n) => len(11, valueInfo(n, ELEM[dtype], dims))),
    ...names.map((n) => len(12, valueInfo(`${n}.kept`, ELEM[dtype], ['batch', 'heads', 'kept', 'dim']))),
  ]);
  return bytes([varint(1, 8), str(2, 'seekpad'), len(7, graph), len(8, bytes([str(1, ''), varint(2, 17)]))]);
}
