import { describe, expect, it } from 'vitest';
import { parseSteps, planPrompt, stepPrompt } from './plan.ts';

describe('plan prompts', () => {
  it('reads the numbered steps in order, skipping code and lines that break the count', () => {
    const answer =
      'Here is the plan:\n\n1. Write `c_to_f(c)`.\n2) **Write** `f_to_c(f)`.\n   3. Write `describe(c)`.\n\n```python\n4. not a step\n```\n' +
      '5. out of order\nStep 4: Add tests.\n';
    expect(parseSteps(answer)).toEqual(['Write `c_to_f(c)`.', 'Write `f_to_c(f)`.', 'Write `describe(c)`.', 'Add tests.']);
    expect(parseSteps('No list here.')).toEqual([]);
    expect(parseSteps(Array.from({ length: 12 }, (_, i) => `${i + 1}. s${i}`).join('\n'))).toHaveLength(8);
  });

  it('asks for the plan without code, and for one step at a time naming the file', () => {
    const c = { path: 'temps.py', language: 'python' };
    expect(planPrompt(' A converter. ', c)).toMatch(/^Plan how to write the following in `temps\.py`\..*python code\. Do not write any code yet\.\n\nRequest: A converter\.$/s);
    const step = stepPrompt(1, ['one', 'two', 'three'], c);
    expect(step).toContain('step 2 of 3, in a single python code block');
    expect(step.endsWith('\nStep 2: two')).toBe(true);
    expect(stepPrompt(0, ['x'], { path: 'a', language: 'plaintext' })).toContain('in a single code block');
  });
});
