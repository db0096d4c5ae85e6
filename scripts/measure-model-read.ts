// How fast a worker can read a cached model file into memory, by storage and read path:
// the Cache API (arrayBuffer, or streamed into one buffer as transformers.js reads it) against
// the origin private file system (a sync access handle, or File.arrayBuffer).
//   npx tsx scripts/measure-model-read.ts [model file under e2e/.models]   (2 rounds each)
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const file = process.argv[2] ?? 'seekpad/deepseek-coder-1.3b-random/resolve/main/onnx/model_quantized.onnx';
const WORKER = `
self.onmessage = async (e) => {
  const url = e.data, out = {}, t = () => performance.now();
  try {
    const cache = await caches.open('measure');
    if (!(await cache.match(url))) await cache.put(url, await fetch(url));
    const root = await navigator.storage.getDirectory();
    for (let round = 0; round < 2; round++) {
      let t0 = t(); let b = await (await cache.match(url)).arrayBuffer(); out['cache arrayBuffer ' + round] = t() - t0; b = null;
      t0 = t(); const res = await cache.match(url); const buf = new Uint8Array(+res.headers.get('content-length')); let off = 0;
      for (const rd = res.body.getReader(); ;) { const { done, value } = await rd.read(); if (done) break; buf.set(value, off); off += value.length; }
      out['cache stream ' + round] = t() - t0;
      if (round === 0) { const h = await (await root.getFileHandle('m', { create: true })).createSyncAccessHandle(); h.truncate(0); h.write(buf, { at: 0 }); h.flush(); h.close(); }
      const fh = await root.getFileHandle('m');
      t0 = t(); const h = await fh.createSyncAccessHandle(); h.read(new Uint8Array(h.getSize()), { at: 0 }); h.close(); out['opfs sync read ' + round] = t() - t0;
      t0 = t(); await (await fh.getFile()).arrayBuffer(); out['opfs File.arrayBuffer ' + round] = t() - t0;
      out.bytes = off;
    }
  } catch (err) { out.error = String(err); }
  postMessage(out);
};`;
const PAGE = `<!doctype html><script type="module">
const w = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(WORKER)}], { type: 'text/javascript' })));
w.onmessage = (e) => { window.result = e.data; };
w.postMessage(new URL('/m/${file}', location.href).href);
</script>`;

const server = http.createServer((req, res) => {
  if (req.url === '/') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
  const p = path.join('e2e/.models', decodeURIComponent(req.url!.replace(/^\/m\//, '')));
  if (!fs.existsSync(p)) return void res.writeHead(404).end();
  res.writeHead(200, { 'Content-Length': fs.statSync(p).size, 'Content-Type': 'application/octet-stream' });
  fs.createReadStream(p).pipe(res);
}).listen(4398);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'seekpad-read-'));
const ctx = await chromium.launchPersistentContext(profile, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await ctx.newPage();
  await page.goto('http://127.0.0.1:4398/');
  const result = await page.waitForFunction(() => (window as { result?: unknown }).result, null, { timeout: 600_000 });
  for (const [k, v] of Object.entries((await result.jsonValue()) as Record<string, number | string>)) console.log(`${k.padEnd(26)} ${typeof v === 'number' && k !== 'bytes' ? `${v.toFixed(0)} ms` : v}`);
} finally {
  await ctx.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
