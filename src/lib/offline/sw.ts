// The service worker, built into dist/sw.js by scripts/vite/offline.ts (which defines the two
// constants below and strips the module marker). It keeps the app shell for offline use and adds
// the cross-origin-isolation headers to what it serves, so multi-threaded WASM works on static
// hosts that cannot set headers. Model files are not touched: transformers.js caches them itself,
// and they come from other origins, which this worker never intercepts.

declare const __PRECACHE__: string[];
declare const __VERSION__: string;

interface ExtendableEventLike extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface ServiceWorkerScope {
  registration: { scope: string };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEventLike) => void): void;
}

const sw = self as unknown as ServiceWorkerScope;
const SHELL = `seekpad-shell-${__VERSION__}`;
// Same-origin files fetched on demand (Pyodide, the bench page): kept until the next version.
const RUNTIME = `seekpad-runtime-${__VERSION__}`;
const OWN = /^seekpad-(shell|runtime)-/;
const INDEX = new URL('index.html', sw.registration.scope).href;

/**
 * COOP/COEP on everything served: a static host without headers still gets isolation. A response
 * that has them already is passed through untouched (a rebuilt one loses V8's code cache).
 */
function isolate(res: Response): Response {
  if (res.type === 'opaque' || res.type === 'opaqueredirect' || res.status === 0) return res;
  if (res.headers.has('Cross-Origin-Embedder-Policy') && res.headers.has('Cross-Origin-Opener-Policy')) return res;
  const headers = new Headers(res.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  if (!headers.has('Cross-Origin-Resource-Policy')) headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

async function precache(): Promise<void> {
  const cache = await caches.open(SHELL);
  // Stored with the isolation headers, so cache hits are served as stored. index.html
  // revalidates; hashed assets may come from the HTTP cache the page just filled.
  await Promise.all(
    __PRECACHE__.map(async (u) => {
      const request = new Request(new URL(u, sw.registration.scope), { cache: u.endsWith('.html') ? 'no-cache' : 'default' });
      const res = await fetch(request);
      if (!res.ok) throw new Error(`precache: ${u} answered ${res.status}`);
      await cache.put(request, isolate(res));
    }),
  );
}

async function cleanup(): Promise<void> {
  for (const name of await caches.keys()) if (OWN.test(name) && name !== SHELL && name !== RUNTIME) await caches.delete(name);
}

/** Pages: the network first, so a new deploy shows; the cached shell when it is unreachable. */
async function navigate(request: Request): Promise<Response> {
  try {
    const res = await fetch(request);
    const out = isolate(res);
    if (res.ok && new URL(request.url).pathname === new URL(INDEX).pathname.replace(/index\.html$/, '')) {
      await (await caches.open(SHELL)).put(INDEX, out.clone());
    }
    return out;
  } catch (err) {
    const cached = (await caches.match(request, { ignoreSearch: true })) ?? (await caches.match(INDEX));
    if (cached) return cached;
    throw err;
  }
}

/** Everything else in scope has a hashed or versioned name: the cache first. */
async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const out = isolate(await fetch(request));
  if (out.status === 200) await (await caches.open(RUNTIME)).put(request, out.clone());
  return out;
}

sw.addEventListener('install', (e) => {
  e.waitUntil(precache().then(() => sw.skipWaiting()));
});

// No clients.claim(): in Firefox it never settles while any worker of the page sits in an endless
// Atomics.wait (ONNX Runtime's idle threads), and a worker stuck activating holds every fetch
// of the pages it controls. Pages come under this worker at their next load instead.
sw.addEventListener('activate', (e) => {
  e.waitUntil(cleanup());
});

sw.addEventListener('fetch', (e) => {
  const request = e.request;
  // Only this app's own files; model hosts and other origins go straight to the network.
  if (request.method !== 'GET' || !request.url.startsWith(sw.registration.scope)) return;
  if (request.headers.has('range')) return;
  e.respondWith(request.mode === 'navigate' ? navigate(request) : asset(request));
});

export {};
