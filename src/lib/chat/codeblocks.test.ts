import { describe, expect, it } from 'vitest';
import { fenceFor, parseCodeBlocks } from './codeblocks.ts';

describe('parseCodeBlocks', () => {
  it('finds a backtick block with its language and offsets', () => {
    const md = 'Here:\n```python\nprint(1)\nx = 2\n```\nDone.';
    const [b] = parseCodeBlocks(md);
    expect(b).toEqual({ lang: 'python', info: 'python', code: 'print(1)\nx = 2', start: 6, end: md.indexOf('\nDone'), closed: true });
    expect(md.slice(b.start, b.end)).toBe('```python\nprint(1)\nx = 2\n```');
  });

  it('finds several blocks, with and without info strings', () => {
    const md = '```\na\n```\ntext\n```js\nb\n```\n';
    expect(parseCodeBlocks(md).map((b) => [b.lang, b.code])).toEqual([
      ['', 'a'],
      ['js', 'b'],
    ]);
  });

  it('takes the first word of the info string as the language', () => {
    const [b] = parseCodeBlocks('```ts title="a.ts" {1,2}\nlet a;\n```');
    expect(b.lang).toBe('ts');
    expect(b.info).toBe('ts title="a.ts" {1,2}');
  });

  it('handles tilde fences, which may contain backticks', () => {
    const md = '~~~markdown\n```js\nx\n```\n~~~';
    const blocks = parseCodeBlocks(md);
    expect(blocks).toHaveLength(1);
    expect(blocks[0].code).toBe('```js\nx\n```');
    expect(blocks[0].lang).toBe('markdown');
  });

  it('a longer fence holds shorter ones (nested backticks)', () => {
    const md = '````md\nuse\n```py\npass\n```\n````\nafter';
    const blocks = parseCodeBlocks(md);
    expect(blocks).toHaveLength(1);
    expect(blocks[0].code).toBe('use\n```py\npass\n```');
    expect(blocks[0].closed).toBe(true);
  });

  it('a closing fence must be at least as long and of the same character', () => {
    const md = '````\na\n```\n~~~~\nb\n`````\nc';
    const [b] = parseCodeBlocks(md);
    expect(b.code).toBe('a\n```\n~~~~\nb');
    expect(b.closed).toBe(true);
  });

  it('a closing fence may have trailing spaces but no text', () => {
    expect(parseCodeBlocks('```\na\n```  \n')[0].closed).toBe(true);
    const [b] = parseCodeBlocks('```\na\n``` x\n');
    expect(b.closed).toBe(false);
    expect(b.code).toBe('a\n``` x');
  });

  it('accepts fences indented up to 3 spaces and dedents the content by as much', () => {
    const md = '   ```py\n   a\n  b\n     c\n  ```\n';
    const [b] = parseCodeBlocks(md);
    expect(b.code).toBe('a\nb\n  c');
    expect(b.closed).toBe(true);
    expect(b.start).toBe(0);
  });

  it('does not take a fence indented 4 spaces or by a tab', () => {
    expect(parseCodeBlocks('    ```py\n    a\n    ```')).toEqual([]);
    // The unindented last line then opens a block of its own.
    expect(parseCodeBlocks('\t```py\na\n```').map((b) => b.start)).toEqual([9]);
  });

  it('rejects backtick fences whose info string has a backtick', () => {
    expect(parseCodeBlocks('``` a`b\nx\n```')).toHaveLength(1); // the last line opens an empty block
    expect(parseCodeBlocks('``` a`b\nx\n```')[0].start).toBe(10);
  });

  it('needs at least three fence characters', () => {
    expect(parseCodeBlocks('``\nx\n``')).toEqual([]);
  });

  it('keeps blank lines inside the code, but adds no final newline', () => {
    expect(parseCodeBlocks('```\na\n\nb\n\n```')[0].code).toBe('a\n\nb\n');
    expect(parseCodeBlocks('```\n```')[0].code).toBe('');
  });

  it('handles CRLF line endings', () => {
    const md = '```js\r\nlet a;\r\nlet b;\r\n```\r\nz';
    const [b] = parseCodeBlocks(md);
    expect(b.code).toBe('let a;\nlet b;');
    expect(md.slice(b.start, b.end)).toBe('```js\r\nlet a;\r\nlet b;\r\n```');
  });

  describe('streaming', () => {
    it('an unclosed last block runs to the end', () => {
      const md = 'Text\n```python\ndef f():\n    ret';
      const [b] = parseCodeBlocks(md);
      expect(b).toMatchObject({ lang: 'python', code: 'def f():\n    ret', closed: false, end: md.length });
    });

    it('an opening fence alone is an empty unclosed block', () => {
      expect(parseCodeBlocks('```py')[0]).toMatchObject({ lang: 'py', code: '', closed: false });
      expect(parseCodeBlocks('```py\n')[0]).toMatchObject({ code: '', closed: false });
    });

    it('a final newline adds no empty line', () => {
      expect(parseCodeBlocks('```\na\n')[0].code).toBe('a');
      expect(parseCodeBlocks('```\na\n\n')[0].code).toBe('a\n');
    });

    it('hides a half-arrived closing fence', () => {
      expect(parseCodeBlocks('```\na\n`')[0]).toMatchObject({ code: 'a', closed: false });
      expect(parseCodeBlocks('```\na\n``')[0]).toMatchObject({ code: 'a', closed: false });
      expect(parseCodeBlocks('````\na\n```')[0]).toMatchObject({ code: 'a', closed: false });
      expect(parseCodeBlocks('```\na\n```')[0]).toMatchObject({ code: 'a', closed: true });
      // Tildes cannot close a backtick fence, so they are code.
      expect(parseCodeBlocks('```\na\n~~')[0].code).toBe('a\n~~');
      // Once the line ends, a short fence is content.
      expect(parseCodeBlocks('```\na\n``\n')[0].code).toBe('a\n``');
    });

    it('every prefix of a document parses without throwing, blocks growing monotonically', () => {
      const md = 'Intro\n\n```ts\nconst a = `x`;\n```\n\n~~~\n```\n~~~\n\n````md\n```\n````\nend';
      let prevCount = 0;
      for (let n = 0; n <= md.length; n++) {
        const blocks = parseCodeBlocks(md.slice(0, n));
        expect(blocks.length).toBeGreaterThanOrEqual(prevCount);
        prevCount = blocks.length;
        for (const b of blocks) expect(b.end).toBeLessThanOrEqual(n);
      }
      expect(parseCodeBlocks(md).every((b) => b.closed)).toBe(true);
      expect(prevCount).toBe(3);
    });
  });
});

describe('fenceFor', () => {
  it('is three backticks unless the code has a run as long', () => {
    expect(fenceFor('plain')).toBe('```');
    expect(fenceFor('a `b` c')).toBe('```');
    expect(fenceFor('```js\n```')).toBe('````');
    expect(fenceFor('`````')).toBe('``````');
  });
});
