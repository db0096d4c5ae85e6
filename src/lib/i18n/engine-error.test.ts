// The worker writes each error's English from src/contract/error-text.ts; the page shows the
// messages. For every code, the English message must read exactly what the worker writes.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_HINTS, ERROR_TEXTS, placeholders, type ErrorParams } from '../../contract/error-text.ts';
import { EngineError } from '../../contract/errors.ts';
import { locales } from '../../paraglide/runtime.js';
import { errorText, hintText } from './engine-error.ts';
import { render } from './render.ts';

const sample = (template: string): ErrorParams => Object.fromEntries(placeholders(template).map((k, i) => [k, i % 2 ? i * 7 : `<${k}>`]));
// The table's own type asks for exactly its values; the loop over every code cannot name them.
const of = (code: (typeof ERROR_CODES)[number], params: ErrorParams, file?: string) => EngineError.of(code, params as never, file);

describe('engine error codes', () => {
  for (const code of ERROR_CODES) {
    it(`${code}: the English message and hint are what the worker writes`, () => {
      const e = of(code, sample(ERROR_TEXTS[code].message));
      expect(e.code).toBe(code);
      expect(render(errorText(e), 'en')).toBe(e.message);
      const hint = hintText(e);
      expect(hint ? render(hint, 'en') : '').toBe(e.hint);
      for (const locale of locales) expect(render(errorText(e), locale)).not.toMatch(/\{\w+\}|undefined/);
    });
  }

  it('every hint is used', () => {
    const used = new Set(Object.values(ERROR_TEXTS).map((t) => t.hint));
    expect(Object.keys(ERROR_HINTS).filter((h) => !used.has(h as never))).toEqual([]);
  });

  it('crosses the boundary with its code and values, and is shown in the user’s language', () => {
    const e = EngineError.of('download_stalled', { file: 'onnx/model.onnx', seconds: 30, loaded: '1.0 MB' }, 'onnx/model.onnx');
    const back = EngineError.fromData(JSON.parse(JSON.stringify(e.toJSON())));
    expect(back?.toJSON()).toEqual(e.toJSON());
    expect(back && render(errorText(back), 'zh-Hans')).toBe('下载 onnx/model.onnx 失败：30 秒内没有收到数据（已下载 1.0 MB）。');
    expect(back && render(errorText(back), 'en')).toBe(e.message);
  });

  it('drops a code it does not know or values that do not fit it, and shows the English', () => {
    const data = { name: 'DownloadError', message: 'Downloading x failed: y', hint: 'h' };
    for (const extra of [{ code: 'nope', params: {} }, { code: 'download_failed', params: { file: 'x' } }, { code: 'download_failed', params: { file: 'x', detail: {} } }, { code: 'gpu_lost_unknown', params: {} }]) {
      const e = EngineError.fromData({ ...data, ...extra });
      expect(e?.code).toBeUndefined();
      expect(e && render(errorText(e), 'zh-Hant')).toBe('Downloading x failed: y');
      expect(e && hintText(e) && render(hintText(e)!, 'zh-Hant')).toBe('h');
    }
  });

  it('anything else thrown shows its own message', () => {
    expect(render(errorText(new Error('boom')), 'zh-Hans')).toBe('boom');
    expect(render(errorText('plain'), 'en')).toBe('plain');
  });
});
