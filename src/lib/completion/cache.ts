// Completions already shown, reused while the user types what they suggested:
// after accepting "ret" of "return x", the rest "urn x" is still the answer,
// with no new request to the model.

interface Entry {
  prefix: string;
  suffix: string;
  completion: string;
}

/** Characters next to the cursor compared before whole prefixes and suffixes. */
const NEAR = 64;

/** Whether `text` has `part` at `at`, checking the part nearest the cursor (`part`'s end) first. */
function sameEnd(text: string, part: string, at: number): boolean {
  const k = Math.max(0, part.length - NEAR);
  return text.startsWith(part.slice(k), at + k) && text.startsWith(part, at);
}

/** A small most-recently-used cache of completions keyed by (prefix, suffix). */
export class CompletionCache {
  // Most recently used last; capacity is small, so a linear scan is cheap.
  private entries: Entry[] = [];

  constructor(readonly capacity = 50) {}

  get size(): number {
    return this.entries.length;
  }

  /** Remembers `completion` for the cursor between `prefix` and `suffix`; empty ones are ignored. */
  put(prefix: string, suffix: string, completion: string): void {
    if (!completion) return;
    const i = this.entries.findIndex((e) => e.prefix === prefix && e.suffix === suffix);
    if (i >= 0) this.entries.splice(i, 1);
    else if (this.entries.length >= this.capacity) this.entries.shift();
    this.entries.push({ prefix, suffix, completion });
  }

  /**
   * The rest of a remembered completion C for prefix P when the current prefix is
   * P + t, t a proper start of C, and the suffix is unchanged; undefined otherwise.
   * The newest matching entry wins.
   */
  lookup(prefix: string, suffix: string): string | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      const typed = prefix.length - e.prefix.length;
      // Cheap length checks first; the long string comparisons only for candidates.
      if (typed < 0 || typed >= e.completion.length || suffix.length !== e.suffix.length) continue;
      if (!e.completion.startsWith(prefix.slice(e.prefix.length))) continue;
      // Edits are usually near the cursor: compare there first, then the whole texts.
      if (!suffix.startsWith(e.suffix.slice(0, NEAR)) || !sameEnd(prefix, e.prefix, 0) || suffix !== e.suffix) continue;
      this.entries.splice(i, 1);
      this.entries.push(e);
      return e.completion.slice(typed);
    }
    return undefined;
  }

  clear(): void {
    this.entries = [];
  }
}
