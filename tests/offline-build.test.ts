import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eagerAssets } from '../scripts/check-size.ts';
import { precacheList, renderServiceWorker, versionOf } from '../scripts/vite/offline.ts';

const REPO = fileURLToPath(new URL('..', import.meta.url));
// Strings only the bench's harness page and workers hold (scripts/bench/page), minified or not.
const BENCH_MARKERS = ['seekpadBench', 'seekpad-bench-', 'this harness has no FIM'];

// What `npm run build` writes to dist/, built afresh into a temporary folder: a stale dist/ proves
// nothing, and the unit tests run before the suite's own build.
describe('the app build', () => {
  let out = '';
  let files: string[] = [];
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'seekpad-app-build-'));
    await build({ root: REPO, configFile: path.join(REPO, 'vite.config.ts'), logLevel: 'silent', build: { outDir: out, emptyOutDir: true } });
    files = readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(out, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  }, 300_000);
  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('holds no bench page and no bench assets (vite.bench.config.ts builds those)', () => {
    expect(files).toContain('index.html');
    expect(files.filter((f) => f.endsWith('.html'))).toEqual(['index.html']);
    expect(files.filter((f) => /(^|\/)(bench|bare\.worker)\b/.test(f))).toEqual([]);
    const js = files.filter((f) => /\.m?js$/.test(f) && !f.startsWith('pyodide/'));
    const benchCode = js.filter((f) => {
      const text = readFileSync(path.join(out, f), 'utf8');
      return BENCH_MARKERS.some((m) => text.includes(m));
    });
    expect(benchCode).toEqual([]);
  });
});

describe('service worker build', () => {
  it('precaches the app shell, not Pyodide, the evaluation sets or legacy font formats', () => {
    const list = precacheList([
      'index.html',
      'assets/main-abc.js',
      'assets/ort-wasm-simd-threaded.asyncify-x.wasm',
      'assets/KaTeX_Main-Regular-a.woff2',
      'assets/KaTeX_Main-Regular-b.woff',
      'assets/KaTeX_Main-Regular-c.ttf',
      'assets/main-abc.js.map',
      'pyodide/pyodide.asm.wasm',
      'assets/HumanEval-x.jsonl.gz',
      'assets/gsm8k-test-y.jsonl',
      'manifest.webmanifest',
      'sw.js',
    ]);
    expect(list).toEqual([
      'assets/KaTeX_Main-Regular-a.woff2',
      'assets/main-abc.js',
      'assets/ort-wasm-simd-threaded.asyncify-x.wasm',
      'index.html',
      'manifest.webmanifest',
    ]);
  });

  it('the version changes with any file name or index.html', () => {
    const v = versionOf(['a.js'], '<html>');
    expect(versionOf(['b.js'], '<html>')).not.toBe(v);
    expect(versionOf(['a.js'], '<html> ')).not.toBe(v);
  });

  it('renders a classic script with the list and version filled in', async () => {
    const js = await renderServiceWorker(['index.html'], 'v1');
    expect(js).toContain('const __PRECACHE__ = ["index.html"];');
    expect(js).toContain('const __VERSION__ = "v1";');
    expect(js).not.toMatch(/^\s*(export|import)\b/m);
    // Type annotations are gone: it parses as plain JavaScript.
    expect(() => new Function(js)).not.toThrow();
  });
});

describe('first-paint size check', () => {
  it('finds the entry script, module preloads and stylesheets in index.html', () => {
    const html = `<script type="module" crossorigin src="./assets/main-1.js"></script>
      <link rel="modulepreload" crossorigin href="./assets/dep-2.js">
      <link rel="stylesheet" crossorigin href="./assets/main-3.css">
      <link rel="icon" href="./favicon.svg">`;
    expect(eagerAssets(html)).toEqual(['./assets/main-1.js', './assets/dep-2.js', './assets/main-3.css']);
  });
});
