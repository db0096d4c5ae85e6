import { describe, expect, it } from 'vitest';
import { gradingProgram } from './grade.ts';
import { chatTurns, editorFile, evalFilePath } from './open.ts';
import { humanEvalInstruction } from './prompts.ts';
import type { ProblemResult } from './run.ts';
import type { EvalProblem } from './sets.ts';

const code = 'def add(a, b):\n    """Add two numbers."""\n';
const he: EvalProblem = {
  id: 'HumanEval/12',
  question: code,
  reference: '    return a + b\n',
  humaneval: { task_id: 'HumanEval/12', prompt: code, canonical_solution: '    return a + b\n', test: 'def check(candidate):\n    assert candidate(1, 2) == 3\n', entry_point: 'add' },
};
const gsm: EvalProblem = { id: 'gsm8k/3', question: 'Tom has 3 apples and buys 1,000 more. How many?', reference: 'Add.\n#### 1,003' };
const math: EvalProblem = { id: 'test/precalculus/807.json', question: 'What is $\\cos 0$?', reference: '1' };

const result = (output: string, passed: boolean, reason: ProblemResult['reason']): ProblemResult => ({ id: 'x', output, passed, reason, generatedTokens: 9, ms: 50, stop: 'eos' });

describe('evalFilePath', () => {
  it('an id as a file name in eval/, .py for HumanEval and .md for maths', () => {
    expect(evalFilePath('humaneval', 'HumanEval/12')).toBe('eval/HumanEval-12.py');
    expect(evalFilePath('math500', 'test/precalculus/807.json')).toBe('eval/test-precalculus-807.md');
    expect(evalFilePath('gsm8k', 'gsm8k/3')).toBe('eval/gsm8k-3.md');
  });

  it('keeps the file inside eval/', () => {
    const path = evalFilePath('math500', '../../a b/c.json');
    expect(path.startsWith('eval/')).toBe(true);
    expect(path.slice('eval/'.length)).not.toContain('/');
    expect(path).not.toContain(' ');
  });
});

describe('editorFile', () => {
  it("HumanEval: the grading program of the answer, runnable as is", () => {
    const r = result('    return a - b\n\ndef junk():\n    pass', false, { key: 'eval_failed', params: { error: 'AssertionError' } });
    expect(editorFile('humaneval', he, r, 'completion')).toEqual({ path: 'eval/HumanEval-12.py', text: gradingProgram(he, r.output, 'completion') });
    expect(editorFile('humaneval', he, r, 'completion').text).not.toContain('junk');
    const chat = result('```python\ndef add(a, b):\n    return a + b\n```', true, { key: 'eval_tests_passed' });
    expect(editorFile('humaneval', he, chat, 'chat').text).toBe(gradingProgram(he, chat.output, 'chat'));
  });

  it('maths: Markdown with the question, the answer, the expected answer and the verdict in English', () => {
    const r = result('So \\boxed{1003}.', true, { key: 'eval_right', params: { got: '1003' } });
    const { path, text } = editorFile('gsm8k', gsm, r, 'chat');
    expect(path).toBe('eval/gsm8k-3.md');
    expect(text).toBe(`# gsm8k/3\n\n${gsm.question}\n\n## Answer\n\nSo \\boxed{1003}.\n\n## Expected\n\n1003\n\nPASS: answered 1003\n`);
    const wrong = editorFile('math500', math, result('\\boxed{0}', false, { key: 'eval_wrong', params: { got: '0', expected: '1' } }), 'chat');
    expect(wrong.path).toBe('eval/test-precalculus-807.md');
    expect(wrong.text).toContain('## Expected\n\n1\n');
    expect(wrong.text.endsWith('FAIL: answered 0, expected 1\n')).toBe(true);
  });
});

describe('chatTurns', () => {
  it('maths: math mode, the question and the output as they were', () => {
    const output = '<think>\nadd them</think>\n\\boxed{1003}';
    expect(chatTurns('gsm8k', gsm, result(output, true, { key: 'eval_tests_passed' }), 'chat')).toEqual({
      mode: 'math',
      turns: [
        { role: 'user', content: gsm.question, math: true },
        { role: 'assistant', content: output, math: true },
      ],
    });
  });

  it('HumanEval chat: the instruction and the answer', () => {
    const output = 'Here:\n```python\ndef add(a, b):\n    return a + b\n```';
    expect(chatTurns('humaneval', he, result(output, true, { key: 'eval_tests_passed' }), 'chat')).toEqual({
      mode: 'chat',
      turns: [
        { role: 'user', content: humanEvalInstruction(code) },
        { role: 'assistant', content: output },
      ],
    });
  });

  it('HumanEval completion: the prompt and the cut completion as one code block', () => {
    const open = chatTurns('humaneval', he, result('    return a + b\n\ndef junk():', true, { key: 'eval_tests_passed' }), 'completion');
    expect(open.mode).toBe('chat');
    expect(open.turns[0]).toEqual({ role: 'user', content: humanEvalInstruction(code) });
    expect(open.turns[1]).toEqual({ role: 'assistant', content: `\`\`\`python\n${code}    return a + b\n\n\`\`\`` });
  });
});
