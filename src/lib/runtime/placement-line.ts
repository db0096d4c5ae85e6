// The runtime panel's line on where ONNX Runtime placed a WebGPU session's nodes.
import type { PlacementInfo } from '../../contract/engine-api.ts';
import type { Text } from '../i18n/text.ts';

/** MatMul-class ops: the ones that must run on the GPU for WebGPU to be worth it. */
export const MATMUL_OPS: ReadonlySet<string> = new Set(['MatMul', 'MatMulInteger', 'MatMulNBits', 'DynamicQuantizeLinear', 'Gemm', 'FusedMatMul']);

export function placementLine(p: PlacementInfo): Text {
  if (!p.checked) return { key: 'placement_unknown' };
  if (!p.offGpu.length) return { key: 'placement_all_gpu' };
  const counts = new Map<string, number>();
  for (const n of p.offGpu) counts.set(n.op, (counts.get(n.op) ?? 0) + 1);
  const ops: Text[] = [...counts].map(([op, n]) => ({ key: 'placement_op', params: { op, count: n } }));
  const matmuls = p.offGpu.filter((n) => MATMUL_OPS.has(n.op)).length;
  const which: Text = matmuls ? { key: 'placement_matmuls', params: { count: matmuls } } : { key: 'placement_no_matmuls' };
  return { key: 'placement_cpu', params: { count: p.offGpu.length, ops: { list: ops }, matmuls: which } };
}
