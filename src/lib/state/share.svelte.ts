// Share links and autosave, wired to the page: restore at start, apply links (on load and on
// hashchange) without losing the user's work, keep the URL and the autosave in step with edits.
import { AUTOSAVE_KEY, YOUR_WORK_KEY, forget, load, save } from '../persist/autosave.ts';
import { decode, encode, hasLink, MAX_HASH_CHARS } from '../share/codec.ts';
import { defaultShareState, type ShareState } from '../share/state.ts';
import { fingerprint } from '../share/wire.ts';
import type { Workspace } from './workspace.svelte.ts';
import type { Text } from '../i18n/text.ts';

export interface ShareEnv {
  storage: Storage | null;
  location: Pick<Location, 'hash' | 'search' | 'origin' | 'pathname'>;
  history: Pick<History, 'replaceState' | 'state'>;
  window: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  document: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
  /**
   * True while the model generates (read reactively). The URL then follows the code only once
   * it is done: encoding the link and replaceState's work in the browser land on the cores the
   * model's threads use: a generation started right after an edit ran at 0.76 of one started
   * 3.5 s later (the sides of scripts/measure-typing.ts, before this). Autosave is not held
   * back: it keeps the code safe.
   */
  busy?: () => boolean;
}

const SAVE_MS = 300;
/** A save happens at least this often during a long burst of typing. */
const SAVE_MAX_WAIT_MS = 2000;
const URL_MS = 500;

export class ShareSession {
  /** Why the last link could not be opened; the page kept its state. */
  linkError = $state.raw<Text | null>(null);
  /** The user's own work, set aside when a link replaced it. */
  yourWork = $state.raw<ShareState | null>(null);
  noticeHidden = $state(false);
  saveError = $state.raw<Text | null>(null);
  embed = $state(false);
  /** The full playground URL of the current state (for "Open in seekpad" and Copy link). */
  fullUrl = $state('');
  /** Links handled so far; tests wait on it. */
  handled = $state(0);

  private lastApplied: string | null = null;
  private lastHash: string | null = null;
  private queue: Promise<void> = Promise.resolve();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private urlTimer: ReturnType<typeof setTimeout> | undefined;
  private started = false;
  private dirtySince: number | null = null;
  /** The URL fell behind the code during a generation. */
  private urlPending = $state(false);

  constructor(
    private readonly ws: Workspace,
    private readonly env: ShareEnv,
    opts: { embed: boolean },
  ) {
    this.embed = opts.embed;
  }

  /** Restores autosaved work (sync), then opens the link in the URL, if any. */
  boot(afterRestore: (restored: boolean) => void = () => undefined): Promise<void> {
    const { saved, problem } = this.embed ? { saved: null, problem: null } : load(this.env.storage, AUTOSAVE_KEY);
    this.saveError = problem;
    if (saved) {
      this.ws.apply(saved.state);
      this.lastHash = saved.hash;
    }
    afterRestore(saved !== null);
    const aside = this.embed ? null : load(this.env.storage, YOUR_WORK_KEY).saved;
    if (aside && fingerprint(aside.state) !== fingerprint(this.ws.snapshot())) this.yourWork = aside.state;
    const hash = this.env.location.hash;
    // The URL still holds the link this autosave was made from: the autosave is newer.
    if (!hasLink(hash) || (saved && hash === saved.hash)) return Promise.resolve();
    return this.enqueue(hash, true);
  }

