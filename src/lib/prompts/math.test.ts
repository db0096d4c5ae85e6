import { describe, expect, it } from 'vitest';
import { assistantTurn } from './instruct.ts';
import {
  COT_INSTRUCTION,
  TOOL_INSTRUCTION,
  TOOL_OUTPUT_STOP,
  appendToolOutput,
  awaitsToolOutput,
  buildMathPrompt,
  lastPythonBlock,
  mathQuestion,
} from './math.ts';

const BOS = '<｜begin▁of▁sentence｜>';
const EOS = '<｜end▁of▁sentence｜>';

describe('math instructions', () => {
  it('are DeepSeek\'s wording', () => {
    expect(COT_INSTRUCTION).toBe('Please reason step by step, and put your final answer within \\boxed{}.');
    expect(TOOL_INSTRUCTION).toBe(
      'Please integrate natural language reasoning with programs to solve the problem above, and put your final answer within \\boxed{}.',
    );
    expect(mathQuestion('What is 2+2?')).toBe(`What is 2+2?\n${COT_INSTRUCTION}`);
    expect(mathQuestion('What is 2+2?', 'tool')).toBe(`What is 2+2?\n${TOOL_INSTRUCTION}`);
  });
});

describe('buildMathPrompt', () => {
  it('DeepSeek-Math chain of thought', () => {
    const p = buildMathPrompt({ family: 'deepseek-math', question: 'what is the integral of x^2 from 0 to 2?' });
    expect(p.prompt).toBe(
      `${BOS}User: what is the integral of x^2 from 0 to 2?\nPlease reason step by step, and put your final answer within \\boxed{}.\n\nAssistant:`,
    );
    expect(p.stop).toEqual([EOS]);
    expect(p.stopTokenIds).toEqual([100001]);
  });

  it('DeepSeek-Math tool-integrated, stopping at ```output', () => {
    const p = buildMathPrompt({ family: 'deepseek-math', question: 'Q', mode: 'tool' });
    expect(p.prompt).toBe(
      `${BOS}User: Q\nPlease integrate natural language reasoning with programs to solve the problem above, and put your final answer within \\boxed{}.\n\nAssistant:`,
    );
    expect(p.stop).toEqual([EOS, '```output']);
  });

  it('R1-Distill: directive in the user turn, answer opened with <think>', () => {
    const p = buildMathPrompt({ family: 'r1-distill-qwen', question: 'Q' });
    expect(p.prompt).toBe(`${BOS}<｜User｜>Q\nPlease reason step by step, and put your final answer within \\boxed{}.<｜Assistant｜><think>\n`);
    expect(p.answerPrefix).toBe('<think>\n');
    expect(p.stopTokenIds).toEqual([151643]);
    expect(buildMathPrompt({ family: 'r1-distill-qwen', question: 'Q', openThink: false }).prompt.endsWith('<｜Assistant｜>')).toBe(true);
  });

  it('DeepSeek-Coder instruct: the question as an instruction', () => {
    const p = buildMathPrompt({ family: 'deepseek-coder', question: 'Q' });
    expect(p.prompt).toContain(`### Instruction:\nQ\n${COT_INSTRUCTION}\n### Response:\n`);
  });

  it('a continuation is the fresh prompt plus the answer so far, in every family', () => {
    for (const family of ['deepseek-math', 'r1-distill-qwen', 'deepseek-coder'] as const) {
      for (const mode of ['cot', 'tool'] as const) {
        const fresh = buildMathPrompt({ family, question: 'Q', mode });
        const output = ' Let me compute.\n```python\nprint(2+2)\n```\n';
        const partial = appendToolOutput(assistantTurn(fresh, output).content, '4\n');
        const next = buildMathPrompt({ family, question: 'Q', mode, partial });
        expect(next.prompt, `${family} ${mode}`).toBe(fresh.prompt + partial.slice(fresh.answerPrefix.length));
        expect(next.stop).toEqual(fresh.stop);
      }
    }
  });
});

