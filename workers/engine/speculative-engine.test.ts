// Drafts through the Engine on the scripted fixture, whose edit scripts copy much of their
// prompt: the same text with drafts on and off, and everything around decoding still working
// (stop sequences, max tokens, interrupt, KV-prefix reuse, sampling, the off switch).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixtures } from '../../tests/helpers/fixture-server.ts';
import { ALL_SCRIPTS } from '../../scripts/fixtures/scripted.ts';
import { Engine } from './engine.ts';
import type { GenerateRequest, GenerateResult } from '../../src/contract/engine-api.ts';

const PORT = 4401;
const engine = new Engine({ skipWarmup: true });
let server: { close: () => Promise<void>; host: string };
const script = (name: string) => ALL_SCRIPTS.find((s) => s.name === name)!;
const FIX = script('edit-fix-bug');

beforeAll(async () => {
  server = await serveFixtures(PORT);
  await engine.load({ id: 'seekpad/tiny-deepseek-coder-scripted', host: server.host, dtype: 'fp32' });
});
afterAll(async () => {
  await engine.dispose();
  await server?.close();
});

/** The request with drafts off and no cache (model.generate() from scratch), then with drafts on. */
async function pair(request: GenerateRequest): Promise<{ off: GenerateResult; on: GenerateResult }> {
  const off = await engine.generate({ ...request, drafts: false, reuseCache: false });
  const on = await engine.generate({ ...request, reuseCache: false });
  return { off, on };
}

describe('Engine with n-gram drafts (scripted fixture)', () => {
  it('gives every script the same text with drafts on as off, and drafts the edits', async () => {
    for (const s of ALL_SCRIPTS) {
      const { off, on } = await pair({ prompt: s.prompt, maxNewTokens: 1000 });
      expect(on.text, s.name).toBe(off.text);
      expect(on.stats.generatedTokens, s.name).toBe(off.stats.generatedTokens);
      expect(on.stopReason, s.name).toBe(off.stopReason);
      expect(off.drafts).toBeUndefined();
      expect(on.drafts?.generated, s.name).toBe(on.stats.generatedTokens);
      if (s.name.startsWith('edit-')) {
        // Most of an edit is copied from the prompt: far fewer passes than tokens.
        expect(on.drafts!.accepted, s.name).toBeGreaterThan(on.stats.generatedTokens / 2);
        expect(on.drafts!.forwards, s.name).toBeLessThan(on.stats.generatedTokens / 2);
        expect(on.drafts!.speedup, s.name).toBeGreaterThan(0);
      }
    }
  });

  it('stops at max tokens and at a stop sequence inside an accepted draft, as without drafts', async () => {
    for (const maxNewTokens of [1, 2, 37, 200]) {
      const { off, on } = await pair({ prompt: FIX.prompt, maxNewTokens });
      expect(on.text).toBe(off.text);
      expect(on.stats.generatedTokens).toBe(maxNewTokens);
      expect(on.stopReason).toBe('max-tokens');
    }
    const { off, on } = await pair({ prompt: FIX.prompt, maxNewTokens: 1000, stop: ['per_customer.get('] });
    expect(on.stopReason).toBe('stop-sequence');
    expect(on.text).toBe(off.text);
    expect(on.stats.generatedTokens).toBe(off.stats.generatedTokens);
  });

  it('stops within one step when interrupted, however long the draft', async () => {
    const full = await engine.generate({ prompt: FIX.prompt, maxNewTokens: 1000, reuseCache: false });
    let chunks = 0;
    const r = await engine.generate({ prompt: FIX.prompt, maxNewTokens: 1000, reuseCache: false, chunkIntervalMs: 0 }, () => {
      if (++chunks === 40) void engine.interrupt();
    });
    expect(r.stopReason).toBe('interrupted');
    expect(r.stats.tokensAfterInterrupt).toBeLessThanOrEqual(1);
    expect(full.text.startsWith(r.text)).toBe(true);
    expect(r.stats.generatedTokens).toBeLessThan(full.stats.generatedTokens);
  });

  it('leaves a cache the next request reuses: a follow-up turn gives the same text as from scratch', async () => {
    const first = await engine.generate({ prompt: FIX.prompt, maxNewTokens: 1000, reuseCache: false });
    const followUp = `${FIX.prompt}${first.text}\n### Instruction:\nNow rename it.\n${script('edit-rename').prompt}`;
    const reused = await engine.generate({ prompt: followUp, maxNewTokens: 1000 });
    expect(reused.stats.reusedTokens).toBeGreaterThan(500);
    const fresh = await engine.generate({ prompt: followUp, maxNewTokens: 1000, drafts: false, reuseCache: false });
    expect(reused.text).toBe(fresh.text);
    // And a shorter prompt sharing only part of the cache (it is cut back first).
    const part = await engine.generate({ prompt: script('edit-rename').prompt, maxNewTokens: 1000 });
    const partFresh = await engine.generate({ prompt: script('edit-rename').prompt, maxNewTokens: 1000, drafts: false, reuseCache: false });
    expect(part.text).toBe(partFresh.text);
  });

  it('decodes without drafts when sampling or when told not to', async () => {
    const sampled = await engine.generate({ prompt: FIX.prompt, maxNewTokens: 20, temperature: 0.7, seed: 1, reuseCache: false });
    expect(sampled.drafts).toBeUndefined();
    const off = await engine.generate({ prompt: FIX.prompt, maxNewTokens: 20, drafts: false });
    expect(off.drafts).toBeUndefined();
  });
});
