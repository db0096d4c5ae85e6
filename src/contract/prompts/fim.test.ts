// FIM prompts checked with the real DeepSeek-Coder tokenizer (the offline copy in
// scripts/fixtures/tokenizers), on token ids, as the model will see them.
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureTokenizer } from '../../../tests/helpers/tokenizer.ts';
import { type FimInput, buildFimPrompt, isFimCapable, memoizeCountTokens, orderContextFiles } from './fim.ts';

const BOS = 32013;
const EOS = 32014;
const HOLE = 32015;
const BEGIN = 32016;
const END = 32017;
const EOT = 32021;

let tok: PreTrainedTokenizer;
beforeAll(async () => {
  tok = await fixtureTokenizer('deepseek-coder');
});

const encode = (text: string): number[] => tok.encode(text, { add_special_tokens: false });
const count = (text: string): number => encode(text).length;

function input(over: Partial<FimInput>): FimInput {
  return { family: 'deepseek-coder', prefix: '', suffix: '', path: 'main.py', language: 'python', files: [], budgetTokens: 1536, ...over };
}

/** A Python file of about `n` tokens: numbered functions, each a few lines. */
function longPython(functions: number): string {
  let s = 'import math\n\n';
  for (let i = 0; i < functions; i++) {
    s += `def area_${i}(radius, scale=${i}):\n    """Area of circle ${i}."""\n    return math.pi * radius ** 2 * scale\n\n\n`;
  }
  return s;
}

function indexOfSeq(ids: number[], seq: number[], from = 0): number {
  outer: for (let i = from; i + seq.length <= ids.length; i++) {
    for (let k = 0; k < seq.length; k++) if (ids[i + k] !== seq[k]) continue outer;
    return i;
  }
  return -1;
}

describe('buildFimPrompt: format', () => {
  it('spells BOS, the FIM markers and the path comment, with no spaces between', () => {
    const r = buildFimPrompt(input({ prefix: 'def add(a, b):\n    ', suffix: '\n\nprint(add(1, 2))\n' }), count);
    expect(r.prompt).toBe(
      '<｜begin▁of▁sentence｜><｜fim▁begin｜># main.py\ndef add(a, b):\n    <｜fim▁hole｜>\n\nprint(add(1, 2))\n<｜fim▁end｜>',
    );
  });

  it('encodes to BOS, begin, path + prefix, hole, suffix, end', () => {
    const prefix = 'def add(a, b):\n    ';
    const suffix = '\n\nprint(add(1, 2))\n';
    const r = buildFimPrompt(input({ prefix, suffix }), count);
    const ids = encode(r.prompt);
    expect(ids).toEqual([BOS, BEGIN, ...encode(`# main.py\n${prefix}`), HOLE, ...encode(suffix), END]);
    expect(ids.filter((id) => id === HOLE)).toHaveLength(1);
    expect(r.tokens).toBe(ids.length);
  });

  it('stops on EOS, EOT and the FIM markers, as ids and as text', () => {
    const r = buildFimPrompt(input({ prefix: 'x = ' }), count);
    expect([...r.stopTokenIds].sort()).toEqual([EOS, HOLE, BEGIN, END, EOT].sort());
    for (const s of r.stop) expect(encode(s)).toHaveLength(1);
    expect(r.stop).toEqual(expect.arrayContaining(['<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>']));
  });

  it('writes the path comment in the language of the current file', () => {
    const ts = buildFimPrompt(input({ path: 'src/app.ts', language: 'typescript', prefix: 'const x = ' }), count);
    expect(ts.prompt).toContain('<｜fim▁begin｜>// src/app.ts\nconst x = <｜fim▁hole｜>');
    const sql = buildFimPrompt(input({ path: 'db/q.sql', language: 'unknown-id', prefix: 'SELECT ' }), count);
    expect(sql.prompt).toContain('-- db/q.sql\nSELECT ');
  });

  it('only DeepSeek-Coder is FIM-capable; other families throw', () => {
    expect(isFimCapable('deepseek-coder')).toBe(true);
    expect(isFimCapable('deepseek-math')).toBe(false);
    expect(isFimCapable('r1-distill-qwen')).toBe(false);
    expect(() => buildFimPrompt(input({ family: 'deepseek-math' }), count)).toThrow(/fill-in-the-middle/);
  });
});

