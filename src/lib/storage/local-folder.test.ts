import { describe, expect, it } from 'vitest';
import { folderToSpec, onnxVariants, type FolderResult } from './local-folder.ts';
import { render } from '../i18n/render.ts';

const problem = (r: FolderResult): string => (r.ok ? '' : render(r.error, 'en'));

const blob = new Blob(['x']);
const pick = (...paths: string[]) => paths.map((path) => ({ path, file: blob }));
const HUB = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'generation_config.json'];

describe('onnxVariants', () => {
  it('reads dtypes from the file names, preferring the `model` base', () => {
    expect(onnxVariants(['onnx/model.onnx', 'onnx/model_q4.onnx', 'onnx/model_q4f16.onnx'])).toEqual({ base: 'model', dtypes: ['fp32', 'q4', 'q4f16'] });
    expect(onnxVariants(['onnx/decoder_model_merged_quantized.onnx'])).toEqual({ base: 'decoder_model_merged', dtypes: ['q8'] });
    expect(onnxVariants(['config.json'])).toBeNull();
  });
});

describe('folderToSpec', () => {
  it('finds the model root inside the picked folder and keeps paths relative to it', () => {
    const r = folderToSpec(pick(...HUB.map((p) => `main/${p}`), 'main/onnx/model.onnx', 'main/onnx/model_q4.onnx', 'other/notes.txt'), {
      device: 'wasm',
      dtype: 'fp32',
    });
    if (!r.ok) throw new Error(problem(r));
    expect(r.spec.id).toBe('local/main');
    expect(r.spec.dtype).toBe('fp32');
    expect(r.spec.dtypes?.wasm).toEqual(['q4', 'fp32']);
    expect(r.spec.localFiles?.map((f) => f.path).sort()).toEqual([...HUB, 'onnx/model.onnx', 'onnx/model_q4.onnx'].sort());
  });

  it('falls back to auto when the asked dtype is not in the folder, and names the base file', () => {
    const r = folderToSpec(pick(...HUB.map((p) => `m/${p}`), 'm/onnx/decoder_model_merged_quantized.onnx'), { device: 'auto', dtype: 'q4' });
    if (!r.ok) throw new Error(problem(r));
    expect(r.spec.dtype).toBe('auto');
    expect(r.spec.modelFileName).toBe('decoder_model_merged');
  });

  it('says what is missing', () => {
    expect(problem(folderToSpec(pick('m/readme.md'), {}))).toMatch(/no config\.json/);
    expect(problem(folderToSpec(pick('m/config.json', 'm/onnx/model.onnx'), {}))).toBe('The folder lacks tokenizer.json and tokenizer_config.json; a model needs them to load.');
    expect(problem(folderToSpec(pick(...HUB.map((p) => `m/${p}`)), {}))).toMatch(/onnx/);
  });
});
