import { describe, expect, test } from 'vitest';
import { toBase64url } from './base64url.ts';
import { decode, encode, MAX_HASH_CHARS, MAX_JSON_BYTES } from './codec.ts';
import { defaultShareState, type ShareState } from './state.ts';
import { fingerprint, toWire } from './wire.ts';
import { render } from '../i18n/render.ts';

async function deflate(text: string | Uint8Array): Promise<string> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const out = await new Response(new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
  return `#v1/${toBase64url(new Uint8Array(out))}`;
}

async function message(hash: string): Promise<string> {
  const r = await decode(hash);
  if (r.ok) throw new Error(`decoded: ${hash.slice(0, 40)}`);
  return render(r.message, 'en');
}

function sample(): ShareState {
  const s = defaultShareState();
  s.files = [
    { path: 'main.py', text: 'print("héllo wörld 👋🏽")\r\n# 中文\r\n' },
    { path: 'src/empty.ts', text: '' },
    { path: 'notes.md', text: '<script>alert(1)</script>\n\u2028\u0000tab\there' },
  ];
  s.active = 'src/empty.ts';
  s.choice = { model: 'seekpad/tiny-deepseek-coder', host: 'http://127.0.0.1:4174/', device: 'wasm', dtype: 'fp32', family: 'deepseek-coder' };
  s.settings = { maxNewTokens: 17, temperature: 0.7, topK: 40, topP: 0.9, repetitionPenalty: 1.1, seed: 12345 };
  s.chat = { mode: 'tool', system: '', turns: [{ role: 'user', content: 'x 👍' }, { role: 'assistant', content: '\\boxed{4}', math: true }] };
  s.embed = true;
  return s;
}

