// First paint stays light: the gzip size of what index.html loads before anything lazy (the
// entry chunk, its static imports and CSS) must stay under the budget. Monaco and
// transformers.js must not be in it (Monaco loads lazily; transformers.js lives in the worker).
//   tsx scripts/check-size.ts [dist] [--budget-kb 250]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

export interface SizeReport {
  file: string;
  bytes: number;
  gzip: number;
}

/** Script and stylesheet URLs index.html loads eagerly (module entry, modulepreloads, CSS). */
export function eagerAssets(html: string): string[] {
  const urls: string[] = [];
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) urls.push(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g)) urls.push(m[1]);
  return [...new Set(urls)];
}

/** Markers that only the lazy bundles contain; finding one in the entry means it leaked in. */
const HEAVY: Record<string, RegExp> = {
  // Strings of Monaco's own code (its editor API bundle), not the `.monaco-editor` class name
  // that page code may query.
  'monaco-editor': /monaco-tokenized-source|colorizeElement/,
  'transformers.js / onnxruntime': /onnxruntime-web|InferenceSession|PreTrainedTokenizer/,
};

export function measure(dist: string): { reports: SizeReport[]; leaks: string[] } {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const reports: SizeReport[] = [];
  const leaks: string[] = [];
  for (const url of eagerAssets(html)) {
    const file = path.join(dist, url.replace(/^\.?\//, ''));
    const buf = readFileSync(file);
    reports.push({ file: url, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
    if (url.endsWith('.js')) {
      const text = buf.toString('utf8');
      for (const [name, re] of Object.entries(HEAVY)) if (re.test(text)) leaks.push(`${name} in ${url}`);
    }
  }
  return { reports, leaks };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'budget-kb': { type: 'string', default: '250' } } });
  const dist = positionals[0] ?? 'dist';
  const budget = Number(values['budget-kb']) * 1024;
  const { reports, leaks } = measure(dist);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  for (const r of reports) console.log(`first paint: ${r.file}  ${kb(r.bytes)}  gzip ${kb(r.gzip)}`);
  const js = reports.filter((r) => r.file.endsWith('.js')).reduce((s, r) => s + r.gzip, 0);
  const css = reports.filter((r) => r.file.endsWith('.css')).reduce((s, r) => s + r.gzip, 0);
  console.log(`first paint total: JS gzip ${kb(js)}, CSS gzip ${kb(css)} (budget for JS ${kb(budget)})`);
  let failed = false;
  if (js > budget) {
    console.error(`The entry JS is ${kb(js)} gzip, over the ${kb(budget)} budget: load the new code lazily.`);
    failed = true;
  }
  for (const l of leaks) {
    console.error(`Heavy code in the entry chunk: ${l}. It must load lazily.`);
    failed = true;
  }
  process.exit(failed ? 1 : 0);
}
