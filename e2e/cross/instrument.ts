// Put first in every page the cross-browser suite serves: it records the page's workers (so a
// test can kill the engine's, as an out-of-memory kill would) and uncaught errors. Classic
// WebDriver has no init scripts, so the test server injects this one.
export const INSTRUMENT = `<script>(() => {
  const cross = (window.__cross = { workers: [], errors: [] });
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, opts) { super(url, opts); cross.workers.push({ name: (opts && opts.name) || '', worker: this }); }
  };
  addEventListener('error', (e) => cross.errors.push(String(e.message)));
  const said = (r) => (r && r.message ? r.message + (r.stack ? ' @ ' + String(r.stack).split(String.fromCharCode(10)).slice(0, 3).join(' | ') : '') : String(r));
  // What the app marks as handled (preventDefault) is not reported by the browser either.
  addEventListener('unhandledrejection', (e) => setTimeout(() => e.defaultPrevented || cross.errors.push(said(e.reason))));
})();</script>`;

export interface CrossGlobals {
  __cross: { workers: { name: string; worker: Worker }[]; errors: string[] };
}
