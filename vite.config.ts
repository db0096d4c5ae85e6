import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { offline } from './scripts/vite/offline.ts';
import { pyodideAssets } from './scripts/vite/pyodide-assets.ts';

// Multi-threaded WASM needs cross-origin isolation, worker scripts included.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative asset URLs: dist/ works under any subpath of any static host.
  base: './',
  plugins: [svelte(), offline(), pyodideAssets()],
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
  },
  optimizeDeps: { exclude: ['@huggingface/transformers', 'onnxruntime-web'] },
});
