// Which nodes ONNX Runtime placed off the WebGPU provider, read from its verbose session log:
// the only place ORT-web tells it. ORT's WASM module binds console.error when it starts, so the
// console is tapped once, before that, and ORT's lines are caught only while a session is made.
import type { PlacementInfo } from '../../src/contract/engine-api.ts';

/** `2026-12-06 23:03:53.144669 [V:onnxruntime:, session_state.cc:1385 Verify...]   Cast (Cast_2)` */
const ORT_LINE = /\[[VIWEF]:onnxruntime:[^\]]*\]\s?(.*)$/;
const PLACED_ON = /^\s*Node\(s\) placed on \[(\w+)\]/;
const ALL_PLACED = /^\s*All nodes placed on \[(\w+)\]/;
const PLACED_NODE = /^\s{2,}(\S+) \((.*)\)\s*$/;
const NO_KERNEL = /kernel not found in registries for Op type: (\S+) node name: (\S*)/;

export function parsePlacement(lines: readonly string[], gpuProvider = 'WebGpuExecutionProvider'): PlacementInfo {
  const placed = new Map<string, { op: string; node: string }>();
  const noKernel = new Map<string, { op: string; node: string }>();
  let sawPlacements = false;
  let provider: string | null = null;
  for (const line of lines) {
    const message = ORT_LINE.exec(line)?.[1];
    if (message === undefined) continue;
    const k = NO_KERNEL.exec(message);
    if (k) noKernel.set(k[2], { op: k[1], node: k[2] });
    const p = PLACED_ON.exec(message) ?? ALL_PLACED.exec(message);
    if (p) {
      sawPlacements = true;
      provider = p[1];
      continue;
    }
    const n = provider ? PLACED_NODE.exec(message) : null;
    if (!n) provider = null;
    else if (provider !== gpuProvider) placed.set(n[2], { op: n[1], node: n[2] });
  }
  // The placement summary is the truth; the kernel lookups are what it is made from.
  if (sawPlacements) return { checked: true, offGpu: [...placed.values()] };
  return { checked: noKernel.size > 0, offGpu: [...noKernel.values()] };
}

let sink: string[] | null = null;
let tapped = false;

/** Routes ORT's log lines to the active sink; call before ONNX Runtime starts. */
export function tapOrtLog(target: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> = console): void {
  if (tapped) return;
  tapped = true;
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = target[m].bind(target);
    target[m] = (...args: unknown[]) => {
      if (sink && typeof args[0] === 'string' && ORT_LINE.test(args[0])) sink.push(args[0]);
      else original(...args);
    };
  }
}

/** Runs `create` with ORT's log lines caught (not printed); one at a time. */
export async function withOrtLog<T>(create: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  sink = lines;
  try {
    return { result: await create(), lines };
  } finally {
    sink = null;
  }
}
