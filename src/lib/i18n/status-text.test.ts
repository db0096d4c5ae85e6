// The worker writes each status's English from src/contract/status-text.ts; the page shows the
// messages. For every code, the English message must read exactly what the worker writes.
import { describe, expect, it } from 'vitest';
import { placeholders } from '../../contract/error-text.ts';
import type { Capabilities, GpuInfo } from '../../contract/engine-api.ts';
import { chooseFimBudget } from '../../contract/prompts/fim-budget.ts';
import { STATUS_CODES, STATUS_TEXTS, sentencesEnglish, status, statusEnglish, type StatusText, type StatusValue } from '../../contract/status-text.ts';
import { locales } from '../../paraglide/runtime.js';
import { chooseRuntime } from '../../../workers/engine/select.ts';
import { quotaWarningText } from '../../../workers/engine/local-files.ts';
import { render } from './render.ts';
import { sentencesText, statusText } from './status-text.ts';

const sample = (template: string): Record<string, StatusValue> => Object.fromEntries(placeholders(template).map((k, i) => [k, i % 2 ? i * 7 : `<${k}>`]));
const unfilled = /\{\w+\}|undefined|\[object Object\]/;

describe('status codes', () => {
  for (const code of STATUS_CODES) {
    it(`${code}: the English message is what the worker writes`, () => {
      const s: StatusText = { code, params: sample(STATUS_TEXTS[code]) };
      const english = statusEnglish(s);
      const text = statusText(s, english);
      expect(text.key).toBe(`status_${code}`);
      expect(render(text, 'en')).toBe(english);
      for (const locale of locales) expect(render(text, locale)).not.toMatch(unfilled);
    });
  }

  it('nested values: a status, a list, an engine error', () => {
    const gpu = status('webgpu_failed_load', { error: { error: 'gpu_load_failed', params: { detail: 'boom' } } });
    const skipped = status('f16_skipped', { dtype: 'q4', skipped: { list: ['q4f16', 'fp16'], and: true } });
    const files = status('files_listed', { dtypes: { list: ['fp32', 'q8'] } });
    for (const s of [gpu, skipped, files]) expect(render(statusText(s, statusEnglish(s)), 'en')).toBe(statusEnglish(s));
    expect(statusEnglish(gpu)).toBe('WebGPU failed (The GPU failed while loading: boom), so WASM took over.');
    expect(render(statusText(gpu, statusEnglish(gpu)), 'zh-Hans')).toBe('WebGPU 出错（加载时 GPU 出错：boom），因此改由 WASM 接管。');
    expect(render(statusText(skipped, statusEnglish(skipped)), 'zh-Hant')).toBe('q4：此 GPU 不支援 shader-f16，因此無法在此執行 q4f16、fp16。');
  });

  it('sentences: joined with a space in English, with nothing in Chinese', () => {
    const parts = [status('wasm_chosen', {}), status('dtype_chosen', { dtype: 'fp32' })];
    const english = sentencesEnglish(parts);
    expect(english).toBe('WASM was chosen. dtype fp32 was chosen.');
    expect(render(sentencesText(parts, english), 'en')).toBe(english);
    expect(render(sentencesText(parts, english), 'zh-Hans')).toBe('已选择 WASM。已选择数据类型 fp32。');
    expect(render(sentencesText(JSON.parse(JSON.stringify(parts)), english), 'zh-Hant')).toBe('已選擇 WASM。已選擇資料型別 fp32。');
  });

  it('shows the English as it is for codes it does not know, values that do not fit, or codes that say something else', () => {
    const english = 'WASM was chosen.';
    const bad: unknown[] = [
      undefined,
      null,
      'wasm_chosen',
      { code: 'nope', params: {} },
      { code: 'dtype_chosen', params: {} },
      { code: 'dtype_chosen', params: { dtype: { nested: true } } },
      { code: 'dtype_chosen', params: { dtype: Number.NaN } },
      { code: 'webgpu_failed_load', params: { error: { error: 'nope', params: {} } } },
      { code: 'webgpu_failed_load', params: { error: { error: 'gpu_load_failed', params: {} } } },
      { code: 'files_listed', params: { dtypes: { list: [1] } } },
      status('dtype_chosen', { dtype: 'fp32' }),
    ];
    for (const b of bad) {
      expect(statusText(b, english)).toEqual({ key: 'verbatim', params: { text: english } });
      expect(sentencesText([b], english)).toEqual({ key: 'verbatim', params: { text: english } });
    }
    expect(sentencesText([], '')).toEqual({ key: 'verbatim', params: { text: '' } });
    expect(render(sentencesText([status('wasm_chosen', {})], 'WASM was chosen. More.'), 'zh-Hans')).toBe('WASM was chosen. More.');
  });
});

