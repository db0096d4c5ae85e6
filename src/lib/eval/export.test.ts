import { describe, expect, it } from 'vitest';
import { csvField, runCsv, runJson, runOutputsJsonl } from './export.ts';
import type { EvalRun, ProblemResult } from './run.ts';

/** RFC 4180: rows of fields; quoted fields may hold commas, CRLF and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[i++];
      else quoted = false;
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      [row, field] = [[], ''];
      i++;
    } else if (c === '"' || c === '\r' || c === '\n') {
      throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    } else {
      field += c;
    }
  }
  if (quoted || field !== '' || row.length) throw new Error('unclosed quote or last row without CRLF');
  return rows;
}

const tricky = 'def f():\n    return "a, b"\r\n# done';
const results: ProblemResult[] = [
  { id: 'HumanEval/0', output: tricky, passed: false, reason: { key: 'eval_failed_at', params: { error: 'AssertionError', line: 12, code: 'assert f() == "c"' } }, generatedTokens: 40, ms: 1234.6, stop: 'eos' },
  { id: 'HumanEval/1', output: '    return 1\n', passed: true, reason: { key: 'eval_tests_passed' }, generatedTokens: 5, ms: 100, stop: 'stop-sequence' },
];
const run: EvalRun = {
  id: 'r',
  settings: { set: 'humaneval', subset: 'first', count: 4, seed: 1, format: 'completion', maxTokens: 512, timeLimitMs: 10_000, model: 'deepseek-coder-1.3b-base', family: 'deepseek-coder' },
  problemIds: ['HumanEval/0', 'HumanEval/1', 'HumanEval/2', 'HumanEval/3'],
  status: 'stopped',
  createdAt: Date.UTC(2025, 0, 2, 3, 4, 5),
  runtimes: ['wasm q8'],
};

describe('csvField', () => {
  it('leaves plain values alone', () => {
    expect(csvField('HumanEval/3')).toBe('HumanEval/3');
    expect(csvField(42)).toBe('42');
    expect(csvField(true)).toBe('true');
    expect(csvField('')).toBe('');
  });

  it('quotes commas, quotes (doubled), and line breaks', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('one\rtwo')).toBe('"one\rtwo"');
  });
});

describe('runCsv', () => {
  it('a header, then one row per result that parses back to the values', () => {
    const csv = runCsv(results);
    expect(csv.startsWith('id,passed,reason,generated_tokens,ms,stop,output\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(['HumanEval/0', 'false', 'AssertionError at line 12: assert f() == "c"', '40', '1235', 'eos', tricky]);
    expect(rows[2]).toEqual(['HumanEval/1', 'true', 'all tests passed', '5', '100', 'stop-sequence', '    return 1\n']);
  });

  it('no results: the header alone', () => {
    expect(parseCsv(runCsv([]))).toEqual([['id', 'passed', 'reason', 'generated_tokens', 'ms', 'stop', 'output']]);
  });
});

describe('runJson', () => {
  it('settings, the summary and every result, reasons in English', () => {
    const json = JSON.parse(runJson(run, results));
    expect(json.settings).toEqual(run.settings);
    expect(json.runtimes).toEqual(['wasm q8']);
    expect(json.createdAt).toBe('2025-01-02T03:04:05.000Z');
    expect(json.summary).toMatchObject({ n: 2, passed: 1, 'pass@1': 0.5, of: 4 });
    expect(json.summary.interval95.low).toBeLessThan(0.5);
    expect(json.summary.interval95.high).toBeGreaterThan(0.5);
    expect(json.results.map((r: { reason: string }) => r.reason)).toEqual(['AssertionError at line 12: assert f() == "c"', 'all tests passed']);
    expect(json.results[0]).toMatchObject({ id: 'HumanEval/0', output: tricky, passed: false, generatedTokens: 40, stop: 'eos' });
  });

  it('before any result: pass@1 and the interval are null', () => {
    expect(JSON.parse(runJson(run, [])).summary).toEqual({ n: 0, passed: 0, 'pass@1': null, interval95: null, of: 4 });
  });
});

describe('runOutputsJsonl', () => {
  it('one {"id","output"} object a line', () => {
    const lines = runOutputsJsonl(results).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { id: 'HumanEval/0', output: tricky },
      { id: 'HumanEval/1', output: '    return 1\n' },
    ]);
    expect(lines.every((l) => Object.keys(JSON.parse(l)).join() === 'id,output')).toBe(true);
  });
});
