import { describe, expect, it } from 'vitest';
import { EngineError } from './errors.ts';

describe('EngineError data', () => {
  it('round-trips through plain data', () => {
    const e = new EngineError({ name: 'DownloadError', message: 'm', hint: 'h', file: 'f' });
    const back = EngineError.fromData(JSON.parse(JSON.stringify(e.toJSON())));
    expect(back).toBeInstanceOf(EngineError);
    expect(back?.toJSON()).toEqual(e.toJSON());
  });
  it('rejects unknown names', () => {
    expect(EngineError.fromData({ name: 'Nope', message: 'x' })).toBeNull();
  });
});
