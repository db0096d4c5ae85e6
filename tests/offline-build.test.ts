import { describe, expect, it } from 'vitest';
import { eagerAssets } from '../scripts/check-size.ts';
import { precacheList, renderServiceWorker, versionOf } from '../scripts/vite/offline.ts';

describe('service worker build', () => {
  it('precaches the app shell, not the bench page, Pyodide or legacy font formats', () => {
    const list = precacheList([
      'index.html',
      'assets/main-abc.js',
      'assets/ort-wasm-simd-threaded.asyncify-x.wasm',
      'assets/KaTeX_Main-Regular-a.woff2',
      'assets/KaTeX_Main-Regular-b.woff',
      'assets/KaTeX_Main-Regular-c.ttf',
      'assets/main-abc.js.map',
      'assets/bench-1.js',
      'bench/index.html',
      'pyodide/pyodide.asm.wasm',
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