describe('what the worker writes, shown in every language', () => {
  const gpu = (over: Partial<GpuInfo>): GpuInfo => ({
    vendor: 'nvidia', architecture: '', description: '', isFallbackAdapter: false, shaderF16: true,
    limits: { maxBufferSize: 1, maxStorageBufferBindingSize: 1, maxComputeWorkgroupStorageSize: 1, maxComputeInvocationsPerWorkgroup: 1 },
    ...over,
  });
  const caps = (g: GpuInfo | null, text = true): Capabilities => ({
    runtime: 'worker', gpu: g, crossOriginIsolated: true, sharedMemory: true, wasmThreads: 2, hardwareConcurrency: 4,
    gpuUnavailableReason: g ? null : 'no WebGPU adapter was offered (blocklisted or disabled GPU)',
    ...(g || !text ? {} : { gpuUnavailableText: status('gpu_no_adapter_offered', {}) }),
  });
  const files = (from: 'cache' | 'probe') => ({ baseName: 'model', dtypes: ['fp32' as const, 'q8' as const], from });

  const choices = [
    chooseRuntime(caps(gpu({})), {}),
    chooseRuntime(caps(gpu({ shaderF16: false, vendor: '' })), {}),
    chooseRuntime(caps(gpu({ isFallbackAdapter: true, shaderF16: false })), { device: 'webgpu', dtype: 'q4f16' }),
    chooseRuntime(caps(gpu({})), {}, files('probe')),
    chooseRuntime(caps(gpu({})), { convert: false }, files('cache')),
    chooseRuntime(caps(null), { device: 'webgpu' }),
    chooseRuntime(caps(null, false), {}),
    chooseRuntime(caps(null), { device: 'wasm', dtype: 'fp16' }),
    chooseRuntime(caps(null), { device: 'wasm', dtype: 'q4' }),
    chooseRuntime({ ...caps(null), runtime: 'node' }, {}),
  ];
  for (const [i, c] of choices.entries()) {
    it(`reason ${i}: ${c.reason}`, () => {
      const text = sentencesText(c.reasonText, c.reason);
      expect(text.key).not.toBe('verbatim');
      expect(render(text, 'en')).toBe(c.reason);
      for (const locale of locales) expect(render(text, locale)).not.toMatch(unfilled);
    });
  }

  it('a FIM budget and a cache warning', () => {
    const rates = { prefillAt: () => 400, decode: 20 };
    const budget = chooseFimBudget({ rates, targets: { firstMs: 1500, eightMs: 5000, maxContext: 4096 }, floor: 60, ahead: null });
    expect(render(statusText(budget.whyText, budget.why), 'en')).toBe('fits 1.5 s to the first ghost text; this device prefills ~400 tokens/s and decodes ~20');
    expect(render(statusText(budget.whyText, budget.why), 'zh-Hans')).toBe('可在 1.5 秒内显示首个内联建议；本机预填充约 400 token/秒，解码约 20 token/秒');
    const warning = quotaWarningText(['onnx/model.onnx', 'tokenizer.json']);
    expect(render(statusText(warning, statusEnglish(warning)), 'en')).toMatch(/^The model loaded, but the browser refused to store onnx\/model\.onnx, tokenizer\.json \(storage quota exceeded\)/);
  });
});
