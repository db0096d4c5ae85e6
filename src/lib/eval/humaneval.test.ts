import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { answerProgram, completionProgram, truncateCompletion, type HumanEvalProblem } from './humaneval.ts';

const problems = gunzipSync(readFileSync('eval-data/HumanEval.jsonl.gz'))
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as HumanEvalProblem);

describe('HumanEval programs', () => {
  it('the canonical solution, as a completion, makes prompt + solution + tests + check()', () => {
    expect(problems).toHaveLength(164);
    for (const p of problems) {
      const program = completionProgram(p, p.canonical_solution);
      expect(program.startsWith(p.prompt + truncateCompletion(p.canonical_solution)), p.task_id).toBe(true);
      expect(program.endsWith(`\n\ncheck(${p.entry_point})\n`), p.task_id).toBe(true);
      expect(program).toContain(p.test);
    }
  });

  it('cuts a completion at the first stop sequence', () => {
    expect(truncateCompletion('    return a + b\n\n\ndef main():\n    pass')).toBe('    return a + b\n\n');
    expect(truncateCompletion('    return 1\nif __name__ == "__main__":')).toBe('    return 1');
    expect(truncateCompletion('    x = 1  # fine\n    return x')).toBe('    x = 1  # fine\n    return x');
  });

  it("an instruct answer's code block replaces the prompt's function, keeping its imports", () => {
    const p = problems[0];
    const answer = `Here it is:\n\n\`\`\`python\ndef ${p.entry_point}(numbers, threshold):\n    return False\n\`\`\`\n`;
    const program = answerProgram(p, answer);
    expect(program.startsWith('from typing import List\n\n\ndef has_close_elements(numbers, threshold):\n    return False')).toBe(true);
    // Helpers before the function stay (HumanEval/10 calls is_palindrome).
    const p10 = problems[10];
    expect(answerProgram(p10, `\`\`\`python\ndef ${p10.entry_point}(string):\n    return string\n\`\`\``)).toContain('def is_palindrome');
    // A block with only the body completes the prompt.
    expect(answerProgram(p, '```python\n    return True\n```').startsWith(`${p.prompt}    return True`)).toBe(true);
  });
});
