// How long a share link may get before it stops travelling well. The hash is never sent to a
// server, so server URL limits do not apply; what breaks are the places people paste links.
import { MAX_HASH_CHARS } from './codec.ts';

/** Chat apps, link shorteners, e-mail clients and some QR tools cut or refuse longer links. */
export const LINK_WARN_CHARS = 2_000;
/** Chrome shows and edits at most 32 KiB of a URL in the address bar; many apps cut far earlier. */
export const LINK_STRONG_CHARS = 32_000;

export type LinkWarning = { level: 'warn' | 'strong' | 'refuse'; text: string } | null;

export function linkWarning(length: number): LinkWarning {
  if (length > MAX_HASH_CHARS) {
    return { level: 'refuse', text: `Too large to share as a link (over ${MAX_HASH_CHARS.toLocaleString('en')} characters): share the files another way.` };
  }
  if (length > LINK_STRONG_CHARS) {
    return { level: 'strong', text: `Very long link: past ${LINK_STRONG_CHARS.toLocaleString('en')} characters, address bars and most apps cut it. Share fewer or smaller files.` };
  }
  if (length > LINK_WARN_CHARS) {
    return { level: 'warn', text: `Long link: past ${LINK_WARN_CHARS.toLocaleString('en')} characters, some chat apps and link shorteners cut it.` };
  }
  return null;
}
