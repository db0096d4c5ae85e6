// Speculative decoding gives greedy decoding's tokens exactly: speculate() against
// model.generate() on the random-weight fixtures (fp32, fp16 cache, the merged If export, the
// math model), fed drafts that are accepted whole, in part or not at all, so the cache is cut
// back at every position.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoModelForCausalLM, AutoTokenizer, InterruptableStoppingCriteria, Tensor, env, type PreTrainedModel, type PreTrainedTokenizer } from '@huggingface/transformers';
import { serveFixtures } from '../../tests/helpers/fixture-server.ts';
import { DRAFT_CHECK_PROMPTS } from '../../scripts/fixtures/draft-prompts.ts';
import { speculate } from './speculative.ts';
import { cropOnCpu } from './kv-crop.ts';
import { TokenStream } from './streaming.ts';
import type { Job } from './generate-run.ts';
import type { DraftSource } from './ngram-draft.ts';

const PORT = 4397;
const MAX_NEW = 64;

const PROMPTS = DRAFT_CHECK_PROMPTS;

const MODELS = [
  { id: 'seekpad/tiny-deepseek-coder', dtype: 'fp32' },
  { id: 'seekpad/tiny-deepseek-coder', dtype: 'q4f16' },
  { id: 'seekpad/tiny-deepseek-coder-base', dtype: 'fp32', file: 'decoder_model_merged' },
  { id: 'seekpad/tiny-deepseek-math', dtype: 'fp32' },
] as const;

let server: { close: () => Promise<void>; host: string };
beforeAll(async () => {
  server = await serveFixtures(PORT);
  env.allowLocalModels = false;
  env.remoteHost = server.host;
  env.remotePathTemplate = '{model}/resolve/{revision}/';
});
afterAll(async () => server?.close());

function idsOf(t: Tensor): number[] {
  return Array.from(t.data as BigInt64Array, Number);
}

/** The two top logits after `prefix` (one unbatched pass) and their gap, for a reported near-tie. */
async function topTwo(model: PreTrainedModel, prefix: number[]): Promise<{ text: string; gap: number; top: number }> {
  const n = prefix.length;
  const out = (await model.forward({ input_ids: new Tensor('int64', BigInt64Array.from(prefix, BigInt), [1, n]), attention_mask: new Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]) })) as { logits: Tensor };
  const [, , vocab] = out.logits.dims;
  const row = Array.from((out.logits.to('float32').data as Float32Array).subarray((n - 1) * vocab, n * vocab));
  const order = row.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]);
  const gap = order[0][0] - order[1][0];
  return { text: `token ${order[0][1]} at ${order[0][0]} vs token ${order[1][1]} at ${order[1][0]}, gap ${gap}`, gap, top: order[0][0] };
}

/**
 * Drafts of greedy decoding's own next tokens, 1 to 16 of them, half of them with one token
 * changed: long accepted runs and rejections at every position, whatever the model writes.
 */
class OracleDrafter implements DraftSource {
  readonly stats = { steps: 0, drafted: 0, accepted: 0 };
  private at = 0;
  private seed: number;
  constructor(private readonly truth: number[], seed: number) {
    this.seed = seed;
  }
  private next(): number {
    this.seed = (Math.imul(this.seed, 1664525) + 1013904223) >>> 0;
    return this.seed / 2 ** 32;
  }
  push(): void {
    this.at++;
  }
  draft(): number[] {
    const d = this.truth.slice(this.at, this.at + 1 + Math.floor(this.next() * 16));
    if (d.length > 0 && this.next() < 0.5) {
      const j = Math.floor(this.next() * d.length);
      d[j] = d[j] + 1;
    }
    return d;
  }
  record(drafted: number, accepted: number): void {
    this.stats.steps++;
    this.stats.drafted += drafted;
    this.stats.accepted += accepted;
  }
  setCost(): void {}
}

