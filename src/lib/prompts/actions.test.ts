import { describe, expect, it } from 'vitest';
import { parseCodeBlocks } from '../chat/codeblocks.ts';
import {
  CODE_ACTIONS,
  actionVars,
  buildActionRequest,
  codeToApply,
  fillTemplate,
  type CodeAction,
} from './actions.ts';
import { render } from '../i18n/render.ts';

const findAction = (id: string): CodeAction | undefined => CODE_ACTIONS.find((a) => a.id === id);
const templatePlaceholders = (template: string): string[] => [...new Set([...template.matchAll(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g)].map((m) => m[1]))];

describe('fillTemplate', () => {
  it('replaces known placeholders', () => {
    expect(fillTemplate('Explain {{code}} in {{language}}', { code: 'x = 1', language: 'python' })).toBe('Explain x = 1 in python');
  });

  it('tolerates spaces inside the braces', () => {
    expect(fillTemplate('{{ path }}', { path: 'a.ts' })).toBe('a.ts');
  });

  it('leaves unknown placeholders visible', () => {
    expect(fillTemplate('{{code}} and {{cdoe}}', { code: 'x' })).toBe('x and {{cdoe}}');
  });

  it('replaces every occurrence', () => {
    expect(fillTemplate('{{a}}-{{a}}', { a: '1' })).toBe('1-1');
  });

  it('does not expand placeholders inside values', () => {
    expect(fillTemplate('{{code}} @ {{path}}', { code: 'render("{{path}}")', path: 'p' })).toBe('render("{{path}}") @ p');
  });

  it('inserts values literally, "$&" and all', () => {
    expect(fillTemplate('{{code}}', { code: "s.replace(/x/, '$&$1')" })).toBe("s.replace(/x/, '$&$1')");
  });

  it('does not take inherited properties for variables', () => {
    expect(fillTemplate('{{constructor}} {{toString}}', {})).toBe('{{constructor}} {{toString}}');
  });

  it('leaves text without placeholders, and malformed ones, alone', () => {
    expect(fillTemplate('plain {text} {{ }} {{1x}}', { text: 'no' })).toBe('plain {text} {{ }} {{1x}}');
  });
});

describe('CODE_ACTIONS', () => {
  it('has the seven actions, with unique ids', () => {
    expect(CODE_ACTIONS.map((a) => a.id)).toEqual(['explain', 'fix', 'optimise', 'tests', 'docs', 'review', 'prove']);
    expect(CODE_ACTIONS.map((a) => render(a.label, 'en'))).toEqual(['Explain', 'Find and fix bugs', 'Optimise', 'Write unit tests', 'Write docs', 'Review', 'Prove (Lean 4)']);
  });

  it('marks the actions whose answer is the code to apply', () => {
    expect(CODE_ACTIONS.filter((a) => a.appliesCode).map((a) => a.id)).toEqual(['fix', 'optimise', 'docs', 'prove']);
  });

  it('every template uses only the documented placeholders, and includes the code', () => {
    for (const a of CODE_ACTIONS) {
      expect(templatePlaceholders(a.template).every((p) => ['code', 'language', 'path', 'fence'].includes(p)), a.id).toBe(true);
      expect(a.template).toContain('{{code}}');
    }
  });

  it("code-applying actions ask for the complete code in one block (Prove's prompt is the model card's own)", () => {
    for (const a of CODE_ACTIONS.filter((x) => x.appliesCode && x.id !== 'prove')) {
      expect(a.template, a.id).toMatch(/complete .* code in a single \{\{language\}\} code block/);
      expect(a.template).toMatch(/every line included/);
    }
  });
});

