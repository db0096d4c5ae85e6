// The status line on what n-gram drafts did for the last answer.
import type { DraftFigures } from '../../contract/engine-api.ts';
import type { Text } from '../i18n/text.ts';

/** `f`: the last answer's figures, null when it was decoded without drafts (or none yet). */
export function draftsLine(f: DraftFigures | null, on: boolean): Text {
  if (!f) return { key: on ? 'drafts_none' : 'drafts_off' };
  if (f.drafted === 0) return { key: 'drafts_nothing', params: { generated: f.generated } };
  const kept = Math.round((100 * f.accepted) / f.drafted);
  const last: Text = { key: 'drafts_last', params: { accepted: f.accepted, drafted: f.drafted, kept, generated: f.generated, forwards: f.forwards } };
  const speed = f.speedup === null ? '' : ({ key: 'drafts_speed', params: { speedup: f.speedup.toFixed(1) } } satisfies Text);
  return { key: 'drafts_summary', params: { last, speed } };
}
