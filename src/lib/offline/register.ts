// Registers the service worker (dist/sw.js, next to index.html, so any subpath works) and, when
// the host sent no isolation headers, reloads once so the worker's headers make the page
// cross-origin isolated. A session flag stops a second reload: no loops.
import { thrownText, type Text } from '../i18n/text.ts';

export type OfflineStatus = 'unsupported' | 'installing' | 'ready' | 'error';

export interface OfflineResult {
  status: OfflineStatus;
  message: Text;
}

export interface OfflineDeps {
  serviceWorker: ServiceWorkerContainer | undefined;
  isolated: boolean;
  secure: boolean;
  session: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  reload: () => void;
  /** False while a reload would lose work (a model download); the user is told to reload instead. */
  canReload?: () => boolean;
  /** How long to wait for the new worker to become active. */
  activeTimeoutMs?: number;
}

export const RELOAD_FLAG = 'seekpad:isolation-reload';

/** How long to wait for the new worker to become active before giving up on the reload. */
const ACTIVE_TIMEOUT_MS = 10_000;

/** The registration has an active worker, so a reload is served (and isolated) by it. */
function active(sw: ServiceWorkerContainer, timeoutMs: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), timeoutMs)));
  return Promise.race([sw.ready.then(() => true), late]).finally(() => clearTimeout(timer));
}

export async function registerOffline(deps: OfflineDeps, scriptUrl = './sw.js'): Promise<OfflineResult> {
  const sw = deps.serviceWorker;
  if (!sw || !deps.secure) {
    return { status: 'unsupported', message: { key: 'offline_unsupported' } };
  }
  try {
    await sw.register(scriptUrl, { scope: './' });
  } catch (err) {
    return { status: 'error', message: { key: 'offline_failed', params: { error: thrownText(err) } } };
  }
  // The worker never claims this page (see sw.ts): the reload is what puts the page under it.
  if (!(await active(sw, deps.activeTimeoutMs ?? ACTIVE_TIMEOUT_MS))) {
    return { status: 'installing', message: { key: 'offline_installing' } };
  }
  if (deps.isolated) {
    deps.session.removeItem(RELOAD_FLAG);
  } else if (deps.session.getItem(RELOAD_FLAG) === null) {
    if (deps.canReload && !deps.canReload()) {
      return { status: 'ready', message: { key: 'offline_reload_for_threads' } };
    }
    deps.session.setItem(RELOAD_FLAG, '1');
    deps.reload();
    return { status: 'installing', message: { key: 'offline_reloading' } };
  }
  return { status: 'ready', message: { key: 'offline_ready' } };
}
