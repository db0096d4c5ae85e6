// What a streamed chunk costs the output box's layout as the answer grows, for three ways of
// showing it, side by side in one Chromium page with the output box's CSS:
//   replace: the text node's whole value set on each chunk (what Svelte's {text} does);
//   append:  one text node, appendData of the chunk;
//   blocks:  src/lib/stream-text.ts (the app's way): blocks ending at line breaks, appended to.
// Each update is the DOM change plus the layout it forces. Prints the mean per update while the
// text is in its first and last 10,000 characters, and the ratios to replace; then checks that
// the three boxes hold the same text (textContent and innerText), are as large, and copy the
// same, and that a chat code block (white-space: pre, CodeBlock.svelte) streamed in blocks
// matches one text node.
// Usage: npx tsx scripts/measure-text-layout.ts [--chars N] [--reps N]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { freshProfile } from './bench/profile.ts';
import { median } from './bench/stats.ts';

const { values } = parseArgs({ options: { chars: { type: 'string', default: '40000' }, reps: { type: 'string', default: '5' } } });
const CHARS = Number(values.chars);
const REPS = Number(values.reps);
const MODES = ['replace', 'append', 'blocks'] as const;
type Mode = (typeof MODES)[number];

/**
 * Code-like lines cut into chunks of 20 to 60 characters (about 100 ms of a fast model), with the
 * cases where a block boundary could show: blank lines, lines long enough to wrap, non-ASCII
 * text, and chunks that are a lone line break.
 */
function chunks(total: number): string[] {
  let seed = 7;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const words = ['def', 'return', 'self.value', 'for', 'in', 'range(n)', 'if', 'x', '=', '+', 'items[i]', ':', 'None', '# données', 'π → ∞', '文字列'];
  let text = '';
  while (text.length < total) {
    const indent = ' '.repeat(4 * Math.floor(rand() * 3));
    const n = rand() < 0.03 ? 40 + Math.floor(rand() * 40) : 2 + Math.floor(rand() * 10);
    text += indent + Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ') + '\n';
    if (rand() < 0.1) text += '\n';
  }
  const out: string[] = [];
  for (let at = 0; at < text.length; ) {
    const n = text[at] === '\n' && rand() < 0.3 ? 1 : 20 + Math.floor(rand() * 40);
    out.push(text.slice(at, at + n));
    at += n;
  }
  return out;
}

const source = fs.readFileSync(new URL('../src/lib/stream-text.ts', import.meta.url), 'utf8');
const css = fs.readFileSync(new URL('../src/lib/stream-text.css', import.meta.url), 'utf8');
const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;

