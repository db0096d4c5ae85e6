// The special tokens in families.ts, checked against the offline tokenizer copies.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FAMILY_TOKENS, completionStopIds, completionStopStrings, supportsFim } from './families.ts';

async function tokenizer(name: string) {
  const { AutoTokenizer, env } = await import('@huggingface/transformers');
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = fileURLToPath(new URL('../../../scripts/fixtures/tokenizers/', import.meta.url));
  return AutoTokenizer.from_pretrained(name);
}

describe('family special tokens', () => {
  it('deepseek-coder: every listed token encodes to its id and back', async () => {
    const tok = await tokenizer('deepseek-coder');
    const t = FAMILY_TOKENS['deepseek-coder'];
    const all = [t.bos, t.eos, t.eot!, t.fim!.begin, t.fim!.hole, t.fim!.end];
    expect(all.map((s) => s.id)).toEqual([32013, 32014, 32021, 32016, 32015, 32017]);
    for (const s of all) {
      expect(tok.encode(s.text, { add_special_tokens: false }), s.text).toEqual([s.id]);
      expect(tok.decode([s.id])).toBe(s.text);
    }
  });

  it('the FIM markers use the fullwidth bar and ▁, not ASCII look-alikes', () => {
    const { begin, hole, end } = FAMILY_TOKENS['deepseek-coder'].fim!;
    for (const m of [begin.text, hole.text, end.text]) {
      expect(m).toContain('\uFF5C');
      expect(m).toContain('\u2581');
      expect(m).not.toMatch(/[|_]/);
    }
  });

  it('deepseek-math: BOS and EOS of the DeepSeek-LLM vocabulary', async () => {
    const tok = await tokenizer('deepseek-llm');
    const t = FAMILY_TOKENS['deepseek-math'];
    for (const s of [t.bos, t.eos]) expect(tok.encode(s.text, { add_special_tokens: false })).toEqual([s.id]);
  });

  it('only deepseek-coder supports FIM', () => {
    expect(supportsFim('deepseek-coder')).toBe(true);
    expect(supportsFim('deepseek-math')).toBe(false);
    expect(supportsFim('r1-distill-qwen')).toBe(false);
  });

  it('stop ids and strings line up', () => {
    expect(completionStopIds('deepseek-coder')).toEqual([32014, 32021, 32016, 32015, 32017]);
    expect(completionStopStrings('deepseek-coder')).toEqual([
      '<｜end▁of▁sentence｜>',
      '<|EOT|>',
      '<｜fim▁begin｜>',
      '<｜fim▁hole｜>',
      '<｜fim▁end｜>',
    ]);
    expect(completionStopIds('r1-distill-qwen')).toEqual([151643]);
  });
});
