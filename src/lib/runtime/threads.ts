// Why WASM runs on one thread here, if it does: one answer for the runtime panel and the notice.
import type { Capabilities } from '../../contract/engine-api.ts';
import type { Text } from '../i18n/text.ts';

export type OneThreadCause = 'not-isolated' | 'no-shared-memory';

export function oneThreadCause(caps: Capabilities | null): OneThreadCause | null {
  if (!caps || caps.runtime === 'node') return null;
  if (!caps.crossOriginIsolated) return 'not-isolated';
  return caps.sharedMemory ? null : 'no-shared-memory';
}

/** The cause in a few words, for the runtime panel's thread line. */
export const ONE_THREAD_WHY: Record<OneThreadCause, Text> = {
  'not-isolated': { key: 'threads_why_not_isolated' },
  'no-shared-memory': { key: 'threads_why_no_shared_memory' },
};
