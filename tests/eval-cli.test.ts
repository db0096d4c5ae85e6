// `npm run eval` end to end in Node: a file of outputs graded, and a run of the scripted fixture
// over HTTP (its HumanEval/0 answer is the canonical solution, HumanEval/1's is wrong).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtures } from './helpers/fixture-server.ts';
import { startModelServer } from '../scripts/model-server/server.ts';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'seekpad-eval-'));
let server: { host: string; close: () => Promise<void> };
beforeAll(async () => {
  server = await serveFixtures(4395);
});
afterAll(() => server?.close());

async function evalCli(args: string[], env: Record<string, string> = {}): Promise<{ last: unknown; stderr: string }> {
  const { stdout, stderr } = await run('npx', ['tsx', 'scripts/eval/main.ts', ...args], { timeout: 120_000, env: { ...process.env, ...env } });
  const lines = stdout.trim().split('\n');
  return { last: JSON.parse(lines[lines.length - 1]), stderr };
}

describe('npm run eval', () => {
  it('grades a file of GSM8K outputs without a model', async () => {
    const file = path.join(dir, 'gsm8k.jsonl');
    const rows = [
      { id: 'gsm8k/0', output: 'She sells 9 eggs at $2 each: \\boxed{18}' },
      { id: 'gsm8k/1', output: 'The robe takes 2 + 1 = 3 bolts... so the answer is 4.' },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const { last, stderr } = await evalCli(['--set', 'gsm8k', '--score', file]);
    expect(last).toEqual({ set: 'gsm8k', n: 2, passed: 1, 'pass@1': 0.5 });
    expect(stderr).toContain('gsm8k/1\tFAIL\tanswered 4, expected 3');
  }, 60_000);

  it('runs a model over HTTP with the browser prompts and graders, writing its outputs', async () => {
    const out = path.join(dir, 'answers.jsonl');
    const { last, stderr } = await evalCli([
      '--set', 'humaneval', '--model', 'seekpad/tiny-deepseek-coder-scripted', '--host', server.host,
      '--dtype', 'fp32', '--limit', '2', '--out', out,
    ]);
    expect(last).toEqual({ set: 'humaneval', n: 2, passed: 1, 'pass@1': 0.5 });
    expect(stderr).toMatch(/HumanEval\/1\tFAIL\tAssertionError at line \d+: assert candidate/);
    const answers = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    expect(answers.map((a) => a.id)).toEqual(['HumanEval/0', 'HumanEval/1']);
  }, 120_000);

  it('asks a model server instead (--endpoint, the key from SEEKPAD_API_KEY): the same verdicts', async () => {
    const models = { 'coder-test': { id: 'seekpad/tiny-deepseek-coder-scripted', family: 'deepseek-coder' as const } };
    const remote = await startModelServer({ modelsHost: server.host, models, apiKey: 'sk-eval' });
    try {
      const { last, stderr } = await evalCli(['--set', 'humaneval', '--endpoint', `${remote.url}/v1`, '--model', 'coder-test', '--family', 'deepseek-coder', '--format', 'completion', '--limit', '2'], { SEEKPAD_API_KEY: 'sk-eval' });
      expect(last).toEqual({ set: 'humaneval', n: 2, passed: 1, 'pass@1': 0.5 });
      expect(stderr).not.toContain('sk-eval');
      expect(remote.requests.filter((r) => r === 'POST /v1/completions')).toHaveLength(2);
    } finally {
      await remote.close();
    }
  }, 120_000);
});
