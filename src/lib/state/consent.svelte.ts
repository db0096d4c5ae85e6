// Asking before the first download from a model host that is not the Hub: a link can name any
// host, and a download from it is a request the user did not make. Approvals are remembered.
import { isHubHost } from '../share/state.ts';

const KEY = 'seekpad.hosts.v1';

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

export class HostConsent {
  /** The host being asked about, while the dialog is open. */
  pending = $state<string | null>(null);
  declined = $state<string | null>(null);
  private resolve: ((ok: boolean) => void) | null = null;
  // Read only inside allow(), never rendered: no reactivity needed.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly approved = new Set<string>();

  constructor(
    private readonly storage: Storage | null,
    preapproved: (string | undefined)[] = [],
  ) {
    try {
      const saved: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
      if (Array.isArray(saved)) for (const o of saved) if (typeof o === 'string') this.approved.add(o);
    } catch {
      /* unreadable list: ask again */
    }
    for (const h of preapproved) {
      const o = h ? originOf(h) : null;
      if (o) this.approved.add(o);
    }
  }

  /** A host other than the Hub that the user approved (or the URL's own local mirror). */
  approvedMirror(host: string | undefined): boolean {
    const origin = originOf(host ?? '');
    return !isHubHost(host) && origin !== null && this.approved.has(origin);
  }

  /** Resolves true when downloads from `host` may go ahead, asking first if needed. */
  allow(host: string | undefined): Promise<boolean> {
    if (isHubHost(host)) return Promise.resolve(true);
    const origin = originOf(host ?? '');
    if (!origin) return Promise.resolve(false);
    if (this.approved.has(origin)) return Promise.resolve(true);
    this.resolve?.(false);
    this.pending = origin;
    this.declined = null;
    return new Promise((resolve) => (this.resolve = resolve));
  }

  answer(ok: boolean): void {
    const origin = this.pending;
    if (!origin) return;
    if (ok) {
      this.approved.add(origin);
      try {
        this.storage?.setItem(KEY, JSON.stringify([...this.approved]));
      } catch {
        /* remembered for this page only */
      }
    } else {
      this.declined = origin;
    }
    this.pending = null;
    this.resolve?.(ok);
    this.resolve = null;
  }
}
