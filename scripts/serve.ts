// A plain static server for the built app and for model files laid out like the Hub.
//   tsx scripts/serve.ts [--root dist] [--port 4173] [--base /] [--no-isolation]
//                        [--models e2e/.models] [--models-port 4174]
// The app gets the cross-origin-isolation headers (multi-threaded WASM); the model host gets CORS
// and logs every request at /__requests so tests can tell network loads from cache hits.
// Tests inject download faults over HTTP: POST /__faults {path, kind, count?, method?} (see
// faults.ts), POST /__faults?reset=1 clears them, GET /__faults lists them.
import { createReadStream, promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FaultTable, applyFault, parseFault } from './faults.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.onnx': 'application/octet-stream',
  '.onnx_data': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

async function sendFile(res: ServerResponse, file: string, headers: Record<string, string>, method: string): Promise<boolean> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    return false;
  }
  if (!stat.isFile()) return false;
  res.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(stat.size),
  });
  if (method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}

/** Resolve a URL path inside root, refusing anything that climbs out of it. */
function inside(root: string, urlPath: string): string | null {
  const decoded = decodeURIComponent(urlPath.split('?')[0]);
  const full = path.resolve(root, `.${decoded}`);
  return full === root || full.startsWith(root + path.sep) ? full : null;
}

export interface ServeOptions {
  root: string;
  /** Folders served after root, for paths root lacks: the bench's harness build beside the app. */
  extraRoots?: string[];
  port: number;
  base?: string;
  isolation?: boolean;
  models?: string;
  modelsPort?: number;
  /** HTML put first in every page's <head>: the cross-browser tests' instrumentation. */
  inject?: string;
}

async function sendPage(res: ServerResponse, file: string, headers: Record<string, string>, inject: string): Promise<boolean> {
  const html = await fs.readFile(file, 'utf8').catch(() => null);
  if (html === null) return false;
  const body = Buffer.from(html.replace(/<head>/i, (m) => m + inject));
  res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'], 'Content-Length': String(body.length) }).end(body);
  return true;
}

export async function serve(opts: ServeOptions): Promise<{ close: () => Promise<void> }> {
  const roots = [opts.root, ...(opts.extraRoots ?? [])].map((r) => path.resolve(r));
  const base = (opts.base ?? '/').replace(/\/?$/, '/');
  const appHeaders: Record<string, string> = opts.isolation === false
    ? {}
    : {
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      };
  const app = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = req.url ?? '/';
      if (!url.startsWith(base)) {
        res.writeHead(302, { Location: base }).end();
        return;
      }
      let rel = url.slice(base.length - 1).split('?')[0];
      if (rel.endsWith('/')) rel += 'index.html';
      const headers = { ...appHeaders, 'Cache-Control': rel.endsWith('.html') ? 'no-cache' : 'max-age=3600' };
      for (const dir of roots) {
        const file = inside(dir, rel);
        if (file && opts.inject && rel.endsWith('.html') && (await sendPage(res, file, headers, opts.inject))) return;
        if (file && (await sendFile(res, file, headers, req.method ?? 'GET'))) return;
      }
      res.writeHead(404, { ...appHeaders, 'Content-Type': 'text/plain' }).end('not found');
    })();
  });
  const servers = [app];
  const faults = new FaultTable();
  await new Promise<void>((r) => app.listen(opts.port, '127.0.0.1', r));

  if (opts.models) {
    const modelsRoot = path.resolve(opts.models);
    const log: { method: string; path: string; status: number; fault?: string }[] = [];
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': '*',
      'Access-Control-Expose-Headers': 'Content-Length, ETag',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    };
    const models = createServer((req, res) => {
      void (async () => {
        const url = req.url ?? '/';
        if (url.startsWith('/__requests')) {
          const body = JSON.stringify(log);
          if (url.includes('reset=1')) log.length = 0;
          res.writeHead(200, { ...cors, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(body);
          return;
        }
        if (url.startsWith('/__faults')) {
          await faultControl(req, res, faults, cors);
          return;
        }
        if (req.method === 'OPTIONS') {
          res.writeHead(204, cors).end();
          return;
        }
        const file = inside(modelsRoot, url);
        // Faults hit downloads, not transformers.js's `Range: bytes=0-0` size probes.
        const fault = file && !req.headers.range ? faults.take(req.method ?? 'GET', url) : null;
        if (fault && file) {
          log.push({ method: req.method ?? 'GET', path: url, status: fault.kind === '404' ? 404 : fault.kind === '500' ? 500 : 200, fault: fault.kind });
          await applyFault(fault.kind, req, res, file, { ...cors, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }, faults).catch(() => res.destroy());
          return;
        }
        const ok = file ? await sendFile(res, file, { ...cors, 'Cache-Control': 'no-cache' }, req.method ?? 'GET') : false;
        log.push({ method: req.method ?? 'GET', path: url, status: ok ? 200 : 404 });
        if (!ok) res.writeHead(404, { ...cors, 'Content-Type': 'text/plain' }).end('not found');
      })();
    });
    servers.push(models);
    await new Promise<void>((r) => models.listen(opts.modelsPort ?? opts.port + 1, '127.0.0.1', r));
  }
  return {
    close: () => {
      faults.reset();
      // Idle keep-alive connections too: a closed server must look like a lost network at once.
      return Promise.all(servers.map((s) => new Promise<void>((r) => { s.close(() => r()); s.closeAllConnections(); }))).then(() => undefined);
    },
  };
}

async function faultControl(req: IncomingMessage, res: ServerResponse, faults: FaultTable, cors: Record<string, string>): Promise<void> {
  const headers = { ...cors, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors).end();
    return;
  }
  if (req.method === 'POST') {
    if ((req.url ?? '').includes('reset=1')) faults.reset();
    let body = '';
    for await (const chunk of req) body += String(chunk);
    if (body.trim()) {
      const parsed = parseFault(body);
      if (typeof parsed === 'string') {
        res.writeHead(400, headers).end(JSON.stringify({ error: parsed }));
        return;
      }
      faults.add(parsed);
    }
  }
  res.writeHead(200, headers).end(JSON.stringify(faults.list()));
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: 'dist' },
      port: { type: 'string', default: '4173' },
      base: { type: 'string', default: '/' },
      'no-isolation': { type: 'boolean', default: false },
      models: { type: 'string' },
      'models-port': { type: 'string' },
    },
  });
  const port = Number(values.port);
  await serve({
    root: values.root,
    port,
    base: values.base,
    isolation: !values['no-isolation'],
    ...(values.models ? { models: values.models, modelsPort: Number(values['models-port'] ?? port + 1) } : {}),
  });
  console.log(`seekpad: http://127.0.0.1:${port}${values.base}`);
  if (values.models) console.log(`models:  http://127.0.0.1:${values['models-port'] ?? port + 1}/ (from ${values.models})`);
}
