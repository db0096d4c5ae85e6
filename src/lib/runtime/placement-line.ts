// The runtime panel's line on where ONNX Runtime placed a WebGPU session's nodes.
import type { PlacementInfo } from '../../contract/engine-api.ts';

/** MatMul-class ops: the ones that must run on the GPU for WebGPU to be worth it. */
export const MATMUL_OPS: ReadonlySet<string> = new Set(['MatMul', 'MatMulInteger', 'MatMulNBits', 'DynamicQuantizeLinear', 'Gemm', 'FusedMatMul']);

export function placementLine(p: PlacementInfo): string {
  if (!p.checked) return 'Placement: ONNX Runtime did not say where it placed the nodes.';
  if (!p.offGpu.length) return 'Placement: every node runs on WebGPU.';
  const counts = new Map<string, number>();
  for (const n of p.offGpu) counts.set(n.op, (counts.get(n.op) ?? 0) + 1);
  const ops = [...counts].map(([op, n]) => `${op} ×${n}`).join(', ');
  const matmuls = p.offGpu.filter((n) => MATMUL_OPS.has(n.op)).length;
  return `Placement: ${p.offGpu.length} node(s) run on the CPU (${ops}); ${matmuls ? `${matmuls} of them matmul-class` : 'no matmuls among them'}.`;
}
