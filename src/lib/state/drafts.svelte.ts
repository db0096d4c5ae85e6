// Speculative decoding from n-gram drafts: the user's switch (kept in localStorage) and what the
// drafts did for the last answer. On by default: greedy text is the same, only sooner.
import type { DraftFigures } from '../../contract/engine-api.ts';

export const DRAFTS_KEY = 'seekpad.drafts.v1';

export class DraftsPref {
  on = $state(true);
  /** The last chat or output-panel answer's figures (completions leave it alone). */
  last = $state.raw<DraftFigures | null>(null);

  constructor(private readonly storage: Storage | null) {
    try {
      this.on = storage?.getItem(DRAFTS_KEY) !== 'off';
    } catch {
      /* unreadable storage: the default */
    }
  }

  set(on: boolean): void {
    this.on = on;
    try {
      this.storage?.setItem(DRAFTS_KEY, on ? 'on' : 'off');
    } catch {
      /* the switch still works for this visit */
    }
  }
}
