// The model host's fault table (scripts/faults.ts), which the chaos e2e specs drive over HTTP.
import { describe, expect, it } from 'vitest';
import { FaultTable, parseFault } from '../scripts/faults.ts';

describe('fault injection rules', () => {
  it('parses a rule with defaults, and says what is wrong with a bad one', () => {
    expect(parseFault('{"path":"model.onnx","kind":"cut"}')).toEqual({ path: 'model.onnx', kind: 'cut', count: 1, method: 'GET' });
    expect(parseFault('{"path":"x","kind":"explode"}')).toMatch(/kind must be one of cut, 404, 500, stall/);
    expect(parseFault('{"path":"x","kind":"404","count":0}')).toMatch(/count/);
    expect(parseFault('not json')).toBe('body is not JSON');
  });

  it('applies to the next N matching requests, then lets them through', () => {
    const t = new FaultTable();
    t.add({ path: 'onnx/model.onnx', kind: '500', count: 2, method: 'GET' });
    expect(t.take('GET', '/m/resolve/main/config.json')).toBeNull();
    expect(t.take('HEAD', '/m/resolve/main/onnx/model.onnx')).toBeNull();
    expect(t.take('GET', '/m/resolve/main/onnx/model.onnx')?.kind).toBe('500');
    expect(t.take('GET', '/m/resolve/main/onnx/model.onnx')?.kind).toBe('500');
    expect(t.take('GET', '/m/resolve/main/onnx/model.onnx')).toBeNull();
  });

  it('reset drops the rules and closes held sockets', () => {
    const t = new FaultTable();
    t.add({ path: 'a', kind: 'stall', count: 5, method: 'GET' });
    let destroyed = false;
    t.hold({ destroy: () => (destroyed = true), once: () => undefined });
    t.reset();
    expect(t.list()).toEqual([]);
    expect(destroyed).toBe(true);
  });
});
