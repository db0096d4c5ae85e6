// A seeded stream of hostile share hashes for src/lib/share/fuzz.test.ts and e2e/hostile.spec.ts.
// Each draws its own seed (below), so the two test different inputs; both assert how many of theirs
// are distinct, the figure README "Security" gives.
import { toBase64url } from '../../src/lib/share/base64url.ts';
import { encode, type CodecGlobals } from '../../src/lib/share/codec.ts';
import { defaultShareState } from '../../src/lib/share/state.ts';
import { mulberry32 } from '../../src/lib/eval/stats.ts';

// The generator Evaluate mode samples problems with; soak.spec draws from it too.
export { mulberry32 };

/** The draws: the unit fuzz's and the e2e's, each its own seed. */
export const FUZZ_DRAW = { count: 1200, seed: 20261130 };
export const E2E_DRAW = { count: 1700, seed: 20261207 };

/** A draw's distinct hashes in order, less any in `exclude` (many draws repeat: see the cases). */
export async function distinctHashes(draw: { count: number; seed: number }, exclude: Iterable<string> = []): Promise<string[]> {
  const seen = new Set(exclude);
  return (await hostileHashes(draw.count, draw.seed)).filter((h) => !seen.has(h) && (seen.add(h), true));
}

/** Each payload tries to set window.__pwned; none may succeed. */
export const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  'javascript:window.__pwned=1',
  '"><svg onload=window.__pwned=1>',
  '[click](javascript:window.__pwned=1)',
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<a href="javascript:window.__pwned=1">x</a><math><mtext><img src=x onerror=window.__pwned=1></mtext></math>',
  "'-window.__pwned=1-'",
  '__proto__',
];


async function deflateLink(bytes: Uint8Array, g: CodecGlobals): Promise<string> {
  const out = await new Response(new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new g.CompressionStream('deflate-raw'))).arrayBuffer();
  return `#v1/${toBase64url(new Uint8Array(out))}`;
}

const enc = (s: string) => new TextEncoder().encode(s);

/** `count` hashes: valid links carrying payloads, their mutations, and plain garbage. */
export async function hostileHashes(count: number, seed = 1, g: CodecGlobals = globalThis): Promise<string[]> {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const payload = () => pick(PAYLOADS);

  const valid: string[] = [];
  for (let i = 0; i < 12; i++) {
    const s = defaultShareState();
    s.files = [{ path: 'main.py', text: payload() + '\n' + payload() }, { path: `f${i}.md`, text: payload() }];
    s.chat.system = payload();
    s.chat.turns = [{ role: 'user', content: payload() }, { role: 'assistant', content: PAYLOADS.join('\n\n') }];
    s.settings.seed = i;
    valid.push(await encode(s, g));
  }
  const out: string[] = [];
  const junkChars = 'ABCxyz019-_$%<>"\'#/&?=+ \u00e9\u{1F600}\ud800';
  while (out.length < count) {
    const base = pick(valid);
    switch (out.length % 12) {
      case 0:
        out.push(base);
        break;
      case 1:
        out.push(base.slice(0, 4 + int(base.length - 4)));
        break;
      case 2: {
        // Flip one bit of one character's 6-bit value.
        const at = 4 + int(base.length - 4);
        const c = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
        const flipped = c[c.indexOf(base[at]) ^ (1 << int(6))];
        out.push(base.slice(0, at) + flipped + base.slice(at + 1));
        break;
      }
      case 3:
        out.push(pick(['#v0/', '#v2/', '#v99999/', '#V1/', '#v1', '#v-1/', '#v1.5/', '#']) + base.slice(4));
        break;
      case 4:
        out.push(out.length % 48 === 4 ? `#v1/${'A'.repeat(1_100_000)}` : await deflateLink(new Uint8Array(4_200_000).fill(32 + int(90)), g));
        break;
      case 5: {
        const bytes = new Uint8Array(1 + int(200));
        for (let i = 0; i < bytes.length; i++) bytes[i] = int(256);
        out.push(await deflateLink(bytes, g));
        break;
      }
      case 6:
        out.push('#' + Array.from({ length: int(80) }, () => pick([...junkChars])).join(''));
        break;
      case 7:
        out.push('#' + payload());
        break;
      case 8: {
        const weird = pick<unknown>([
          { f: [[payload(), payload()]] },
          { m: { id: payload(), host: payload() } },
          { m: { host: 'javascript:window.__pwned=1' } },
          { c: { turns: [{ r: payload(), t: payload() }] } },
          { s: { temperature: payload(), seed: 1e308 } },
          { __proto__: { polluted: 1 } },
          JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}'),
          [payload()],
          payload(),
          null,
          12,
        ]);
        out.push(await deflateLink(enc(JSON.stringify(weird)), g));
        break;
      }
      case 9: {
        // Valid JSON, then the bytes corrupted into invalid UTF-8.
        const bytes = enc(JSON.stringify({ f: [['a.py', payload()]] }));
        bytes[int(bytes.length)] = 0xc0 | int(2);
        out.push(await deflateLink(bytes, g));
        break;
      }
      case 10:
        out.push(base + pick(['A', 'AAAA', '%3Cscript%3E', '#v1/' + base.slice(4)]));
        break;
      default: {
        const ok = await deflateLink(enc(JSON.stringify({ f: [['x.py', payload().repeat(1 + int(50))]], c: { system: payload() } })), g);
        out.push(ok);
      }
    }
  }
  return out;
}