describe('buildFimPrompt: budget', () => {
  const file = longPython(120);
  const cursor = file.indexOf('def area_70(');
  const prefix = file.slice(0, cursor) + 'def area_70(rad';
  const suffix = file.slice(cursor + 'def area_70(rad'.length);

  it('a generated file is long enough to need cutting', () => {
    expect(count(file)).toBeGreaterThan(3000);
  });

  it('stays within the budget, cutting at line boundaries, prefix ~2/3 and suffix ~1/3', () => {
    const budgetTokens = 1536;
    const r = buildFimPrompt(input({ prefix, suffix, budgetTokens }), count);
    const ids = encode(r.prompt);
    expect(ids.length).toBeLessThanOrEqual(budgetTokens);
    expect(ids.length).toBeGreaterThan(budgetTokens - 40); // nearly all of it used
    expect(r.tokens).toBe(ids.length); // line-by-line counting is exact for this tokenizer

    const { prefixStart, suffixEnd } = r.parts;
    expect(prefixStart).toBeGreaterThan(0);
    expect(prefix[prefixStart - 1]).toBe('\n');
    expect(suffixEnd).toBeLessThan(suffix.length);
    expect(suffix[suffixEnd - 1]).toBe('\n');

    const keptPrefix = prefix.slice(prefixStart);
    const keptSuffix = suffix.slice(0, suffixEnd);
    expect(ids).toEqual([BOS, BEGIN, ...encode(`# main.py\n${keptPrefix}`), HOLE, ...encode(keptSuffix), END]);
    const p = count(keptPrefix);
    const s = count(keptSuffix);
    expect(p / (p + s)).toBeGreaterThan(0.6);
    expect(p / (p + s)).toBeLessThan(0.72);
    // The cursor's own lines are always kept.
    expect(keptPrefix.endsWith('def area_70(rad')).toBe(true);
    expect(keptSuffix.startsWith('ius, scale=70):\n')).toBe(true);
  });

  it('keeps everything when it fits, with a short suffix giving its share to the prefix', () => {
    const small = longPython(3);
    const r = buildFimPrompt(input({ prefix: small, suffix: 'print(1)\n', budgetTokens: 1536 }), count);
    expect(r.parts).toMatchObject({ contextFiles: [], prefixStart: 0, suffixEnd: 'print(1)\n'.length, anchored: false });
    const longPrefix = buildFimPrompt(input({ prefix: file, suffix: '\n', budgetTokens: 900 }), count);
    expect(encode(longPrefix.prompt).length).toBeLessThanOrEqual(900);
    expect(longPrefix.tokens).toBeGreaterThan(860); // the unused suffix share went to the prefix
  });

  it('cuts inside the cursor line only when that line alone is over budget', () => {
    const minified = 'x=[' + Array.from({ length: 600 }, (_, i) => i).join(',');
    const r = buildFimPrompt(input({ prefix: minified, suffix: '];\n', budgetTokens: 128 }), count);
    expect(encode(r.prompt).length).toBeLessThanOrEqual(128);
    expect(r.parts.prefixStart).toBeGreaterThan(0);
    expect(minified.endsWith(minified.slice(r.parts.prefixStart))).toBe(true);
    expect(r.parts.suffixEnd).toBe(3);
  });

  it('counts each line once (no re-tokenizing of the kept text)', () => {
    let chars = 0;
    const counting = (t: string) => {
      chars += t.length;
      return count(t);
    };
    const r = buildFimPrompt(input({ prefix, suffix, budgetTokens: 1536 }), counting);
    // Every kept character once, plus the line that did not fit on each side.
    expect(chars).toBeLessThan(r.prompt.length + 400);

    const memo = memoizeCountTokens(counting);
    buildFimPrompt(input({ prefix, suffix }), memo);
    chars = 0;
    const again = buildFimPrompt(input({ prefix: prefix + 'i', suffix: suffix.slice(1) }), memo);
    expect(chars).toBeLessThan(200); // only the edited line is new
    expect(encode(again.prompt).length).toBeLessThanOrEqual(1536);
  });
});