  /** Starts autosave, URL following and hashchange handling; returns the stop function. */
  start(): () => void {
    this.started = true;
    // replaceState fires no hashchange, so every event is a link from outside (even one seen before).
    const onHash = () => void this.enqueue(this.env.location.hash);
    const onHide = () => this.flush();
    const onVisibility = () => {
      if (this.env.document.visibilityState === 'hidden') this.flush();
    };
    this.env.window.addEventListener('hashchange', onHash);
    this.env.window.addEventListener('pagehide', onHide);
    this.env.document.addEventListener('visibilitychange', onVisibility);
    const stopEffects = $effect.root(() => {
      $effect(() => {
        this.ws.snapshot();
        const now = Date.now();
        this.dirtySince ??= now;
        clearTimeout(this.saveTimer);
        clearTimeout(this.urlTimer);
        if (now - this.dirtySince > SAVE_MAX_WAIT_MS) this.saveNow();
        else this.saveTimer = setTimeout(() => this.saveNow(), SAVE_MS);
        this.urlTimer = setTimeout(() => void this.followUrl(), URL_MS);
      });
      $effect(() => {
        if (this.urlPending && !this.env.busy?.()) {
          this.urlPending = false;
          clearTimeout(this.urlTimer);
          this.urlTimer = setTimeout(() => void this.followUrl(), URL_MS);
        }
      });
    });
    return () => {
      this.started = false;
      stopEffects();
      clearTimeout(this.saveTimer);
      clearTimeout(this.urlTimer);
      this.env.window.removeEventListener('hashchange', onHash);
      this.env.window.removeEventListener('pagehide', onHide);
      this.env.document.removeEventListener('visibilitychange', onVisibility);
    };
  }

  returnToMyWork(): void {
    const work = this.yourWork;
    if (!work) return;
    this.ws.apply(work);
    this.lastApplied = null;
    this.yourWork = null;
    forget(this.env.storage, YOUR_WORK_KEY);
    this.saveNow();
  }

  /** A link to the current state in the full playground (no query: the state is all in the hash). */
  async linkToCurrent(embed = false): Promise<string> {
    const hash = await encode({ ...this.ws.snapshot(), embed });
    return `${this.env.location.origin}${this.env.location.pathname}${embed ? '?embed' : ''}${hash}`;
  }

  private enqueue(hash: string, atStart = false): Promise<void> {
    this.queue = this.queue.then(() => this.open(hash, atStart)).catch(() => undefined);
    return this.queue;
  }

  private async open(hash: string, atStart: boolean): Promise<void> {
    try {
      if (!hasLink(hash)) return;
      const r = await decode(hash);
      if (!r.ok) {
        this.linkError = r.message;
        return;
      }
      this.linkError = null;
      // Only a page opened as an embed becomes one; a link pasted later keeps the full view.
      if (r.state.embed && atStart) this.embed = true;
      const current = this.ws.snapshot();
      const linkPrint = fingerprint(r.state);
      const currentPrint = fingerprint(current);
      if (linkPrint !== currentPrint) {
        // Keep the user's own work (not the starter files, not a link opened earlier unchanged).
        const isOwnWork = currentPrint !== fingerprint(defaultShareState()) && currentPrint !== this.lastApplied;
        if (isOwnWork && !this.embed) {
          this.yourWork = current;
          this.noticeHidden = false;
          const err = save(this.env.storage, YOUR_WORK_KEY, { state: current, hash: null });
          if (err) this.saveError = err;
        }
        this.ws.apply(r.state);
      }
      this.lastApplied = linkPrint;
      this.lastHash = hash;
      this.saveNow();
    } finally {
      this.handled++;
    }
  }

  private flush(): void {
    if (!this.started) return;
    clearTimeout(this.saveTimer);
    this.saveNow();
  }

  private saveNow(): void {
    this.dirtySince = null;
    if (this.embed) return;
    const err = save(this.env.storage, AUTOSAVE_KEY, { state: this.ws.snapshot(), hash: this.lastHash });
    this.saveError = err;
  }

  private async followUrl(): Promise<void> {
    if (this.env.busy?.()) {
      this.urlPending = true;
      return;
    }
    const state = this.ws.snapshot();
    const isDefault = fingerprint(state) === fingerprint(defaultShareState());
    let hash = isDefault && !this.embed ? '' : await encode({ ...state, embed: this.embed });
    if (hash.length > MAX_HASH_CHARS) hash = '';
    this.fullUrl = await this.linkToCurrent();
    const { location, history } = this.env;
    if (location.hash === hash || (hash === '' && !location.hash)) return;
    // replaceState: one history entry for the page, not one per keystroke.
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
    this.lastHash = hash || null;
    this.saveNow();
  }
}
