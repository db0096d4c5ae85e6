import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../share/base64url.ts';
import { EVAL_LINK_VERSION, evalLink, parseEvalQuery } from './link.ts';
import type { EvalRun } from './run.ts';

const run: EvalRun = {
  id: 'run-1',
  settings: {
    set: 'humaneval',
    subset: 'random',
    count: 20,
    seed: 4_000_000_000,
    format: 'completion',
    maxTokens: 512,
    timeLimitMs: 10_000,
    model: 'someone/deepseek-coder-1.3b-base & co',
    family: 'deepseek-coder',
  },
  problemIds: Array.from({ length: 20 }, (_, i) => `HumanEval/${i}`),
  status: 'done',
  createdAt: 1_700_000_000_000,
  runtimes: ['wasm q8', 'webgpu q4'],
};
const BASE = 'https://example.org/seekpad/';
const INVALID = { ok: false, message: { key: 'eval_link_invalid' } };

const searchOf = (link: string): string => link.slice(link.indexOf('?'));

/** The query of a good link with its `eval` payload changed (as JSON) or replaced (as text). */
function tampered(change: (p: Record<string, unknown>) => unknown): string {
  const q = new URLSearchParams(searchOf(evalLink(BASE, run, 12, 20)));
  const payload = JSON.parse(new TextDecoder().decode(fromBase64url(q.get('eval')!)!)) as Record<string, unknown>;
  const changed = change(payload);
  q.set('eval', toBase64url(new TextEncoder().encode(typeof changed === 'string' ? changed : JSON.stringify(changed))));
  return `?${q.toString()}`;
}

describe('evalLink and parseEvalQuery', () => {
  it('round-trips the settings and the score', () => {
    const link = evalLink(BASE, run, 12, 15);
    expect(link.startsWith(`${BASE}?`)).toBe(true);
    const { model: _m, family: _f, ...settings } = run.settings;
    expect(parseEvalQuery(searchOf(link))).toEqual({ ok: true, shared: { settings, done: 15, passed: 12, total: 20, runtimes: ['wasm q8', 'webgpu q4'] } });
  });

  it('puts the model and family (and host) in their own query params', () => {
    const q = new URLSearchParams(searchOf(evalLink(BASE, run, 1, 2, { host: 'https://mirror.example/models/' })));
    expect(q.get('model')).toBe('someone/deepseek-coder-1.3b-base & co');
    expect(q.get('family')).toBe('deepseek-coder');
    expect(q.get('host')).toBe('https://mirror.example/models/');
    expect(new URLSearchParams(searchOf(evalLink(BASE, run, 1, 2))).has('host')).toBe(false);
  });

  it("a server's run carries its endpoint, never credentials the address held", () => {
    const q = new URLSearchParams(searchOf(evalLink(BASE, run, 1, 2, { endpoint: 'http://me:sk-secret@10.0.0.7:8000/v1/?key=sk-2' })));
    expect(q.get('endpoint')).toBe('http://10.0.0.7:8000/v1');
    expect(q.toString()).not.toMatch(/sk-/);
  });

  it('never carries the outputs, only the version, settings and score', () => {
    const q = new URLSearchParams(searchOf(evalLink(BASE, run, 1, 2)));
    const payload = JSON.parse(new TextDecoder().decode(fromBase64url(q.get('eval')!)!));
    expect(Object.keys(payload).sort()).toEqual(['count', 'done', 'format', 'maxTokens', 'passed', 'runtimes', 'seed', 'set', 'subset', 'timeLimitMs', 'total', 'v'].sort());
    expect(payload.v).toBe(EVAL_LINK_VERSION);
  });

  it('no eval param: null', () => {
    expect(parseEvalQuery('')).toBeNull();
    expect(parseEvalQuery('?model=deepseek-coder-1.3b-base&family=deepseek-coder')).toBeNull();
  });

  it('damaged base64 or bytes that are not UTF-8: invalid', () => {
    expect(parseEvalQuery('?eval=%%%not*base64')).toEqual(INVALID);
    expect(parseEvalQuery('?eval=A')).toEqual(INVALID);
    expect(parseEvalQuery(`?eval=${toBase64url(new Uint8Array([0xff, 0xfe, 0x7b]))}`)).toEqual(INVALID);
    expect(parseEvalQuery('?eval=')).toEqual(INVALID);
  });

  it('bad JSON: invalid', () => {
    expect(parseEvalQuery(tampered(() => '{"v":1,'))).toEqual(INVALID);
    expect(parseEvalQuery(tampered(() => 'null'))).toEqual(INVALID);
  });

  it('another version: invalid', () => {
    expect(parseEvalQuery(tampered((p) => ({ ...p, v: EVAL_LINK_VERSION + 1 })))).toEqual(INVALID);
    expect(parseEvalQuery(tampered(({ v: _v, ...p }) => p))).toEqual(INVALID);
  });

  it('scores that cannot be: passed > done, done > total, negative or fractional', () => {
    expect(parseEvalQuery(tampered((p) => ({ ...p, passed: 13, done: 12 })))).toEqual(INVALID);
    expect(parseEvalQuery(tampered((p) => ({ ...p, done: 21 })))).toEqual(INVALID);
    expect(parseEvalQuery(tampered((p) => ({ ...p, passed: -1 })))).toEqual(INVALID);
    expect(parseEvalQuery(tampered((p) => ({ ...p, passed: 1.5 })))).toEqual(INVALID);
    // The same payload untouched parses.
    expect(parseEvalQuery(tampered((p) => p))).toMatchObject({ ok: true, shared: { passed: 12, done: 20 } });
  });

  it('an unknown set, subset or format: invalid', () => {
    expect(parseEvalQuery(tampered((p) => ({ ...p, set: 'mbpp' })))).toEqual(INVALID);
    expect(parseEvalQuery(tampered((p) => ({ ...p, subset: 'some' })))).toEqual(INVALID);
    expect(parseEvalQuery(tampered((p) => ({ ...p, format: 'fim' })))).toEqual(INVALID);
  });
});
