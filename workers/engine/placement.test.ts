import { describe, expect, it } from 'vitest';
import { parsePlacement, tapOrtLog, withOrtLog } from './placement.ts';

const at = (file: string, msg: string): string => `2026-12-06 23:03:53.1 [V:onnxruntime:, ${file}] ${msg}`;

describe('ORT placement log', () => {
  it('takes the nodes placed on another provider than WebGPU from the placement summary', () => {
    const lines = [
      at('webgpu_execution_provider.cc:666 GetCapability', 'webgpu kernel not found in registries for Op type: Shape node name: Shape_9'),
      at('session_state.cc:1377 VerifyEachNodeIsAssignedToAnEp', 'Node placements'),
      at('session_state.cc:1383 VerifyEachNodeIsAssignedToAnEp', ' Node(s) placed on [CPUExecutionProvider]. Number of nodes: 2'),
      at('session_state.cc:1385 VerifyEachNodeIsAssignedToAnEp', '  MatMulInteger (MatMulInteger_29)'),
      at('session_state.cc:1385 VerifyEachNodeIsAssignedToAnEp', '  Shape (Shape_9)'),
      at('session_state.cc:1383 VerifyEachNodeIsAssignedToAnEp', ' Node(s) placed on [WebGpuExecutionProvider]. Number of nodes: 1'),
      at('session_state.cc:1385 VerifyEachNodeIsAssignedToAnEp', '  MatMulNBits (MatMulNBits_1)'),
      at('inference_session.cc:1 Initialize', 'Session successfully initialized.'),
    ];
    expect(parsePlacement(lines)).toEqual({
      checked: true,
      offGpu: [
        { op: 'MatMulInteger', node: 'MatMulInteger_29' },
        { op: 'Shape', node: 'Shape_9' },
      ],
    });
  });

  it('all on WebGPU is an empty list; no log at all is unchecked', () => {
    expect(parsePlacement([at('session_state.cc:1 V', ' All nodes placed on [WebGpuExecutionProvider]. Number of nodes: 9')])).toEqual({ checked: true, offGpu: [] });
    expect(parsePlacement(['something else'])).toEqual({ checked: false, offGpu: [] });
  });

  it('without a summary, the kernel lookups that failed', () => {
    const lines = [at('webgpu_execution_provider.cc:666 GetCapability', 'webgpu kernel not found in registries for Op type: MatMulInteger node name: M_1')];
    expect(parsePlacement(lines)).toEqual({ checked: true, offGpu: [{ op: 'MatMulInteger', node: 'M_1' }] });
  });

  it('the tap catches ORT lines only while a session is made, and passes everything else on', async () => {
    const printed: string[] = [];
    const target = { log: (...a: unknown[]) => printed.push(a.join(' ')), info: () => {}, warn: () => {}, error: (...a: unknown[]) => printed.push(a.join(' ')), debug: () => {} };
    tapOrtLog(target);
    // Bound before the tap's sink exists, as ORT's module binds it.
    const ortError = target.error.bind(target);
    const { lines } = await withOrtLog(async () => {
      ortError(at('x.cc:1 Y', 'Node placements'));
      target.log('app message');
    });
    ortError(at('x.cc:1 Y', 'after the session'));
    expect(lines).toHaveLength(1);
    expect(printed).toEqual(['app message', at('x.cc:1 Y', 'after the session')]);
  });
});
