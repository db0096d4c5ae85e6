import { describe, expect, it } from 'vitest';
import { afterThinking, splitThinking } from './think.ts';

describe('splitThinking', () => {
  it('splits a complete <think> block from the answer', () => {
    expect(splitThinking('<think>\nLet me see. 2+2=4.\n</think>\n\nThe answer is 4.')).toEqual({
      thinking: 'Let me see. 2+2=4.',
      answer: 'The answer is 4.',
      thinkingDone: true,
      hasThinking: true,
    });
  });

  it('allows whitespace before the opener', () => {
    expect(splitThinking('\n <think>a</think>b')).toMatchObject({ thinking: 'a', answer: 'b', thinkingDone: true });
  });

  it('returns output without tags as the answer', () => {
    expect(splitThinking('Just an answer.')).toEqual({ thinking: '', answer: 'Just an answer.', thinkingDone: true, hasThinking: false });
    expect(splitThinking('')).toEqual({ thinking: '', answer: '', thinkingDone: true, hasThinking: false });
  });

  it('does not take a <think> in the middle of an answer as a block', () => {
    expect(splitThinking('Use the <think> tag.')).toMatchObject({ answer: 'Use the <think> tag.', hasThinking: false });
  });

  it('handles an empty thinking block', () => {
    expect(splitThinking('<think>\n\n</think>\n\nHi')).toMatchObject({ thinking: '', answer: 'Hi', thinkingDone: true });
  });

  describe('when the prompt opened <think>', () => {
    it('starts inside the block', () => {
      expect(splitThinking('First, note x.\n</think>\n\nx = 3', { openedInPrompt: true })).toEqual({
        thinking: 'First, note x.',
        answer: 'x = 3',
        thinkingDone: true,
        hasThinking: true,
      });
    });

    it('is still thinking until </think> arrives', () => {
      expect(splitThinking('First, note x.', { openedInPrompt: true })).toEqual({
        thinking: 'First, note x.',
        answer: '',
        thinkingDone: false,
        hasThinking: true,
      });
      expect(splitThinking('', { openedInPrompt: true })).toMatchObject({ thinking: '', thinkingDone: false });
    });

    it('drops a repeated opener', () => {
      expect(splitThinking('<think>\nhmm</think>ok', { openedInPrompt: true })).toMatchObject({ thinking: 'hmm', answer: 'ok' });
    });

    it('detects the opened block from a lone </think> even without the option', () => {
      expect(splitThinking('reasoning\n</think>\n\nanswer')).toMatchObject({ thinking: 'reasoning', answer: 'answer', hasThinking: true });
    });
  });

  describe('streaming', () => {
    it('is not done while </think> is missing', () => {
      expect(splitThinking('<think>\nStep 1')).toMatchObject({ thinking: 'Step 1', answer: '', thinkingDone: false });
    });

    it('hides a half-arrived </think>', () => {
      for (const tail of ['<', '</', '</th', '</think']) {
        expect(splitThinking(`<think>\nStep 1\n${tail}`)).toMatchObject({ thinking: 'Step 1', thinkingDone: false });
      }
    });

    it('keeps a "<" that cannot start </think>', () => {
      expect(splitThinking('<think>x <y')).toMatchObject({ thinking: 'x <y' });
    });

    it('hides a half-arrived <think> at the start', () => {
      for (const head of ['<', '<th', '<think']) {
        expect(splitThinking(head)).toEqual({ thinking: '', answer: '', thinkingDone: false, hasThinking: true });
      }
    });

    it('the answer grows once thinking is done', () => {
      const full = '<think>\nreason\n</think>\n\nThe answer is \\boxed{5}.';
      const close = full.indexOf('</think>') + '</think>'.length;
      let prevAnswer = '';
      for (let n = close; n <= full.length; n++) {
        const s = splitThinking(full.slice(0, n));
        expect(s.thinkingDone).toBe(true);
        expect(s.thinking).toBe('reason');
        expect(s.answer.startsWith(prevAnswer)).toBe(true);
        prevAnswer = s.answer;
      }
      expect(prevAnswer).toBe('The answer is \\boxed{5}.');
    });

    it('never shows tag text in thinking or answer for any prefix', () => {
      const full = '<think>\nA then B.\n</think>\n\nC';
      for (let n = 0; n <= full.length; n++) {
        const s = splitThinking(full.slice(0, n));
        expect(s.thinking + s.answer).not.toMatch(/<\/?t?h?i?n?k?>?$|<think>|<\/think>/);
      }
    });
  });
});

describe('afterThinking', () => {
  it('keeps what follows the last </think>, whitespace included', () => {
    expect(afterThinking('<think>\nx\n</think>\n\nAnswer')).toBe('\n\nAnswer');
    expect(afterThinking('a</think>b</think>c')).toBe('c');
  });

  it('keeps everything when there is no </think>', () => {
    expect(afterThinking('Answer')).toBe('Answer');
    expect(afterThinking('<think>\nunfinished')).toBe('<think>\nunfinished');
  });
});
