import { describe, expect, it } from 'vitest';
import { BOS_TEXT, completionStopIds, EOS_TEXT, EOT_TEXT } from '../../contract/prompts/families.ts';
import { FAMILIES } from '../../contract/sets.ts';
import { buildMathPrompt, COT_INSTRUCTION } from '../prompts/math.ts';
import { HUMANEVAL_STOPS } from './humaneval.ts';
import { defaultFormat, defaultMaxTokens, evalPrompt, humanEvalInstruction } from './prompts.ts';
import type { EvalProblem } from './sets.ts';

const code = 'def add(a, b):\n    """Add two numbers."""\n';
const he: EvalProblem = { id: 'HumanEval/0', question: code, reference: '    return a + b\n' };
const gsm: EvalProblem = { id: 'gsm8k/0', question: 'Tom has 3 apples and buys 4. How many?', reference: '#### 7' };
const instruction = humanEvalInstruction(code);

describe('evalPrompt: HumanEval', () => {
  it.each(FAMILIES)('completion (%s): the raw prompt, special tokens added, cut at the harness stops', (family) => {
    const p = evalPrompt('humaneval', he, family, 'completion');
    expect(p.prompt).toBe(code);
    expect(p.addSpecialTokens).toBe(true);
    expect(p.stop).toEqual(expect.arrayContaining([...HUMANEVAL_STOPS, EOS_TEXT]));
    expect(p.stopTokenIds).toEqual(completionStopIds(family));
    expect(p.answerPrefix).toBe('');
  });

  it("the instruction is DeepSeek-Coder's, around the trimmed prompt", () => {
    expect(instruction.startsWith('Please continue to complete the function.')).toBe(true);
    expect(instruction.endsWith(`\`\`\`python\n${code.trim()}\n\`\`\``)).toBe(true);
  });

  it("chat, deepseek-coder: the instruction in Coder's instruct format", () => {
    const p = evalPrompt('humaneval', he, 'deepseek-coder', 'chat');
    expect(p.prompt.startsWith(BOS_TEXT)).toBe(true);
    expect(p.prompt.endsWith(`### Instruction:\n${instruction}\n### Response:\n`)).toBe(true);
    expect(p.addSpecialTokens).toBe(false);
    expect(p.stop).toContain(EOT_TEXT);
    expect(p.stop).not.toContain('\ndef');
    expect(p.answerPrefix).toBe('');
  });

  it("chat, deepseek-math: the instruction in DeepSeek-LLM's format", () => {
    const p = evalPrompt('humaneval', he, 'deepseek-math', 'chat');
    expect(p.prompt).toBe(`${BOS_TEXT}User: ${instruction}\n\nAssistant:`);
  });

  it("chat, r1-distill-qwen: the instruction in R1's format, the answer opened with <think>", () => {
    const p = evalPrompt('humaneval', he, 'r1-distill-qwen', 'chat');
    expect(p.prompt).toBe(`${BOS_TEXT}<｜User｜>${instruction}<｜Assistant｜><think>\n`);
    expect(p.answerPrefix).toBe('<think>\n');
  });
});

describe('evalPrompt: maths', () => {
  it.each(['gsm8k', 'math500'] as const)('%s chat: the step-by-step \\boxed{} prompt of each family', (set) => {
    for (const family of FAMILIES) {
      const built = buildMathPrompt({ family, question: gsm.question });
      const p = evalPrompt(set, gsm, family, 'chat');
      expect(p).toEqual({ prompt: built.prompt, addSpecialTokens: false, stop: built.stop, stopTokenIds: built.stopTokenIds, answerPrefix: built.answerPrefix, userTurn: `${gsm.question}\n${COT_INSTRUCTION}` });
      expect(p.prompt).toContain(`${gsm.question}\n${COT_INSTRUCTION}`);
    }
  });

  it('R1 ends with the assistant marker and "<think>\\n", which starts the answer', () => {
    const p = evalPrompt('math500', gsm, 'r1-distill-qwen', 'chat');
    expect(p.prompt.endsWith(`${COT_INSTRUCTION}<｜Assistant｜><think>\n`)).toBe(true);
    expect(p.answerPrefix).toBe('<think>\n');
  });

  it("completion: DeepSeek-Math's plain-text format whatever the family, the family's own stops", () => {
    const p = evalPrompt('gsm8k', gsm, 'deepseek-coder', 'completion');
    expect(p.prompt).toBe(`${BOS_TEXT}User: ${gsm.question}\n${COT_INSTRUCTION}\n\nAssistant:`);
    expect(p.addSpecialTokens).toBe(false);
    expect(p.stop).toContain(EOT_TEXT);
    expect(p.stop).not.toContain('\ndef');
    expect(p.stopTokenIds).toEqual(completionStopIds('deepseek-coder'));
    expect(p.answerPrefix).toBe('');
  });
});

describe('defaults', () => {
  it('base coder models complete; instruct and R1 chat', () => {
    expect(defaultFormat({ model: 'deepseek-coder-1.3b-base' })).toBe('completion');
    expect(defaultFormat({ model: 'deepseek-coder-1.3b-instruct' })).toBe('chat');
    expect(defaultFormat({ model: 'deepseek-r1-distill-qwen-1.5b' })).toBe('chat');
    expect(defaultFormat({ model: 'someone/deepseek-coder-6.7b-base' })).toBe('completion');
    expect(defaultFormat({ model: 'someone/deepseek-coder-6.7b-instruct' })).toBe('chat');
  });


  it("max tokens: the harness's 512 and 1024, 4096 for R1's reasoning", () => {
    expect(defaultMaxTokens('humaneval', 'completion', 'deepseek-coder')).toBe(512);
    expect(defaultMaxTokens('humaneval', 'chat', 'deepseek-coder')).toBe(1024);
    expect(defaultMaxTokens('gsm8k', 'chat', 'deepseek-math')).toBe(1024);
    expect(defaultMaxTokens('humaneval', 'completion', 'r1-distill-qwen')).toBe(4096);
  });
});
