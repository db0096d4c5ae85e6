// Decode must survive anything a link can hold: never throw, and either give a state that passes
// the schema again or a message.
import { expect, test } from 'vitest';
import { decode, encode } from './codec.ts';
import { distinctHashes, FUZZ_DRAW, hostileHashes, PAYLOADS } from '../../../tests/helpers/hostile.ts';
import { validateWire } from './schema.ts';
import { toWire } from './wire.ts';
import { render } from '../i18n/render.ts';

// e2e/hostile.spec.ts draws others (its own seed, and none of these).
test('821 distinct random and mutated hashes: no throw, valid state or a message', async () => {
  const hashes = await distinctHashes(FUZZ_DRAW);
  // README "Security" gives this figure.
  expect(hashes.length).toBe(821);
  let ok = 0;
  for (const h of hashes) {
    const r = await decode(h);
    if (r.ok) {
      ok++;
      expect(validateWire(JSON.parse(JSON.stringify(toWire(r.state))), 'link').ok).toBe(true);
      expect(await decode(await encode(r.state))).toEqual(r);
    } else {
      const said = render(r.message, 'en');
      expect(said).toMatch(/^This link could not be opened: .{5,}/);
      expect(said.length).toBeLessThan(400);
    }
  }
  // Both outcomes are exercised: valid links carrying payloads, and every kind of damage.
  console.log(`fuzz: ${ok} valid, ${hashes.length - ok} refused`);
  expect(ok).toBeGreaterThan(100);
  expect(hashes.length - ok).toBeGreaterThan(600);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('payloads survive as inert text: a valid link keeps them verbatim', async () => {
  const [first] = await hostileHashes(1, 3);
  const r = await decode(first);
  expect(r.ok).toBe(true);
  if (r.ok) expect(r.state.chat.turns[1].content).toBe(PAYLOADS.join('\n\n'));
});
