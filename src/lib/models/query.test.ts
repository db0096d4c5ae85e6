import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_KEY, toSpec } from './catalog.ts';
import { parseModelQuery } from './query.ts';
import { render } from '../i18n/render.ts';

describe('parseModelQuery', () => {
  it('defaults to the catalog default', () => {
    const r = parseModelQuery('');
    expect(r.choice).toEqual({ model: DEFAULT_MODEL_KEY, device: 'auto', dtype: 'auto' });
    expect(r.warnings).toEqual([]);
  });
  it('reads model, host, device and dtype', () => {
    const r = parseModelQuery('?model=seekpad/tiny-deepseek-coder&host=http://127.0.0.1:4174&device=wasm&dtype=q4');
    expect(r.choice).toEqual({ model: 'seekpad/tiny-deepseek-coder', host: 'http://127.0.0.1:4174/', device: 'wasm', dtype: 'q4' });
  });
  it('warns about and ignores bad values', () => {
    const r = parseModelQuery('?model=<script>&host=javascript:alert(1)&device=tpu&dtype=int3');
    expect(r.choice.model).toBe(DEFAULT_MODEL_KEY);
    expect(r.choice.host).toBeUndefined();
    expect(r.warnings).toHaveLength(4);
    expect(render(r.warnings[2], 'en')).toBe('Ignored device "tpu": the device must be one of auto, webgpu, wasm.');
    expect(render(r.warnings[2], 'zh-Hans')).toBe('已忽略 device“tpu”：设备必须是以下之一：auto, webgpu, wasm。');
  });
});

describe('toSpec', () => {
  it('expands a catalog key', () => {
    const s = toSpec({ model: 'deepseek-coder-1.3b-base' });
    expect(s).toMatchObject({ id: 'Xenova/deepseek-coder-1.3b-base', modelFileName: 'decoder_model_merged' });
    expect(s.dtypes?.wasm).toEqual(['q8']);
  });
  it('passes any Hub id through with a normalised host', () => {
    expect(toSpec({ model: 'a/b', host: 'http://x:1' })).toMatchObject({ id: 'a/b', host: 'http://x:1/' });
  });
});

describe('?stall=', () => {
  it('takes seconds from 1 to 600, and warns about anything else', () => {
    expect(parseModelQuery('?stall=5').stallTimeoutMs).toBe(5000);
    expect(parseModelQuery('').stallTimeoutMs).toBeUndefined();
    const bad = parseModelQuery('?stall=0');
    expect(bad.stallTimeoutMs).toBeUndefined();
    expect(render(bad.warnings[0], 'en')).toMatch(/Ignored stall "0"/);
  });
});

describe('convert', () => {
  it('off turns the WebGPU 4-bit copy off; anything else but on is a warning', () => {
    expect(parseModelQuery('?convert=off').convert).toBe(false);
    expect(parseModelQuery('?convert=on').convert).toBeUndefined();
    expect(render(parseModelQuery('?convert=maybe').warnings[0], 'en')).toContain('convert');
  });
});

describe('?diagnostics', () => {
  it('is off unless the address asks for it', () => {
    expect(parseModelQuery('').diagnostics).toBe(false);
    expect(parseModelQuery('?model=a/b&diagnostics').diagnostics).toBe(true);
  });
});
