// A model server's API key: typed by the user, held in memory, and in this tab's session storage
// only when they tick "remember for this tab". Never in a link, the autosave or a log.
const KEY = 'seekpad.server-key.v1';

/** This tab's session storage, or null where the browser refuses it. */
export function tabStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export class ApiKey {
  #value = $state('');
  #remember = $state(false);

  constructor(private readonly session: Storage | null) {
    const saved = session?.getItem(KEY) ?? null;
    if (saved) {
      this.#value = saved;
      this.#remember = true;
    }
  }

  get value(): string {
    return this.#value;
  }

  set value(v: string) {
    this.#value = v.trim();
    this.save();
  }

  get remember(): boolean {
    return this.#remember;
  }

  set remember(on: boolean) {
    this.#remember = on;
    this.save();
  }

  /** For requests: null when none was typed. */
  readonly get = (): string | null => this.#value || null;

  private save(): void {
    try {
      if (this.#remember && this.#value) this.session?.setItem(KEY, this.#value);
      else this.session?.removeItem(KEY);
    } catch {
      /* storage refused: the key stays in memory */
    }
  }
}
