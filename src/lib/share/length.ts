// How long a share link may get before it stops travelling well. The hash is never sent to a
// server, so server URL limits do not apply; what breaks are the places people paste links.
import { MAX_HASH_CHARS } from './codec.ts';
import type { Text } from '../i18n/text.ts';

/** Chat apps, link shorteners, e-mail clients and some QR tools cut or refuse longer links. */
export const LINK_WARN_CHARS = 2_000;
/** Chrome shows and edits at most 32 KiB of a URL in the address bar; many apps cut far earlier. */
export const LINK_STRONG_CHARS = 32_000;

export type LinkWarning = { level: 'warn' | 'strong' | 'refuse'; text: Text } | null;

export function linkWarning(length: number): LinkWarning {
  if (length > MAX_HASH_CHARS) {
    return { level: 'refuse', text: { key: 'share_refuse', params: { max: { grouped: MAX_HASH_CHARS } } } };
  }
  if (length > LINK_STRONG_CHARS) {
    return { level: 'strong', text: { key: 'share_strong', params: { max: { grouped: LINK_STRONG_CHARS } } } };
  }
  if (length > LINK_WARN_CHARS) {
    return { level: 'warn', text: { key: 'share_warn', params: { max: { grouped: LINK_WARN_CHARS } } } };
  }
  return null;
}
