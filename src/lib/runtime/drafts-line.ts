// The status line on what n-gram drafts did for the last answer.
import type { DraftFigures } from '../../contract/engine-api.ts';

/** `f`: the last answer's figures, null when it was decoded without drafts (or none yet). */
export function draftsLine(f: DraftFigures | null, on: boolean): string {
  if (!f) return on ? 'No answer decoded with drafts yet (sampling decodes without them).' : 'Off: answers decode one token per pass.';
  if (f.drafted === 0) return `Last answer: ${f.generated} tokens, nothing to draft from the text (one token per pass).`;
  const kept = Math.round((100 * f.accepted) / f.drafted);
  const speed = f.speedup === null ? '' : ` · ~${f.speedup.toFixed(1)}× the speed of one token per pass`;
  return `Last answer: ${f.accepted} of ${f.drafted} drafted tokens kept (${kept}%) · ${f.generated} tokens in ${f.forwards} passes${speed}.`;
}
