// Asking before the first download from a model host that is not the Hub: a link can name any
// host, and a download from it is a request the user did not make. Approvals are remembered.
import { isHubHost } from '../share/state.ts';

const KEY = 'seekpad.hosts.v1';
/** Read by public/csp.js before the page loads: keep the two in step (csp.test.ts checks). */
export const SERVERS_KEY = 'seekpad.servers.v1';

function originOf(host: string): string | null {
  try {
    return new URL(host).origin;
  } catch {
    return null;
  }
}

/** A model host on this machine (a local mirror, the tests' fixture server). */
export function isLoopbackHost(host: string | undefined): boolean {
  try {
    // Read once, never stored: no reactivity needed.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const name = new URL(host ?? '').hostname;
    return name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name);
  } catch {
    return false;
  }
}

type Kind = 'host' | 'server';

function readList(storage: Storage | null, key: string): string[] {
  try {
    const saved: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
    return Array.isArray(saved) ? saved.filter((o): o is string => typeof o === 'string') : [];
  } catch {
    return []; // unreadable list: ask again
  }
}

export class HostConsent {
  /** The host being asked about, while the dialog is open. */
  pending = $state<string | null>(null);
  declined = $state<string | null>(null);
  /** What the pending host is for: model downloads, or a model server that gets the prompts. */
  kind = $state<Kind>('host');
  private resolve: ((ok: boolean) => void) | null = null;
  // Read only inside allow(), never rendered: no reactivity needed. Servers apart: public/csp.js
  // lets the page reach those, and only those.
  private readonly approved: Record<Kind, Set<string>>;

  constructor(
    private readonly storage: Storage | null,
    preapproved: (string | undefined)[] = [],
  ) {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.approved = { host: new Set(readList(storage, KEY)), server: new Set(readList(storage, SERVERS_KEY)) };
    for (const h of preapproved) {
      const o = h ? originOf(h) : null;
      if (o) this.approved.host.add(o);
    }
  }

  /** A host other than the Hub that the user approved (or the URL's own local mirror). */
  approvedMirror(host: string | undefined): boolean {
    const origin = originOf(host ?? '');
    return !isHubHost(host) && origin !== null && this.approved.host.has(origin);
  }

  /** The user typed this server's address themselves: no need to ask about it. */
  approveServer(url: string): void {
    const origin = originOf(url);
    if (origin) this.remember(origin, 'server');
  }

  /** Resolves true when downloads from `host` (or requests to a server) may go ahead, asking first if needed. */
  allow(host: string | undefined, kind: Kind = 'host'): Promise<boolean> {
    if (kind === 'host' && isHubHost(host)) return Promise.resolve(true);
    const origin = originOf(host ?? '');
    if (!origin) return Promise.resolve(false);
    if (this.approved[kind].has(origin)) return Promise.resolve(true);
    this.resolve?.(false);
    this.kind = kind;
    this.pending = origin;
    this.declined = null;
    return new Promise((resolve) => (this.resolve = resolve));
  }

  answer(ok: boolean): void {
    const origin = this.pending;
    if (!origin) return;
    if (ok) this.remember(origin, this.kind);
    else this.declined = origin;
    this.pending = null;
    this.resolve?.(ok);
    this.resolve = null;
  }

  private remember(origin: string, kind: Kind): void {
    this.approved[kind].add(origin);
    try {
      this.storage?.setItem(kind === 'server' ? SERVERS_KEY : KEY, JSON.stringify([...this.approved[kind]]));
    } catch {
      /* remembered for this page only */
    }
  }
}
