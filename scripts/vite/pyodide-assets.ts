// Serves Pyodide from the app itself: in dev at any <folder>/pyodide/ straight from node_modules,
// and in the build as files copied to <outDir>/pyodide/. Nothing is bundled or fetched from a CDN;
// the sandbox worker finds the folder relative to its own URL (workers/sandbox/sandbox.worker.ts).
import { createReadStream, promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

/** What loadPyodide() fetches to start (no packages: the lock file only names them). */
export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'] as const;

export const PYODIDE_DIR = 'pyodide';

const TYPES: Record<string, string> = {
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json; charset=utf-8',
};

export function pyodideRoot(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('pyodide/package.json'));
}

export function pyodideAssets(): Plugin {
  let config: ResolvedConfig;
  const root = pyodideRoot();
  return {
    name: 'seekpad:pyodide-assets',
    configResolved(c) {
      config = c;
    },
    configureServer(server) {
      // In dev the worker runs from /workers/sandbox/, so its ../pyodide/ is /workers/pyodide/.
      const marker = `/${PYODIDE_DIR}/`;
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        const at = url.lastIndexOf(marker);
        if (at < 0) return next();
        const name = url.slice(at + marker.length);
        if (!(PYODIDE_FILES as readonly string[]).includes(name)) return next();
        res.setHeader('Content-Type', TYPES[path.extname(name)] ?? 'application/octet-stream');
        res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
        createReadStream(path.join(root, name)).on('error', next).pipe(res);
      });
    },
    async writeBundle(options) {
      const outDir = options.dir ?? path.resolve(config.root, config.build.outDir);
      const dest = path.join(outDir, PYODIDE_DIR);
      await fs.mkdir(dest, { recursive: true });
      await Promise.all(PYODIDE_FILES.map((f) => fs.copyFile(path.join(root, f), path.join(dest, f))));
    },
  };
}
