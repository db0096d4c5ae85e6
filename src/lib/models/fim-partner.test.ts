import { describe, expect, it } from 'vitest';
import { fimPartner, isFimTrained } from './fim-partner.ts';

describe('FIM-trained models and their partners', () => {
  it('the catalog: base does FIM, instruct offers base, the math model neither', () => {
    expect(isFimTrained({ model: 'deepseek-coder-1.3b-base' })).toBe(true);
    expect(isFimTrained({ model: 'deepseek-coder-1.3b-instruct' })).toBe(false);
    expect(fimPartner({ model: 'deepseek-coder-1.3b-instruct', device: 'webgpu' })).toEqual({
      choice: { model: 'deepseek-coder-1.3b-base', device: 'webgpu', dtype: 'auto' },
      label: { key: 'catalog_coder_base' },
    });
    expect(fimPartner({ model: 'deepseek-coder-1.3b-base' })).toBeNull();
    expect(fimPartner({ model: 'deepseek-r1-distill-qwen-1.5b' })).toBeNull();
  });

  it('any other id: "instruct" read as "base", on the same host', () => {
    expect(isFimTrained({ model: 'me/deepseek-coder-6.7b-instruct' })).toBe(false);
    expect(isFimTrained({ model: 'seekpad/tiny-deepseek-coder' })).toBe(true);
    expect(fimPartner({ model: 'seekpad/tiny-deepseek-coder-instruct', host: 'http://m/' })?.choice).toEqual({
      model: 'seekpad/tiny-deepseek-coder-base',
      family: 'deepseek-coder',
      host: 'http://m/',
      device: 'auto',
      dtype: 'auto',
    });
    expect(fimPartner({ model: 'org/Coder-Instruct' })?.choice.model).toBe('org/Coder-Base');
    expect(fimPartner({ model: 'me/my-chat-coder' })).toBeNull();
  });
});