describe('buildActionRequest', () => {
  const ctx = { code: 'def add(a, b):\n    return a - b\n', language: 'python', path: 'src/math.py' };

  it('fills the code into a fenced block in the file\'s language', () => {
    const text = buildActionRequest(findAction('fix')!, ctx);
    expect(text).toContain('`src/math.py`');
    expect(text).not.toMatch(/\{\{/);
    const blocks = parseCodeBlocks(text);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ lang: 'python', code: 'def add(a, b):\n    return a - b', closed: true });
  });

  it('uses a longer fence when the code contains backtick fences', () => {
    const md = { code: 'Example:\n```js\nx()\n```\n', language: 'markdown', path: 'README.md' };
    const text = buildActionRequest(findAction('explain')!, md);
    const blocks = parseCodeBlocks(text);
    expect(blocks).toHaveLength(1);
    expect(blocks[0].code).toBe('Example:\n```js\nx()\n```');
    expect(actionVars(md).fence).toBe('````');
  });

  it("Prove is DeepSeek-Prover-V2's own prompt, the file as the Lean 4 statement", () => {
    const theorem = 'import Mathlib\n\ntheorem two_add (n : ℕ) : n + 2 = 2 + n := by\n  sorry\n';
    const text = buildActionRequest(findAction('prove')!, { code: theorem, language: 'lean4', path: 'Two.lean' });
    expect(text).toBe(
      `Complete the following Lean 4 code:\n\n\`\`\`lean4\n${theorem.trimEnd()}\n\`\`\`\n\n` +
        'Before producing the Lean 4 code to formally prove the given theorem, provide a detailed proof plan outlining the main proof steps and strategies.\n' +
        'The plan should highlight key ideas, intermediate lemmas, and proof structures that will guide the construction of the final formal proof.',
    );
  });

  it('reads well without a known language or a path', () => {
    const text = buildActionRequest(findAction('review')!, { code: 'a  b', language: 'plaintext', path: '' });
    expect(text).toMatch(/^Review the following code from `untitled`/);
    expect(text).toContain('```\na  b\n```');
  });

  it('accepts an edited template', () => {
    expect(buildActionRequest('Shorten {{path}}: {{code}} {{unknown}}', ctx)).toBe(
      'Shorten src/math.py: def add(a, b):\n    return a - b {{unknown}}',
    );
  });

  it('keeps the code byte for byte (only one final newline is dropped)', () => {
    const code = '\tif (x)  {\r\n  $& `y`\n}\n\n';
    const text = buildActionRequest(findAction('docs')!, { code, language: 'c', path: 'a.c' });
    expect(text).toContain('```c\n\tif (x)  {\r\n  $& `y`\n}\n\n```');
  });
});

describe('codeToApply', () => {
  it('takes the only closed block', () => {
    expect(codeToApply('Bug: off by one.\n\n```python\nfixed()\n```\n', 'python')).toBe('fixed()');
  });

  it('prefers the longest block in the file\'s language over snippets and other languages', () => {
    const answer = [
      'The bug is here:',
      '```python',
      'return a - b',
      '```',
      'Run it with:',
      '```bash',
      'python main.py --with --many --flags --that --are --long',
      '```',
      'Full code:',
      '```py',
      'def add(a, b):',
      '    return a + b',
      '```',
    ].join('\n');
    expect(codeToApply(answer, 'python')).toBe('def add(a, b):\n    return a + b');
  });

  it('accepts untagged blocks as the file\'s language', () => {
    expect(codeToApply('```\nuntagged code\n```\n```sh\nls\n```', 'typescript')).toBe('untagged code');
  });

  it('falls back to any closed block when none matches the language', () => {
    expect(codeToApply('```java\nclass A {}\n```', 'kotlin')).toBe('class A {}');
  });

  it('never offers an unclosed (truncated) block', () => {
    expect(codeToApply('```python\ndef f():\n    pass', 'python')).toBeNull();
    expect(codeToApply('```js\na()\n```\n```js\nlonger_but_cut()', 'javascript')).toBe('a()');
  });

  it('is null without code', () => {
    expect(codeToApply('No code here.')).toBeNull();
  });
});