async function both(model: PreTrainedModel, tokenizer: PreTrainedTokenizer, prompt: string, maxNew = MAX_NEW) {
  const promptIds = tokenizer.encode(prompt);
  const input_ids = new Tensor('int64', BigInt64Array.from(promptIds, BigInt), [1, promptIds.length]);
  const eos = [(model.config as unknown as { eos_token_id: number }).eos_token_id];
  const plain = (await model.generate({ input_ids, attention_mask: new Tensor('int64', new BigInt64Array(promptIds.length).fill(1n), [1, promptIds.length]), max_new_tokens: maxNew, do_sample: false, eos_token_id: eos })) as Tensor;
  const job: Job = { criteria: new InterruptableStoppingCriteria(), stream: null, superseded: false, channel: 'chat' };
  const stream = new TokenStream({ decode: (ids) => tokenizer.decode(ids) }, 0, [], new Set(eos), undefined, () => performance.now());
  const expected = idsOf(plain).slice(promptIds.length);
  const drafter = new OracleDrafter(expected, promptIds.length);
  const spec = await speculate(model, job, stream, { promptIds, past: null, maxNewTokens: maxNew, stopIds: eos, options: { do_sample: false, eos_token_id: eos }, crop: cropOnCpu, drafter });
  return { promptIds, plain: expected, spec: spec.sequence.slice(promptIds.length), streamed: stream.ids, figures: spec.figures, cacheLength: spec.cache.get_seq_length(), sequence: spec.sequence };
}

describe('speculate() = greedy generate() on the random fixtures', () => {
  const totals = { prompts: 0, drafted: 0, accepted: 0, partial: 0, nearTies: [] as string[] };
  for (const m of MODELS) {
    it(`${m.id} ${m.dtype}: ${PROMPTS.length} prompts, token for token`, async () => {
      const model = await AutoModelForCausalLM.from_pretrained(m.id, { dtype: m.dtype, ...('file' in m ? { model_file_name: m.file } : {}) });
      const tokenizer = await AutoTokenizer.from_pretrained(m.id);
      for (const prompt of PROMPTS) {
        const r = await both(model, tokenizer, prompt);
        const at = r.spec.findIndex((id, i) => id !== r.plain[i]);
        if (at >= 0 || r.spec.length !== r.plain.length) {
          // Allowed only where the two best logits tie within the logits' own rounding
          // (float16 keeps 11 bits), and then the text up to there must match.
          const where = at >= 0 ? at : Math.min(r.spec.length, r.plain.length);
          const tie = await topTwo(model, [...r.promptIds, ...r.plain.slice(0, where)]);
          const what = `${m.id} ${m.dtype}: differs at token ${where} of ${JSON.stringify(prompt.slice(0, 40))}: ${tie.text}`;
          const tolerance = (m.dtype.endsWith('f16') ? 2 ** -9 : 2 ** -20) * Math.max(1, Math.abs(tie.top));
          if (!(tie.gap <= tolerance)) throw new Error(what);
          totals.nearTies.push(what);
          expect(r.spec.slice(0, where)).toEqual(r.plain.slice(0, where));
        } else {
          expect(r.streamed).toEqual(r.plain);
          // The cache holds every position but the last token's.
          expect(r.cacheLength).toBe(r.sequence.length - 1);
        }
        totals.prompts++;
        totals.drafted += r.figures.drafted;
        totals.accepted += r.figures.accepted;
        if (r.figures.accepted < r.figures.drafted && r.figures.accepted > 0) totals.partial++;
      }
      await model.dispose();
    }, 120_000);
  }
  it('drafts were really tried, accepted and cut back across those prompts', () => {
    console.log('speculate vs generate:', totals);
    expect(totals.prompts).toBe(PROMPTS.length * MODELS.length);
    expect(totals.accepted).toBeGreaterThan(1000);
    expect(totals.accepted).toBeLessThan(totals.drafted);
    expect(totals.partial).toBeGreaterThan(40);
    // Near-ties are rare: a few at most in these 48 answers.
    expect(totals.nearTies.length).toBeLessThanOrEqual(2);
  });
});
