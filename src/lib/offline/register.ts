// Registers the service worker (dist/sw.js, next to index.html, so any subpath works) and, when
// the host sent no isolation headers, reloads once so the worker's headers make the page
// cross-origin isolated. A session flag stops a second reload: no loops.

export type OfflineStatus = 'unsupported' | 'installing' | 'ready' | 'error';

export interface OfflineResult {
  status: OfflineStatus;
  message: string;
}

export interface OfflineDeps {
  serviceWorker: ServiceWorkerContainer | undefined;
  isolated: boolean;
  secure: boolean;
  session: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  reload: () => void;
  /** False while a reload would lose work (a model download); the user is told to reload instead. */
  canReload?: () => boolean;
  /** How long to wait for the new worker to take control of the page. */
  claimTimeoutMs?: number;
}

export const RELOAD_FLAG = 'seekpad:isolation-reload';

function controlled(sw: ServiceWorkerContainer, timeoutMs: number): Promise<boolean> {
  if (sw.controller) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(Boolean(sw.controller)), timeoutMs);
    sw.addEventListener('controllerchange', () => {
      clearTimeout(timer);
      resolve(true);
    }, { once: true });
  });
}

export async function registerOffline(deps: OfflineDeps, scriptUrl = './sw.js'): Promise<OfflineResult> {
  const sw = deps.serviceWorker;
  if (!sw || !deps.secure) {
    return { status: 'unsupported', message: 'Offline use needs service workers (https or localhost).' };
  }
  try {
    await sw.register(scriptUrl, { scope: './' });
    await sw.ready;
  } catch (err) {
    return { status: 'error', message: `The offline worker failed to install: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (deps.isolated) {
    deps.session.removeItem(RELOAD_FLAG);
  } else if (deps.session.getItem(RELOAD_FLAG) === null && (await controlled(sw, deps.claimTimeoutMs ?? 5000))) {
    if (deps.canReload && !deps.canReload()) {
      return { status: 'ready', message: 'The app works offline. Reload the page to run WASM on all cores (cross-origin isolation).' };
    }
    deps.session.setItem(RELOAD_FLAG, '1');
    deps.reload();
    return { status: 'installing', message: 'Reloading once so that the page runs cross-origin isolated.' };
  }
  return { status: 'ready', message: 'The app works offline: its files are stored in this browser.' };
}