describe('buildFimPrompt: repository context', () => {
  const utils = 'import torch\n\ndef load_data(path):\n    return torch.load(path)\n';
  const net = 'import torch.nn as nn\n\nclass Net(nn.Module):\n    pass\n';
  const notes = 'def unrelated():\n    return 42\n';
  const main = 'import models.net\nfrom utils import load_data\n\ndef main():\n    data = ';
  const files = [
    { path: 'notes.py', text: notes },
    { path: 'utils.py', text: utils },
    { path: 'models/net.py', text: net },
    { path: 'main.py', text: 'stale copy of the current file' },
  ];

  it('puts imported files first, in import order, each after its path comment; the current file last', () => {
    const r = buildFimPrompt(input({ prefix: main, suffix: '\n', files }), count);
    expect(r.parts.contextFiles).toEqual(['models/net.py', 'utils.py', 'notes.py']);
    expect(r.prompt).toBe(
      '<｜begin▁of▁sentence｜><｜fim▁begin｜>' +
        `# models/net.py\n${net}\n# utils.py\n${utils}\n# notes.py\n${notes}\n# main.py\n${main}` +
        '<｜fim▁hole｜>\n<｜fim▁end｜>',
    );
    const ids = encode(r.prompt);
    expect(r.tokens).toBe(ids.length);
    const at = (s: string) => indexOfSeq(ids, encode(s));
    expect(at('# models/net.py\n')).toBeGreaterThan(1);
    expect(at('# models/net.py\n')).toBeLessThan(at('# utils.py\n'));
    expect(at('# utils.py\n')).toBeLessThan(at('# notes.py\n'));
    expect(at('# notes.py\n')).toBeLessThan(at('# main.py\n'));
    expect(ids.indexOf(HOLE)).toBeGreaterThan(at('# main.py\n'));
  });

  it('leaves out a file that does not fit, but still takes smaller ones', () => {
    const big = { path: 'big.py', text: longPython(40) };
    expect(count(big.text)).toBeGreaterThan(1000);
    const r = buildFimPrompt(input({ prefix: main, suffix: '\n', files: [big, ...files], budgetTokens: 512 }), count);
    expect(r.parts.contextFiles).toEqual(['models/net.py', 'utils.py', 'notes.py']);
    expect(r.prompt).not.toContain('# big.py');
    expect(encode(r.prompt).length).toBeLessThanOrEqual(512);
  });

  it('gives the prefix and suffix their share before any context file', () => {
    // Each context file (~100 tokens) is larger than what whole-line cuts leave over.
    const mid = [
      { path: 'utils.py', text: longPython(3) },
      { path: 'notes.py', text: longPython(3) },
    ];
    expect(count(mid[0].text)).toBeGreaterThan(80);
    const prefix = 'from utils import area_0\n' + longPython(60) + 'def f(';
    const r = buildFimPrompt(input({ prefix, suffix: longPython(30), files: mid, budgetTokens: 1024 }), count);
    expect(r.parts.contextFiles).toEqual([]);
    const ids = encode(r.prompt);
    expect(ids.length).toBeLessThanOrEqual(1024);
    expect(ids.length).toBeGreaterThan(1024 - 80);
  });

  it('resolves TypeScript imports with or without extension, require and index files', () => {
    const ts = [
      { path: 'src/other.ts', text: 'export const other = 1;\n' },
      { path: 'src/lib/util.ts', text: 'export function util(): number {\n  return 1;\n}\n' },
      { path: 'lib/legacy.js', text: 'module.exports = { legacy: true };\n' },
      { path: 'src/store/index.ts', text: 'export const store = {};\n' },
    ];
    const prefix =
      "import { util } from './lib/util';\nimport { store } from './store';\nconst legacy = require('../lib/legacy.js');\n\nexport const x = ";
    const r = buildFimPrompt(input({ path: 'src/app.ts', language: 'typescript', prefix, suffix: ';\n', files: ts }), count);
    expect(r.parts.contextFiles).toEqual(['src/lib/util.ts', 'src/store/index.ts', 'lib/legacy.js', 'src/other.ts']);
    expect(r.prompt).toContain('// src/lib/util.ts\nexport function util()');
    expect(r.prompt).toContain('// src/app.ts\nimport { util }');
    expect(encode(r.prompt).length).toBe(r.tokens);
  });

  it('orderContextFiles skips the current file and blank files', () => {
    const out = orderContextFiles({ ...input({ prefix: main }), files: [...files, { path: 'empty.py', text: '\n' }] });
    expect(out.map((f) => f.path)).toEqual(['models/net.py', 'utils.py', 'notes.py']);
  });
});
