// Ghost text on a FIM-trained model: when the loaded model is tuned for chat (the catalog's
// default instruct model), offer its base model. Where the device's memory allows, the base model
// loads beside it in a worker of its own and serves completions while the instruct model chats;
// elsewhere it replaces the loaded model.
import { toSpec, type ModelChoice } from '../models/catalog.ts';
import { fimPartner, type FimPartner } from '../models/fim-partner.ts';
import type { EngineState } from './engine.svelte.ts';
import type { Text } from '../i18n/text.ts';

/** Two 1.3B models (about 2.5 GB of weights on WASM) want at least this much device memory. */
const SIDE_BY_SIDE_GB = 8;

export function sideBySideFits(nav: { deviceMemory?: number } = (globalThis.navigator ?? {}) as { deviceMemory?: number }): boolean {
  // navigator.deviceMemory is Chromium's, rounded down and capped at 8; unknown elsewhere.
  return (nav.deviceMemory ?? SIDE_BY_SIDE_GB) >= SIDE_BY_SIDE_GB;
}

export class CompletionModel {
  side = $state.raw<EngineState | null>(null);
  /** The label of the model the side engine holds or loads. */
  label = $state.raw<Text | null>(null);

  constructor(
    private readonly makeEngine: () => EngineState,
    /** The main engine's loaded model, null before any load. */
    private readonly loaded: () => ModelChoice | null,
    private readonly fits: () => boolean = sideBySideFits,
  ) {}

  /** The base model to offer: the loaded model is not FIM-trained and none serves completions yet. */
  get offer(): (FimPartner & { sideBySide: boolean }) | null {
    const choice = this.loaded();
    const busy = this.side && (this.side.phase === 'ready' || this.side.phase === 'loading');
    if (!choice || busy) return null;
    const partner = fimPartner(choice);
    return partner ? { ...partner, sideBySide: this.fits() } : null;
  }

  /** Loads the offered model beside the main one, or hands it to `replace` when both do not fit. */
  async accept(replace: (choice: ModelChoice) => void): Promise<void> {
    const offer = this.offer;
    if (!offer) return;
    if (!offer.sideBySide) {
      replace(offer.choice);
      return;
    }
    this.side ??= this.makeEngine();
    this.label = offer.label;
    await this.side.load(toSpec(offer.choice));
  }

  /** A new main model: the side model stays only while it still has a chat model to serve. */
  mainChanged(): void {
    const choice = this.loaded();
    if (this.side && choice && !fimPartner(choice)) void this.drop();
  }

  async drop(): Promise<void> {
    const side = this.side;
    this.side = null;
    this.label = null;
    await side?.dispose();
  }
}