const profile = await freshProfile(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
try {
  const page = await profile.context.newPage();
  // The output box's and the code block's CSS (OutputPanel.svelte, CodeBlock.svelte), and the
  // blocks' own (stream-text.css).
  await page.setContent(`<style>
    pre.out { margin: 0; padding: 0.75rem; white-space: pre-wrap; word-break: break-word; width: 900px;
          height: 28rem; contain: strict; will-change: transform; overflow: auto; font: 0.85rem monospace; }
    .code pre { margin: 0; padding: 0.5rem; overflow: auto; font: 0.8rem monospace; width: 600px; }
    ${css}
  </style><pre class="out" id="replace"></pre><pre class="out" id="append"></pre><pre class="out" id="blocks"></pre>
  <figure class="code"><pre><code id="code-one"></code></pre></figure><figure class="code"><pre><code id="code-blocks"></code></pre></figure>`);
  await page.addScriptTag({ type: 'module', content: `${js}\nglobalThis.StreamedText = StreamedText;` });
  await page.waitForFunction(() => 'StreamedText' in globalThis);

  const list = chunks(CHARS);
  const firstLast: Record<Mode, { first: number[]; last: number[] }> = {
    replace: { first: [], last: [] },
    append: { first: [], last: [] },
    blocks: { first: [], last: [] },
  };
  for (let rep = 0; rep < REPS; rep++) {
    // Rotate the order so that no mode always runs first.
    const order = MODES.map((_, i) => MODES[(i + rep) % MODES.length]);
    for (const mode of order) {
      const r = await page.evaluate(
        ([m, parts, total]) => {
          type View = { show(text: string): void };
          const Streamed = (globalThis as unknown as { StreamedText: new (el: HTMLElement, ws: string) => View }).StreamedText;
          const el = document.getElementById(m) as HTMLElement;
          el.replaceChildren();
          const node = document.createTextNode('');
          if (m !== 'blocks') el.append(node);
          const view = m === 'blocks' ? new Streamed(el, 'pre-wrap') : null;
          let text = '';
          const first: number[] = [];
          const last: number[] = [];
          for (const c of parts) {
            const t0 = performance.now();
            text += c;
            if (view) view.show(text);
            else if (m === 'append') node.appendData(c);
            else node.data = text;
            void el.scrollHeight;
            const dt = performance.now() - t0;
            if (text.length <= 10_000) first.push(dt);
            else if (text.length > total - 10_000) last.push(dt);
          }
          const mean = (xs: number[]): number => xs.reduce((a, x) => a + x, 0) / Math.max(1, xs.length);
          return { first: mean(first), last: mean(last) };
        },
        [mode, list, CHARS] as const,
      );
      firstLast[mode].first.push(r.first);
      firstLast[mode].last.push(r.last);
    }
  }
  const base = { first: median(firstLast.replace.first), last: median(firstLast.replace.last) };
  console.log(`${list.length} chunks to ${CHARS.toLocaleString('en')} characters, ${REPS} repetitions; ms per update (median of means), ratio to replace`);
  for (const mode of MODES) {
    const f = median(firstLast[mode].first);
    const l = median(firstLast[mode].last);
    console.log(`  ${mode.padEnd(8)} first 10k ${f.toFixed(3)} ms (${(f / base.first).toFixed(2)})   last 10k ${l.toFixed(3)} ms (${(l / base.last).toFixed(2)})`);
  }
  const same = await page.evaluate((parts) => {
    const copy = (el: HTMLElement): string => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const sel = getSelection();
      if (!sel) return '';
      sel.removeAllRanges();
      sel.addRange(range);
      return sel.toString();
    };
    const byId = (id: string): HTMLElement => document.getElementById(id) as HTMLElement;
    const els = ['replace', 'append', 'blocks'].map(byId);
    // The code block: one text node against blocks streamed chunk by chunk.
    const Streamed = (globalThis as unknown as { StreamedText: new (el: HTMLElement, ws: string) => { show(text: string): void } }).StreamedText;
    const one = byId('code-one');
    const streamed = new Streamed(byId('code-blocks'), 'pre');
    let text = '';
    for (const c of parts) streamed.show((text += c));
    one.textContent = text;
    const code = [one, byId('code-blocks')];
    const boxes = code.map((e) => e.parentElement as HTMLElement);
    const eq = <T>(xs: T[]): boolean => xs.every((x) => x === xs[0]);
    return {
      text: eq(els.map((e) => e.textContent)) && eq(code.map((e) => e.textContent)),
      innerText: eq(els.map((e) => e.innerText)) && eq(code.map((e) => e.innerText)),
      size: eq(els.map((e) => e.scrollHeight)) && eq(boxes.map((e) => `${e.scrollWidth}x${e.scrollHeight}`)),
      copy: eq(els.map(copy)) && eq(code.map(copy)),
      blocks: els[2].children.length,
    };
  }, list);
  console.log(`same text ${same.text ? 'yes' : 'NO'}, same innerText ${same.innerText ? 'yes' : 'NO'}, same size ${same.size ? 'yes' : 'NO'}, copies the same ${same.copy ? 'yes' : 'NO'} (output box and code block; ${same.blocks} blocks)`);
  if (!same.text || !same.innerText || !same.size || !same.copy) process.exitCode = 1;
} finally {
  await profile.close();
}
