import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The bench's harness page (bench/index.html: bare transformers.js and the app's Engine, each in a
// worker), built apart from the app so that dist/ ships only the app. Output: dist-bench/bench/
// and dist-bench/assets/, the paths they had inside dist/; `npm run bench` serves dist-bench/
// behind dist/ on one origin, so the ORT files keep the app's URLs (same content, same hash).
export default defineConfig({
  base: './',
  // The app's public files (icons, manifest) belong to dist/ only.
  publicDir: false,
  worker: { format: 'es' },
  build: {
    outDir: 'dist-bench',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      input: { bench: fileURLToPath(new URL('bench/index.html', import.meta.url)) },
    },
  },
});
