// Chat prompts: exact text against the models' chat templates, token ids with the offline
// tokenizers, and the multi-turn prefix property the engine's KV reuse relies on.
import { fileURLToPath } from 'node:url';
import type { PreTrainedTokenizer } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Family } from '../../contract/sets.ts';
import {
  type ChatInput,
  type ChatPrompt,
  type ChatTurn,
  DEFAULT_CODER_SYSTEM,
  assistantTurn,
  buildChatPrompt,
  buildDeepSeekLlmPrompt,
  buildInstructPrompt,
  buildR1ChatPrompt,
} from './instruct.ts';

const BOS = '<｜begin▁of▁sentence｜>';
const EOS = '<｜end▁of▁sentence｜>';
const user = (content: string): ChatTurn => ({ role: 'user', content });
const bot = (content: string): ChatTurn => ({ role: 'assistant', content });

describe('buildInstructPrompt (DeepSeek-Coder instruct)', () => {
  it('renders one question as the chat template does, default system prompt included', () => {
    const { prompt } = buildInstructPrompt({ turns: [user('write a quick sort in python')] });
    expect(prompt).toBe(
      BOS +
        'You are an AI programming assistant, utilizing the Deepseek Coder model, developed by Deepseek Company, ' +
        'and you only answer questions related to computer science. For politically sensitive questions, security ' +
        'and privacy issues, and other non-computer science questions, you will refuse to answer\n' +
        '### Instruction:\nwrite a quick sort in python\n### Response:\n',
    );
  });

  it('renders several turns with <|EOT|> after each answer', () => {
    const { prompt } = buildInstructPrompt({ turns: [user('hi'), bot('hello'), user('more')] });
    expect(prompt).toBe(`${BOS}${DEFAULT_CODER_SYSTEM}\n### Instruction:\nhi\n### Response:\nhello\n<|EOT|>\n### Instruction:\nmore\n### Response:\n`);
  });

  it('takes an edited system prompt, on its own line', () => {
    expect(buildInstructPrompt({ system: 'Be brief.', turns: [user('q')] }).prompt).toBe(`${BOS}Be brief.\n### Instruction:\nq\n### Response:\n`);
    expect(buildInstructPrompt({ system: 'Be brief.\n', turns: [user('q')] }).prompt).toBe(`${BOS}Be brief.\n### Instruction:\nq\n### Response:\n`);
  });

  it('an empty system prompt means none', () => {
    expect(buildInstructPrompt({ system: '', turns: [user('q')] }).prompt).toBe(`${BOS}### Instruction:\nq\n### Response:\n`);
  });

  it('stops at <|EOT|> and EOS', () => {
    const p = buildInstructPrompt({ turns: [user('q')] });
    expect(p.stopTokenIds).toEqual([32021, 32014]);
    expect(p.stop).toEqual(['<|EOT|>', EOS]);
    expect(p.answerPrefix).toBe('');
  });

  it('does not double the newline before <|EOT|> when the stored answer has it', () => {
    const a = buildInstructPrompt({ system: '', turns: [user('q'), bot('x = 1\n'), user('r')] }).prompt;
    const b = buildInstructPrompt({ system: '', turns: [user('q'), bot('x = 1'), user('r')] }).prompt;
    expect(a).toBe(b);
    expect(a).toContain('### Response:\nx = 1\n<|EOT|>\n### Instruction:\nr\n');
  });

  it('continues an unfinished answer when the last turn is the assistant\'s', () => {
    const p = buildInstructPrompt({ system: '', turns: [user('q'), bot('def f(')] });
    expect(p.prompt).toBe(`${BOS}### Instruction:\nq\n### Response:\ndef f(`);
    expect(p.answerPrefix).toBe('def f(');
  });

  it('rejects empty or non-alternating conversations', () => {
    expect(() => buildInstructPrompt({ turns: [] })).toThrow(/at least one turn/);
    expect(() => buildInstructPrompt({ turns: [bot('a')] })).toThrow(/Turn 1 should be the user's/);
    expect(() => buildInstructPrompt({ turns: [user('a'), user('b')] })).toThrow(/Turn 2 should be the assistant's/);
  });
});

describe('buildDeepSeekLlmPrompt (DeepSeek-Math / DeepSeek-LLM chat)', () => {
  it('renders the chat template', () => {
    expect(buildDeepSeekLlmPrompt({ turns: [user('1+1?')] }).prompt).toBe(`${BOS}User: 1+1?\n\nAssistant:`);
    expect(buildDeepSeekLlmPrompt({ turns: [user('a'), bot('b'), user('c')] }).prompt).toBe(`${BOS}User: a\n\nAssistant: b${EOS}User: c\n\nAssistant:`);
  });

  it('puts a system prompt after BOS with a blank line', () => {
    expect(buildDeepSeekLlmPrompt({ system: 'S', turns: [user('a')] }).prompt).toBe(`${BOS}S\n\nUser: a\n\nAssistant:`);
  });

  it('keeps the raw answer\'s own leading space instead of adding one', () => {
    const raw = buildDeepSeekLlmPrompt({ turns: [user('a'), bot(' b'), user('c')] }).prompt;
    expect(raw).toBe(buildDeepSeekLlmPrompt({ turns: [user('a'), bot('b'), user('c')] }).prompt);
  });

  it('stops at EOS 100001', () => {
    const p = buildDeepSeekLlmPrompt({ turns: [user('a')] });
    expect(p.stopTokenIds).toEqual([100001]);
    expect(p.stop).toEqual([EOS]);
  });
});

describe('buildR1ChatPrompt (DeepSeek-R1-Distill-Qwen)', () => {
  it('renders one question, opening the thinking block', () => {
    const p = buildR1ChatPrompt({ turns: [user('Why is the sky blue?')] });
    expect(p.prompt).toBe(`${BOS}<｜User｜>Why is the sky blue?<｜Assistant｜><think>\n`);
    expect(p.answerPrefix).toBe('<think>\n');
    expect(p.stopTokenIds).toEqual([151643]);
    expect(p.stop).toEqual([EOS, '<｜User｜>']);
  });

  it('can leave the thinking block to the model', () => {
    const p = buildR1ChatPrompt({ turns: [user('q')], openThink: false });
    expect(p.prompt).toBe(`${BOS}<｜User｜>q<｜Assistant｜>`);
    expect(p.answerPrefix).toBe('');
  });

  it('strips earlier reasoning by default, as the chat template does', () => {
    const turns = [user('q1'), bot('<think>\nlong reasoning\n</think>\n\nA1'), user('q2')];
    expect(buildR1ChatPrompt({ turns }).prompt).toBe(`${BOS}<｜User｜>q1<｜Assistant｜>\n\nA1${EOS}<｜User｜>q2<｜Assistant｜><think>\n`);
    expect(buildR1ChatPrompt({ turns, thinking: 'keep' }).prompt).toBe(
      `${BOS}<｜User｜>q1<｜Assistant｜><think>\nlong reasoning\n</think>\n\nA1${EOS}<｜User｜>q2<｜Assistant｜><think>\n`,
    );
  });

  it('uses no system prompt unless given one', () => {
    expect(buildR1ChatPrompt({ system: 'S', turns: [user('q')] }).prompt).toBe(`${BOS}S<｜User｜>q<｜Assistant｜><think>\n`);
  });

  it('continues the last answer unstripped', () => {
    const p = buildR1ChatPrompt({ turns: [user('q'), bot('<think>\nhalf')] });
    expect(p.prompt).toBe(`${BOS}<｜User｜>q<｜Assistant｜><think>\nhalf`);
    expect(p.answerPrefix).toBe('<think>\nhalf');
  });
});

describe('buildChatPrompt', () => {
  it('dispatches on the family', () => {
    const input = { turns: [user('q')] };
    // With the same turns for a server's chat endpoint: Coder's house system prompt, none for the others.
    expect(buildChatPrompt('deepseek-coder', input)).toEqual({ ...buildInstructPrompt(input), messages: [{ role: 'system', content: DEFAULT_CODER_SYSTEM }, { role: 'user', content: 'q' }] });
    expect(buildChatPrompt('deepseek-math', input)).toEqual({ ...buildDeepSeekLlmPrompt(input), messages: [{ role: 'user', content: 'q' }] });
    expect(buildChatPrompt('r1-distill-qwen', input)).toEqual({ ...buildR1ChatPrompt(input), messages: [{ role: 'user', content: 'q' }] });
    expect(buildChatPrompt('deepseek-coder', { ...input, system: '' }).messages).toEqual([{ role: 'user', content: 'q' }]);
    expect(buildChatPrompt('r1-distill-qwen', { ...input, openThink: false }).prompt).toBe(`${BOS}<｜User｜>q<｜Assistant｜>`);
  });
});

// ---- Multi-turn prefix property ----------------------------------------------------------

// Raw outputs as models produce them: a trailing newline before the stop token, a leading
// space after "Assistant:", reasoning with </think>, code fences, empty.
const ANSWERS = [
  'Sure! Here is the code:\n```python\nprint(1)\n```\n',
  ' The answer is $\\boxed{4}$.',
  'reasoning...\n</think>\n\nFinal: 42',
  '',
  '\n\n  spaced\n',
  'no newline at all',
];
const QUESTIONS = ['first question', 'second\nwith lines', '   third   ', 'fourth ### Instruction: inside', ''];

interface Variant {
  name: string;
  family: Family;
  options: Partial<ChatInput>;
  /** Whether the whole previous prompt plus answer is reused (false: R1 stripping reasoning). */
  whole: boolean;
}

const VARIANTS: Variant[] = [
  { name: 'coder, default system', family: 'deepseek-coder', options: {}, whole: true },
  { name: 'coder, custom system', family: 'deepseek-coder', options: { system: 'Answer in French.' }, whole: true },
  { name: 'coder, no system', family: 'deepseek-coder', options: { system: '' }, whole: true },
  { name: 'math', family: 'deepseek-math', options: {}, whole: true },
  { name: 'math, system', family: 'deepseek-math', options: { system: 'You are a math tutor.' }, whole: true },
  { name: 'r1, keep thinking', family: 'r1-distill-qwen', options: { thinking: 'keep' }, whole: true },
  { name: 'r1, keep thinking, no opener', family: 'r1-distill-qwen', options: { thinking: 'keep', openThink: false }, whole: true },
  { name: 'r1, strip thinking', family: 'r1-distill-qwen', options: {}, whole: false },
];

/**
 * DeepSeek-LLM's raw answers start with a space: its generation prompt ends "Assistant:"
 * and the template writes "Assistant: {content}", so the model's first token is " The".
 */
function raw(family: Family, answer: string): string {
  return family === 'deepseek-math' && answer !== '' && !/^\s/.test(answer) ? ` ${answer}` : answer;
}

/** Plays a conversation, returning each turn's prompt and the output given to it. */
function play(v: Variant, answers: string[]): { built: ChatPrompt; output: string }[] {
  const turns: ChatTurn[] = [];
  const out: { built: ChatPrompt; output: string }[] = [];
  for (let i = 0; i < answers.length; i++) {
    turns.push(user(QUESTIONS[i % QUESTIONS.length]));
    const built = buildChatPrompt(v.family, { ...v.options, turns });
    out.push({ built, output: answers[i] });
    turns.push(assistantTurn(built, answers[i]));
  }
  return out;
}

describe('multi-turn prompts extend the previous prompt and answer', () => {
  for (const v of VARIANTS) {
    it(v.name, () => {
      for (let shift = 0; shift < ANSWERS.length; shift++) {
        const answers = ANSWERS.map((_, i) => raw(v.family, ANSWERS[(i + shift) % ANSWERS.length]));
        const steps = play(v, answers);
        for (let n = 0; n + 1 < steps.length; n++) {
          const { built, output } = steps[n];
          const next = steps[n + 1].built.prompt;
          if (v.whole) {
            expect(next.startsWith(built.prompt + output), `turn ${n + 1}`).toBe(true);
          } else {
            // The stripped reasoning is recomputed; everything up to the answer is reused.
            const head = built.prompt.slice(0, built.prompt.length - built.answerPrefix.length);
            expect(next.startsWith(head), `turn ${n + 1}`).toBe(true);
            expect(head.endsWith('<｜Assistant｜>')).toBe(true);
          }
        }
      }
    });
  }

  it('math: an answer stored without its leading space diverges only after "Assistant:"', () => {
    const built = buildDeepSeekLlmPrompt({ turns: [user('q')] });
    const next = buildDeepSeekLlmPrompt({ turns: [user('q'), bot('Trimmed.'), user('r')] }).prompt;
    expect(next.startsWith(built.prompt + ' Trimmed.')).toBe(true);
  });

  it('a continuation prompt is exactly the previous prompt plus the partial output', () => {
    for (const v of VARIANTS) {
      const built = buildChatPrompt(v.family, { ...v.options, turns: [user('q')] });
      for (const partial of ANSWERS.map((a) => raw(v.family, a))) {
        const cont = buildChatPrompt(v.family, { ...v.options, turns: [user('q'), assistantTurn(built, partial)] });
        expect(cont.prompt, v.name).toBe(built.prompt + partial);
        expect(cont.answerPrefix).toBe(built.answerPrefix + partial);
      }
    }
  });
});

// ---- With the real tokenizers --------------------------------------------------------------

const tokenizers: Record<string, PreTrainedTokenizer> = {};
beforeAll(async () => {
  const { AutoTokenizer, env } = await import('@huggingface/transformers');
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = fileURLToPath(new URL('../../../scripts/fixtures/tokenizers/', import.meta.url));
  tokenizers.coder = await AutoTokenizer.from_pretrained('deepseek-coder');
  tokenizers.llm = await AutoTokenizer.from_pretrained('deepseek-llm');
});

const encode = (name: string, text: string): number[] => tokenizers[name].encode(text, { add_special_tokens: false });

describe('token ids (offline tokenizers)', () => {
  it('coder: BOS first, one <|EOT|> per closed answer, markers as plain text', () => {
    const ids = encode('coder', buildInstructPrompt({ turns: [user('hi'), bot('hello'), user('more')] }).prompt);
    expect(ids[0]).toBe(32013);
    expect(ids.filter((id) => id === 32013)).toHaveLength(1);
    expect(ids.filter((id) => id === 32021)).toHaveLength(1);
    const tail = encode('coder', '### Response:\n');
    expect(ids.slice(-tail.length)).toEqual(tail);
  });

  it('math: BOS first, EOS after each closed answer', () => {
    const ids = encode('llm', buildDeepSeekLlmPrompt({ turns: [user('a'), bot('b'), user('c'), bot('d'), user('e')] }).prompt);
    expect(ids[0]).toBe(100000);
    expect(ids.filter((id) => id === 100001)).toHaveLength(2);
  });

  // Text prefixes are token prefixes here: both tokenizers split every "\n" off on its own,
  // ":" and " word" are separate pre-tokens, and special tokens are split out first.
  it('coder: each turn\'s prompt tokens are a prefix of the next prompt\'s', () => {
    for (const v of VARIANTS.filter((x) => x.family === 'deepseek-coder')) {
      const steps = play(v, ANSWERS.slice(0, 4));
      for (let n = 0; n + 1 < steps.length; n++) {
        const a = encode('coder', steps[n].built.prompt);
        expect(encode('coder', steps[n + 1].built.prompt).slice(0, a.length), v.name).toEqual(a);
      }
    }
  });

  it('math: each turn\'s prompt tokens are a prefix of the next prompt\'s', () => {
    const steps = play(VARIANTS[3], [' First answer.', ' Second, with $x$.', ' Third.']);
    for (let n = 0; n + 1 < steps.length; n++) {
      const a = encode('llm', steps[n].built.prompt);
      expect(encode('llm', steps[n + 1].built.prompt).slice(0, a.length)).toEqual(a);
    }
  });
});
