// The status line on what n-gram drafts did for the last answer.
import type { DraftFigures } from '../../contract/engine-api.ts';
import { m } from '../../paraglide/messages.js';

/** `f`: the last answer's figures, null when it was decoded without drafts (or none yet). */
export function draftsLine(f: DraftFigures | null, on: boolean): string {
  if (!f) return on ? m.drafts_none() : m.drafts_off();
  if (f.drafted === 0) return m.drafts_nothing({ generated: f.generated });
  const kept = Math.round((100 * f.accepted) / f.drafted);
  const speed = f.speedup === null ? '' : m.drafts_speed({ speedup: f.speedup.toFixed(1) });
  return `${m.drafts_last({ accepted: f.accepted, drafted: f.drafted, kept, generated: f.generated, forwards: f.forwards })}${speed}.`;
}
