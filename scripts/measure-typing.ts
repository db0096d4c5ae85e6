// Does typing just before Generate slow the generation down? The built app, one page, its decode
// rate (the engine's stats line) alternated within each round between:
//   typed: the prompt typed into the editor, then Generate as soon as the browser is idle;
//   later: the same, but Generate 3.5 s after typing (the page's deferred work is done);
//   bare:  transformers.js generate() in a worker of the bench page, as in `npm run bench`.
// Usage: npm run build && npm run build:bench && npx tsx scripts/measure-typing.ts [--rounds N] [--warm N]
import { parseArgs } from 'node:util';
import { setMaxTokens, setPrompt, timeGenerate } from './bench/app-page.ts';
import { promptFor } from './bench/prompts.ts';
import { IdleWaits } from './bench/quiet.ts';
import { median, ratio } from './bench/stats.ts';
import { openBare, openTinyApp } from './bench/tiny-app.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' }, warm: { type: 'string', default: '8' } } });
const ROUNDS = Number(values.rounds);
const WARM = Number(values.warm);
const TOKENS = 64;

const tiny = await openTinyApp(4283);
const { app } = tiny;
try {
  await setMaxTokens(app, TOKENS);
  const idle = new IdleWaits(30_000);
  const harness = await openBare(tiny, idle);

  const appSide = (waitMs: number) => async (prompt: string): Promise<number> => {
    await app.bringToFront();
    await setPrompt(app, prompt);
    if (waitMs > 0) await app.waitForTimeout(waitMs);
    await idle.settle();
    return (await timeGenerate(app)).engine?.tokensPerSecond ?? 0;
  };
  const sides: [string, (prompt: string) => Promise<number>][] = [
    ['typed', appSide(0)],
    ['later', appSide(3500)],
    ['bare', async (prompt) => (await harness.generate('bare', prompt, TOKENS)).tokensPerSecond],
  ];
  const rates = new Map<string, number[]>(sides.map(([name]) => [name, []]));
  for (let r = 0; r < WARM + ROUNDS; r++) {
    const line: string[] = [];
    for (const [name, run] of r % 2 ? [...sides].reverse() : sides) {
      const rate = await run(promptFor(r));
      await idle.settle();
      if (r >= WARM) rates.get(name)?.push(rate);
      line.push(`${name} ${rate.toFixed(0)}`);
    }
    console.log(`${r < WARM ? 'warm-up' : 'round'} ${r + 1}: ${line.join(', ')} tok/s`);
  }
  const m = (name: string): number => median(rates.get(name) ?? []);
  console.log(`median tok/s: typed ${m('typed').toFixed(0)}, later ${m('later').toFixed(0)}, bare ${m('bare').toFixed(0)}`);
  console.log(`typed/later ${ratio(m('typed'), m('later')).toFixed(2)}, typed/bare ${ratio(m('typed'), m('bare')).toFixed(2)}, later/bare ${ratio(m('later'), m('bare')).toFixed(2)}`);
} finally {
  await tiny.close();
}
