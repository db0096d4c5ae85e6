// The page's start and its Load button: what the address asks for (read once), what a restored
// link keeps, consent before a foreign model host, and the load itself. App.svelte wires it up.
import { familyOfChoice, findEntry, toSpec, type ModelChoice } from '../models/catalog.ts';
import type { QueryResult } from '../models/query.ts';
import type { ModelSpec } from '../../contract/engine-api.ts';
import type { CompletionModel } from './completion-model.svelte.ts';
import type { HostConsent } from './consent.svelte.ts';
import type { EngineState } from './engine.svelte.ts';
import type { ShareSession } from './share.svelte.ts';
import type { Workspace } from './workspace.svelte.ts';
import type { ServerReach } from './server-reach.ts';

export interface StartupParts {
  query: QueryResult;
  engine: Pick<EngineState, 'phase' | 'plan' | 'load' | 'planFor' | 'probe'>;
  workspace: Workspace;
  consent: Pick<HostConsent, 'allow' | 'approvedMirror'>;
  session: Pick<ShareSession, 'boot'>;
  completionModel: Pick<CompletionModel, 'mainChanged'>;
  reach: Pick<ServerReach, 'reloadFor' | 'resumed'>;
}

export class Startup {
  /** The model loaded last, for the offer of a FIM-trained partner. */
  loadedChoice = $state.raw<ModelChoice | null>(null);

  /** The plan's download size from the catalog, when the catalog knows this model and dtype. */
  readonly catalogBytes = $derived.by(() => {
    const plan = this.p.engine.plan;
    const mb = plan ? findEntry(this.p.workspace.choice.model)?.sizesMB[plan.choice.convertFrom ?? plan.choice.dtype] : undefined;
    return mb ? mb * 1e6 : null;
  });

  /** The plan describes the picker's choice unless that model is the one already running. */
  readonly showPlan = $derived.by(() => {
    const { engine, workspace } = this.p;
    return engine.plan !== null && engine.phase !== 'loading' && !(engine.phase === 'ready' && this.loadedChoice?.model === workspace.choice.model);
  });

  /** The engine's device probe: the offline cache's install waits for it. */
  probed: Promise<void> = Promise.resolve();

  constructor(private readonly p: StartupParts) {}

  /** Probes the device, restores a link or the autosave, then loads when the address says `autoload`. */
  async boot(): Promise<void> {
    this.probed = this.p.engine.probe();
    await this.p.session.boot((restored) => {
      if (restored && this.p.query.namesModel) this.p.workspace.choice = { ...this.p.query.choice };
    });
    if (this.p.query.autoload || this.p.reach.resumed === 'load') await this.load();
  }

  /** The spec Load would use for the picker's choice, with the address's load options. */
  spec(choice: ModelChoice = this.p.workspace.choice): ModelSpec {
    const q = this.p.query;
    return { ...toSpec(choice), ...(q.stallTimeoutMs ? { stallTimeoutMs: q.stallTimeoutMs } : {}), ...(q.convert === false ? { convert: false } : {}) };
  }

  /**
   * Before Load: what it would choose and download here. Only a mirror the user approved (or the
   * address's own local one) is asked for its files; otherwise the cache and the catalog answer,
   * so nothing leaves the page unasked (not even to the Hub).
   */
  plan(choice: ModelChoice = { ...this.p.workspace.choice }): Promise<void> {
    return this.p.engine.planFor(this.spec(choice), this.p.consent.approvedMirror(choice.host));
  }

  /** Load: asks before a host other than the Hub, then switches the prompt format and loads. */
  async load(): Promise<boolean> {
    const choice = { ...this.p.workspace.choice };
    // A link's server is asked about before anything is sent to it, as a foreign model host is.
    if (!(await (choice.endpoint ? this.p.consent.allow(choice.endpoint, 'server') : this.p.consent.allow(choice.host)))) return false;
    if (choice.endpoint && this.p.reach.reloadFor(choice.endpoint, 'load')) return false;
    this.p.workspace.loadedFamily = familyOfChoice(choice);
    this.p.workspace.modelLoaded = true;
    this.loadedChoice = choice;
    this.p.completionModel.mainChanged();
    void this.p.engine.load(this.spec(choice));
    return true;
  }

  /** Both models do not fit: the FIM-trained one replaces the loaded one. */
  replaceModel(choice: ModelChoice): Promise<boolean> {
    this.p.workspace.choice = { ...choice };
    return this.load();
  }
}