describe('round trips', () => {
  test('every field, with unicode, emoji, CRLF and empty files', async () => {
    const s = sample();
    const hash = await encode(s);
    expect(hash).toMatch(/^#v1\/[A-Za-z0-9_-]+$/);
    expect(await decode(hash)).toEqual({ ok: true, state: s, version: 1 });
  });

  test('the default state is a tiny link and decodes to the defaults', async () => {
    const hash = await encode(defaultShareState());
    expect(toWire(defaultShareState())).toEqual({});
    expect(hash.length).toBeLessThan(12);
    expect(await decode(hash)).toEqual({ ok: true, state: defaultShareState(), version: 1 });
  });

  test('only non-default fields are written', () => {
    const s = defaultShareState();
    s.settings.temperature = 0.5;
    s.choice.dtype = 'q4';
    expect(toWire(s)).toEqual({ s: { temperature: 0.5 }, m: { dtype: 'q4' } });
  });

  test("a link's start (cursor, message draft, prepared action) round-trips and stays out of the work's fingerprint", async () => {
    const s = sample();
    s.start = { cursor: 3, draft: 'Why?', action: 'fix' };
    expect(toWire(s)).toMatchObject({ k: 3, c: { d: 'Why?', x: 'fix' } });
    expect(await decode(await encode(s))).toEqual({ ok: true, state: s, version: 1 });
    expect(fingerprint(s)).toBe(fingerprint(sample()));
  });

  test('decoding also accepts the hash without its #', async () => {
    const hash = await encode(sample());
    expect((await decode(hash.slice(1))).ok).toBe(true);
  });
});

// Generated once with encode() and frozen: these must keep opening, to the same state, forever.
describe('golden v1 links', () => {
  test('default', async () => {
    expect(await decode('#v1/q64FAA')).toEqual({ ok: true, state: defaultShareState(), version: 1 });
  });

  test('files, model on a mirror, settings, math chat', async () => {
    const want = defaultShareState();
    want.files = [{ path: 'hello.py', text: 'def hello():\n    return "héllo 👋"\r\n' }, { path: 'src/empty.ts', text: '' }];
    want.active = 'src/empty.ts';
    want.choice = { model: 'seekpad/tiny-deepseek-coder', host: 'http://127.0.0.1:4174/', device: 'wasm', dtype: 'fp32' };
    want.settings = { ...want.settings, temperature: 0.7, seed: 7 };
    want.chat = { mode: 'math', system: 'Be brief.', turns: [{ role: 'user', content: 'What is 2+2?', math: true }, { role: 'assistant', content: '\\boxed{4}', math: true }] };
    const link =
      '#v1/XY8xTsQwFESvYk0FwptswkqR3KzEJSjiFN74R4mIE8v-C0RRTkDFCag5BxfiCMi70FDO_Pc1Mys6qLpGT-M4Z36BhKVOXOTNrdKTEEIE4nOYhEb_9TmOs_j-eH_T0EFPaGSNGNqcnOcl4wgJNI2EgfrvO6gVg00HoidvbM7DtOwskU_Grp0tBUj0c2Qo9Mxe5XlRVtk-22eFOhTVIb_0ex5agsKLiS5pXnySnb8vsUnElMPkPAXD50BQ-6ySKdRCVZtEmwA32_TkDPeQiEtkclB4IHEKA3UZJNLoCFWvCFA4x0u7VO2xNyyGKMq78ngdVmzySpkYh8hm4l9U69P8SnY9bH9gs20_';
    expect(await decode(link)).toEqual({ ok: true, state: want, version: 1 });
  });

  test('embed, catalog model with a family, tool mode', async () => {
    const want = defaultShareState();
    want.embed = true;
    want.choice = { model: 'deepseek-r1-distill-qwen-1.5b', device: 'auto', dtype: 'auto', family: 'r1-distill-qwen' };
    want.chat.mode = 'tool';
    const link = '#v1/XcwxCoAwDEbhu_xzI3RwyW3URAimVm1BpPTu4ur6PngNCdxgAoaoHkV1oyuSWKnmTuetO8VhnBGwTsn8AePn6AHLd0lZFIyas39NwbG_';
    expect(await decode(link)).toEqual({ ok: true, state: want, version: 1 });
  });
});

describe('each kind of bad link has its own clear message', () => {
  test('a start that does not fit', async () => {
    expect(await message(await deflate(JSON.stringify({ k: -1 })))).toMatch(/cursor: the cursor must be a position in the file/);
    expect(await message(await deflate(JSON.stringify({ k: 1.5 })))).toMatch(/the cursor must be a position/);
    expect(await message(await deflate(JSON.stringify({ c: { x: 'delete-everything' } })))).toMatch(/the action must be one of explain, fix/);
  });
  test('not a share link', async () => {
    expect(await message('#hello')).toMatch(/not a seekpad share link/);
  });
  test('a newer version', async () => {
    expect(await message('#v2/q64FAA')).toMatch(/newer seekpad \(link version 2\)/);
  });
  test('a version that never existed', async () => {
    expect(await message('#v0/q64FAA')).toMatch(/link version 0 does not exist/);
  });
  test('too long', async () => {
    expect(await message(`#v1/${'A'.repeat(MAX_HASH_CHARS)}`)).toMatch(/longer than 1,000,000 characters/);
  });
  test('characters outside base64url, or an impossible length', async () => {
    expect(await message('#v1/abc$def')).toMatch(/characters a link cannot have/);
    expect(await message('#v1/abcde')).toMatch(/characters a link cannot have/);
    expect(await message('#v1/')).toMatch(/characters a link cannot have/);
  });
  test('truncated', async () => {
    const hash = await encode(sample());
    expect(await message(hash.slice(0, hash.length - 8))).toMatch(/does not decompress/);
  });
  test('a decompression bomb', async () => {
    const bomb = await deflate(new Uint8Array(MAX_JSON_BYTES + 10).fill(32));
    expect(bomb.length).toBeLessThan(10_000);
    expect(await message(bomb)).toMatch(/expands to more than 4 MB/);
  });
  test('invalid UTF-8 inside', async () => {
    expect(await message(await deflate(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).toMatch(/not valid UTF-8/);
  });
  test('not JSON inside', async () => {
    expect(await message(await deflate('{"f": [}'))).toMatch(/not valid JSON/);
  });
  test('JSON that is not an object', async () => {
    expect(await message(await deflate('[1,2]'))).toMatch(/must hold an object/);
  });
  test('schema violations name the field and the rule', async () => {
    const cases: [unknown, RegExp][] = [
      [{ f: [['../etc/passwd', 'x']] }, /files \(f\.0\.0\).*relative/],
      [{ f: [['a<script>.py', 'x']] }, /files.*odd characters/],
      [{ f: [] }, /at least one file/],
      [{ f: Array.from({ length: 65 }, (_, i) => [`f${i}.py`, '']) }, /at most 64 files/],
      [{ f: [['a.py', ''], ['a.py', '']] }, /same path/],
      [{ f: [['a.py', 5]] }, /file text must be text/],
      [{ m: { id: 'javascript:alert(1)' } }, /model.*owner\/name/],
      [{ m: { host: 'javascript:alert(1)' } }, /model.*http\(s\) URL/],
      [{ m: { dtype: 'int3' } }, /dtype must be one of/],
      [{ m: { device: 'cuda' } }, /device must be one of auto, webgpu, wasm/],
      [{ s: { temperature: 'hot' } }, /settings.*number/],
      [{ c: { mode: 'shell' } }, /chat mode must be one of/],
      [{ c: { turns: [{ r: 'system', t: 'x' }] } }, /from the user or the assistant/],
      [{ e: true }, /embed/],
    ];
    for (const [data, want] of cases) expect(await message(await deflate(JSON.stringify(data)))).toMatch(want);
  });
});

describe('what a valid link may not do', () => {
  test('numbers are clamped like the settings inputs', async () => {
    const r = await decode(await deflate(JSON.stringify({ s: { temperature: 99, topK: -5, maxNewTokens: 1e9, seed: 3.6 } })));
    expect(r.ok && r.state.settings).toMatchObject({ temperature: 2, topK: 0, maxNewTokens: 4096, seed: 4 });
  });
  test('an active path that names no file falls back to the first file', async () => {
    const r = await decode(await deflate(JSON.stringify({ f: [['a.py', '1']], a: 'b.py' })));
    expect(r.ok && r.state.active).toBe('a.py');
  });
  test('unknown fields (from a later v1) are ignored', async () => {
    const r = await decode(await deflate(JSON.stringify({ zz: 1, s: { seed: 3, future: true } })));
    expect(r.ok && r.state.settings.seed).toBe(3);
  });
});