describe('lastPythonBlock', () => {
  it('is null without a python block', () => {
    expect(lastPythonBlock('')).toBeNull();
    expect(lastPythonBlock('Just words.')).toBeNull();
    expect(lastPythonBlock('```js\nx()\n```')).toBeNull();
  });

  it('returns the code of the last closed python block', () => {
    const text = 'First:\n```python\na = 1\n```\n```output\n1\n```\nThen:\n```python\nb = 2\nprint(b)\n```\n';
    expect(lastPythonBlock(text)).toBe('b = 2\nprint(b)');
  });

  it('accepts py and python3 tags', () => {
    expect(lastPythonBlock('```py\nx\n```')).toBe('x');
    expect(lastPythonBlock('```Python3\ny\n```')).toBe('y');
  });

  it('finds the block when the engine kept the stop string', () => {
    expect(lastPythonBlock('```python\nprint(3)\n```\n```output')).toBe('print(3)');
  });

  it('does not run a cut-off program', () => {
    expect(lastPythonBlock('```python\nok()\n```\nNow:\n```python\nfor i in range(')).toBe('ok()');
  });

  it('ignores python fences quoted inside an output block', () => {
    const text = '```python\nreal()\n```\n```output\n```python\nfake()\n```\n```\n';
    // "```python" inside the output block is content; the next "```" closes the output block.
    expect(lastPythonBlock(text)).toBe('real()');
  });
});

describe('appendToolOutput', () => {
  it('appends the output block after the program', () => {
    expect(appendToolOutput('Compute:\n```python\nprint(4)\n```\n', '4\n')).toBe('Compute:\n```python\nprint(4)\n```\n```output\n4\n```\n');
  });

  it('does not repeat a stop string the engine kept', () => {
    expect(appendToolOutput('```python\nprint(4)\n```\n```output', '4')).toBe('```python\nprint(4)\n```\n```output\n4\n```\n');
    expect(appendToolOutput('```python\nprint(4)\n```\n```output\n', '4')).toBe('```python\nprint(4)\n```\n```output\n4\n```\n');
  });

  it('starts the output block on its own line', () => {
    expect(appendToolOutput('```python\nx\n```', '1')).toBe('```python\nx\n```\n```output\n1\n```\n');
  });

  it('keeps inner newlines, normalises CRLF, and allows empty output', () => {
    expect(appendToolOutput('', 'a\r\nb\n\n')).toBe('```output\na\nb\n```\n');
    expect(appendToolOutput('', '')).toBe('```output\n\n```\n');
  });

  it('clips long outputs to head and tail', () => {
    const out = appendToolOutput('', 'x'.repeat(50) + 'y'.repeat(50), { maxChars: 25 });
    expect(out).toBe(`\`\`\`output\n${'x'.repeat(10)}\n...\n${'y'.repeat(10)}\n\`\`\`\n`);
    expect(appendToolOutput('', 'short', { maxChars: 25 })).toBe('```output\nshort\n```\n');
  });

  it('the result parses as a closed output block, and the loop can go round again', () => {
    let answer = 'Step 1:\n```python\nprint(1)\n```\n';
    answer = appendToolOutput(answer, '1\n');
    answer += 'Step 2:\n```python\nprint(2)\n```\n';
    expect(lastPythonBlock(answer)).toBe('print(2)');
    answer = appendToolOutput(answer, '2\n');
    expect(answer.endsWith('```output\n2\n```\n')).toBe(true);
    expect(answer.match(/```output/g)).toHaveLength(2);
  });
});

describe('awaitsToolOutput', () => {
  it('is true right after a closed python block at the stop', () => {
    expect(awaitsToolOutput('x\n```python\nprint(1)\n```\n', true)).toBe(true);
    expect(awaitsToolOutput('x\n```python\nprint(1)\n```\n```output', false)).toBe(true);
  });

  it('is false when generation ended otherwise, or no program precedes the stop', () => {
    expect(awaitsToolOutput('x\n```python\nprint(1)\n```\n', false)).toBe(false);
    expect(awaitsToolOutput('The answer is \\boxed{2}.', true)).toBe(false);
    expect(awaitsToolOutput('```python\nprint(1)\n```\nthen prose', true)).toBe(false);
    expect(awaitsToolOutput('```python\nprint(1', true)).toBe(false);
  });

  it(`recognises ${TOOL_OUTPUT_STOP} as the stop string`, () => {
    expect(TOOL_OUTPUT_STOP).toBe('```output');
  });
});
