// Command line: which model, dtypes, device, how many rounds and tokens, where the JSON goes.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CODER_1_3B_RANDOM, SHAPE_PRESETS, TINY_CODER, TINY_CODER_ASCII, type LlamaFixture } from '../fixtures/shapes.ts';
import type { BenchDevice, BenchDtype } from './protocol.ts';

export const USAGE = `npm run bench -- [options]   (needs dist/: run \`npm run build\` first; the
                             harness page is built into dist-bench/ by the npm script)
  --shape deepseek-coder-1.3b  the 1.3B-shaped random model (q8 on WASM; generated if missing)
  --device wasm|webgpu         default wasm; webgpu runs q4 (SwiftShader here: tiny model, few tokens)
  --text ascii|any             default ascii: the tiny model writes code-like ASCII; any: the
                               same weights writing random scripts (CJK, Cyrillic, ...), the
                               worst case for the page's text layout (tiny shape only)
  --dtype <d>                  override the dtypes (repeatable): fp32, q8, q4
  --rounds N                   interleaved rounds per comparison
  --tokens N                   max new tokens per generation
  --smoke                      a short run: 1 round, 4 tokens, tiny fixture, first dtype only
  --out <file>                 JSON path (default bench-results/<date>.json)
  --load                       only model loads: cold and cached in the app with the engine's
                               per-phase split, against onnxruntime-node creating a session
                               from the same file on the same threads
  --keystroke                  only keystroke to ghost text: a scripted editing session in the
                               app, fitting the work to the device against the fixed 1,536/64
  --drafts                     only n-gram drafts: decode tokens/s with and without them on the
                               scripted fixture's edit and open-ended scripts, then the cost of
                               a pass of 1+k tokens on the bench model (WASM and Node) and the
                               speed-up projected for it (with --shape: the 1.3B shape)
  --convert                    only the 8-bit-to-4-bit conversion: time and peak memory in Node
                               and in the app (Chromium), placement on WebGPU (tiny fixture);
                               with --shape deepseek-coder-1.3b, the 1.3B shape
  env BENCH_PORT               the app's port (default 4273; the models on the next one)`;

export interface Variant {
  fixture: LlamaFixture;
  modelId: string;
  device: BenchDevice;
  dtype: BenchDtype;
}

export interface BenchConfig {
  variants: Variant[];
  rounds: number;
  tokens: number;
  /** Lines of shared body in the prefix-reuse prompt (about 20 tokens each). */
  reuseLines: number;
  /** Context sizes (tokens) for the FIM follow-up section. */
  fimSizes: number[];
  /** Untimed warm-up rounds: at least min, then until the rates hold, at most max. */
  warmUpRounds: { min: number; max: number };
  /** The longest wait for an idle browser before a timed side. */
  idleWaitMaxMs: number;
  smoke: boolean;
  /** Only the load section, against Node's session creation. */
  load: boolean;
  /** Only keystroke to ghost text, fit against fixed. */
  keystroke: boolean;
  /** Only n-gram drafts: with against without, and the pass cost of 1 + k tokens. */
  drafts: boolean;
  out: string;
  /** Chromium binary: Debian's, or CHROMIUM_PATH; never a downloaded one. */
  chromium: string;
  argv: string[];
}

const DTYPES: readonly BenchDtype[] = ['fp32', 'q8', 'q4'];

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function parseOptions(argv: string[], root: string, now = new Date()): BenchConfig | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      shape: { type: 'string' },
      device: { type: 'string', default: 'wasm' },
      dtype: { type: 'string', multiple: true },
      text: { type: 'string', default: 'ascii' },
      rounds: { type: 'string' },
      tokens: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      load: { type: 'boolean', default: false },
      keystroke: { type: 'boolean', default: false },
      drafts: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  if (values.device !== 'wasm' && values.device !== 'webgpu') throw new Error(`--device must be wasm or webgpu, got "${values.device}"`);
  const device: BenchDevice = values.device;
  if (values.shape !== undefined && SHAPE_PRESETS[values.shape] !== CODER_1_3B_RANDOM) {
    throw new Error(`unknown --shape ${values.shape}; known: deepseek-coder-1.3b`);
  }
  // --smoke always takes the tiny fixture: it must finish in seconds.
  const big = values.shape !== undefined && !values.smoke;
  if (values.text !== 'ascii' && values.text !== 'any') throw new Error(`--text must be ascii or any, got "${values.text}"`);
  if (big && values.text === 'any') throw new Error('--text any is for the tiny shape only');
  const fixture = big ? CODER_1_3B_RANDOM : values.text === 'any' ? TINY_CODER : TINY_CODER_ASCII;
  const dtypes = (values.dtype ?? (device === 'webgpu' ? ['q4'] : big ? ['q8'] : ['fp32', 'q8'])).map((d) => {
    if (!(DTYPES as readonly string[]).includes(d)) throw new Error(`--dtype must be one of ${DTYPES.join(', ')}, got "${d}"`);
    return d as BenchDtype;
  });
  const slow = big || device === 'webgpu';
  const rounds = values.smoke ? 1 : positiveInt('rounds', values.rounds) ?? (slow ? 2 : 5);
  // 256 tokens on the tiny model: a decode of under 0.2 s (64 tokens) is mostly scheduler noise on
  // 2 cores. The A/A row shows it: run with --tokens 64 and compare.
  const tokens = values.smoke ? 4 : positiveInt('tokens', values.tokens) ?? (slow ? 8 : 256);
  const variants = (values.smoke ? dtypes.slice(0, 1) : dtypes).map((dtype) => ({
    fixture,
    modelId: `seekpad/${fixture.name}`,
    device,
    dtype,
  }));
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return {
    variants,
    rounds,
    tokens,
    // Long enough that the prefill dominates the first token on the tiny model on WASM; short
    // where prefill is slow (1.3B on 2 CPU threads, SwiftShader's WebGPU).
    reuseLines: values.smoke ? 4 : slow ? 6 : 40,
    // 3,000 tokens of prefill take minutes per request on the 1.3B shape with 2 CPU threads.
    fimSizes: values.smoke ? [500] : slow ? [500] : [500, 1500, 3000],
    // A slow side's run takes seconds to minutes; --smoke only checks that every section runs.
    warmUpRounds: values.smoke ? { min: 1, max: 1 } : slow ? { min: 1, max: 3 } : { min: 3, max: 12 },
    idleWaitMaxMs: values.smoke ? 2_000 : 30_000,
    smoke: values.smoke,
    load: values.load,
    keystroke: values.keystroke,
    drafts: values.drafts,
    out: path.resolve(values.out ?? path.join(root, 'bench-results', `${stamp}.json`)),
    chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    argv,
  };
}
