// The Engine's own JS per generated token, next to nothing else: what TokenStream costs to turn
// ids into streamed text (real DeepSeek-Coder tokenizer), and what one yield to the event loop
// costs in a Chromium worker (a new MessageChannel each time, one channel reused, and
// scheduler.yield() for reference; the first two are copies of workers/engine/forward-pass.ts's
// yieldToEventLoop before and after, as a page worker cannot import the TypeScript). Compare with a token's time in the bench (about 4 ms for the
// tiny model on 2 WASM threads).
//   npx tsx scripts/measure-token-path.ts
import { chromium } from '@playwright/test';
import { TokenStream } from '../workers/engine/streaming.ts';
import { loadTokenizer } from './fixtures/tokenizer.ts';
import { TINY_CODER_ASCII } from './fixtures/shapes.ts';
import { llamaWeights } from './fixtures/weights.ts';
import { referenceGreedy } from './fixtures/reference-llama.ts';

const tok = await loadTokenizer('deepseek-coder');
const encode = (s: string): number[] => tok.encode(s, { add_special_tokens: false });
const fixtureIds = referenceGreedy(TINY_CODER_ASCII.shape, llamaWeights(TINY_CODER_ASCII), [32013, ...encode('def quicksort(arr):\n    if')], 64).tokens;
const code = encode(
  'def quicksort(arr):\n    if len(arr) <= 1:\n        return arr\n    pivot = arr[len(arr) // 2]\n' +
    '    left = [x for x in arr if x < pivot]\n    right = [x for x in arr if x > pivot]\n' +
    '    return quicksort(left) + [pivot] + quicksort(right)\n',
);
const decoder = { decode: (ids: number[]): string => (ids.length ? tok.decode(ids, { skip_special_tokens: true }) : '') };
console.log('TokenStream.push, best of 30 (µs per token):');
for (const [name, ids] of [['tiny ASCII fixture, one 64-token line', fixtureIds], ['real Python', code]] as const) {
  let best = Infinity;
  for (let r = 0; r < 30; r++) {
    const stream = new TokenStream(decoder, 0, ['\n\n\n'], new Set([32014]), () => undefined, () => performance.now());
    const t0 = performance.now();
    for (const id of ids) stream.push(id);
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`  ${name} (${ids.length} tokens): ${((best / ids.length) * 1000).toFixed(1)}`);
}

// Runs in a worker started from a blob: the same kind of thread the engine runs on.
const WORKER = `
const N = 3000;
function fresh() { return new Promise((r) => { const ch = new MessageChannel(); ch.port1.onmessage = () => { ch.port1.close(); r(); }; ch.port2.postMessage(null); }); }
const shared = new MessageChannel(); const waiting = []; shared.port1.onmessage = () => waiting.shift()();
function reused() { return new Promise((r) => { waiting.push(r); shared.port2.postMessage(null); }); }
function yielded() { return self.scheduler && scheduler.yield ? scheduler.yield() : null; }
onmessage = async () => {
  const out = {};
  for (let round = 0; round < 3; round++) {
    for (const [name, f] of Object.entries({ 'new MessageChannel': fresh, 'one channel reused': reused, 'scheduler.yield()': yielded })) {
      if (f() === null) { out[name] = null; continue; }
      const t0 = performance.now();
      for (let i = 0; i < N; i++) await f();
      const us = ((performance.now() - t0) / N) * 1000;
      out[name] = round === 0 ? us : Math.min(out[name], us);
    }
  }
  postMessage(out);
};`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  const result = await page.evaluate(
    (src) =>
      new Promise<Record<string, number | null>>((resolve) => {
        const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
        w.onmessage = (e: MessageEvent<Record<string, number | null>>) => resolve(e.data);
        w.postMessage(0);
      }),
    WORKER,
  );
  console.log('A yield to the event loop in a Chromium worker, best of 3 × 3,000 (µs):');
  for (const [name, us] of Object.entries(result)) console.log(`  ${name}: ${us === null ? 'not available' : us.toFixed(1)}`);
} finally {
  await browser.close();
}
