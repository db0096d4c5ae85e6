// Drafts for speculative decoding, looked up in the text itself (prompt-lookup decoding): when
// the last n tokens occurred before, in the prompt or in what was generated, the tokens that
// followed them then are a guess at what follows now. Code edits, fixes and completions repeat
// much of their prompt, so these guesses are often right; the model checks them all in one pass.
//
// The index is kept as tokens arrive: per n, the position where each n-gram last ended, so
// indexing and lookup cost O(maxN) per token, whatever the length of the text.

export interface DraftOptions {
  /** The longest n-gram looked up (longer matches are tried first). */
  maxN?: number;
  /** The shortest n-gram that may propose a draft at the start. */
  minN?: number;
  /** The most tokens one draft may hold. */
  maxK?: number;
  /** Draft length at the start. */
  startK?: number;
  /** Drafts rejected outright, in a row, after which this request drafts no more. */
  maxMisses?: number;
  /**
   * What verifying one more drafted token costs, as a fraction of a one-token pass (the engine
   * measures it). Drafts are kept no longer than the length that pays most at the recent
   * acceptance rate.
   */
  cost?: number;
}

export interface DraftStats {
  /** Verification steps that carried a draft. */
  steps: number;
  drafted: number;
  accepted: number;
}

/** What the decoder asks of a draft source. */
export interface DraftSource {
  readonly stats: DraftStats;
  /** Adds a token of the text, after the prompt's. */
  push(id: number): void;
  draft(): number[];
  /** How many of the last draft's tokens the model kept. */
  record(drafted: number, accepted: number): void;
  setCost(cost: number): void;
}

const DEFAULTS: Required<DraftOptions> = { maxN: 4, minN: 1, maxK: 16, startK: 4, maxMisses: 6, cost: 0.1 };
/** Weight of older drafts in the acceptance rate. */
const DECAY = 0.8;

const FNV_OFFSET = 0x811c9dc5;
/** One more token, leftwards, of a 32-bit FNV-1a hash: the n-gram's hash extends the (n-1)-gram's. */
const mix = (h: number, id: number): number => Math.imul(h ^ id, 0x01000193) >>> 0;

export class NgramDrafter implements DraftSource {
  private readonly ids: number[] = [];
  /** Per n (index n - 1): hash of an n-gram -> the index of its last token, latest occurrence. */
  private readonly seen: Map<number, number>[];
  /** Per n: where the current last n tokens ended before, or -1. */
  private readonly before: number[];
  private readonly o: Required<DraftOptions>;
  private k: number;
  private minN: number;
  private misses = 0;
  /** Decayed counts of accepted drafted tokens and of rejections: the acceptance rate. */
  private acceptedSum = 1;
  private rejectedSum = 1;
  private cost: number;
  /** Tokens to let pass without drafting, after a rejected draft. */
  private cooldown = 0;
  readonly stats: DraftStats = { steps: 0, drafted: 0, accepted: 0 };

  constructor(prompt: readonly number[], options: DraftOptions = {}) {
    const o = { ...DEFAULTS, ...options };
    const maxN = Math.max(1, o.maxN);
    const maxK = Math.max(1, o.maxK);
    this.o = { maxN, maxK, minN: Math.min(maxN, Math.max(1, o.minN)), startK: Math.min(maxK, Math.max(1, o.startK)), maxMisses: o.maxMisses, cost: Math.max(0, o.cost) };
    this.cost = this.o.cost;
    this.k = this.o.startK;
    this.minN = this.o.minN;
    this.seen = Array.from({ length: this.o.maxN }, () => new Map<number, number>());
    this.before = new Array<number>(this.o.maxN).fill(-1);
    for (const id of prompt) this.push(id);
  }

  /** False once drafts kept failing: the rest of the request decodes one token at a time. */
  get active(): boolean {
    return this.misses < this.o.maxMisses;
  }

  /** Adds a token of the text (the prompt's, then each generated one). */
  push(id: number): void {
    this.ids.push(id);
    const end = this.ids.length - 1;
    let h = FNV_OFFSET;
    for (let n = 1; n <= this.o.maxN && n <= this.ids.length; n++) {
      const map = this.seen[n - 1];
      h = mix(h, this.ids[end - n + 1]);
      const prev = map.get(h);
      this.before[n - 1] = prev !== undefined && this.same(prev, end, n) ? prev : -1;
      map.set(h, end);
    }
    for (let n = this.ids.length + 1; n <= this.o.maxN; n++) this.before[n - 1] = -1;
    if (this.cooldown > 0) this.cooldown--;
  }

  /** Sets the measured cost of one more verified token (fraction of a one-token pass). */
  setCost(cost: number): void {
    if (cost >= 0 && Number.isFinite(cost)) this.cost = cost;
  }

  /**
   * The draft length that gives the most tokens per unit of time when each drafted token is
   * accepted with probability p (until the first rejection): (1 + p + ... + p^k) / (1 + cost k).
   */
  private bestLength(): number {
    const p = this.acceptedSum / (this.acceptedSum + this.rejectedSum);
    let best = 0;
    let bestValue = 1;
    let expected = 1;
    let pk = 1;
    for (let k = 1; k <= this.o.maxK; k++) {
      pk *= p;
      expected += pk;
      const value = expected / (1 + this.cost * k);
      if (value > bestValue) {
        best = k;
        bestValue = value;
      }
    }
    return best;
  }

  /** Up to k tokens that followed the longest earlier occurrence of the text's last n tokens. */
  draft(): number[] {
    if (!this.active || this.cooldown > 0) return [];
    for (let n = this.o.maxN; n >= this.minN; n--) {
      const at = this.before[n - 1];
      if (at < 0) continue;
      const from = at + 1;
      const to = Math.min(from + Math.min(this.k, Math.max(1, this.bestLength())), this.ids.length);
      if (to > from) return this.ids.slice(from, to);
    }
    return [];
  }

  /**
   * What the model kept of the last draft. All of it: drafts grow and shorter matches may draft
   * again. None of it: drafts shrink, need a longer match, and pause for a few tokens.
   */
  record(drafted: number, accepted: number): void {
    if (drafted <= 0) return;
    // The model's own next token, appended after the accepted ones, is not a drafted one.
    accepted = Math.min(accepted, drafted);
    this.stats.steps++;
    this.stats.drafted += drafted;
    this.stats.accepted += accepted;
    this.acceptedSum = DECAY * this.acceptedSum + accepted;
    this.rejectedSum = DECAY * this.rejectedSum + (accepted < drafted ? 1 : 0);
    if (accepted >= drafted) {
      this.k = Math.min(this.o.maxK, this.k * 2);
      this.minN = Math.max(this.o.minN, this.minN - 1);
      this.misses = 0;
    } else if (accepted > 0) {
      this.k = Math.max(1, Math.min(this.k, accepted + 1));
      this.minN = Math.max(this.o.minN, this.minN - 1);
      this.misses = 0;
    } else {
      this.misses++;
      this.k = Math.max(1, this.k >> 1);
      this.minN = Math.min(this.o.maxN, this.minN + 1);
      this.cooldown = Math.min(32, 1 << this.misses);
    }
  }

  private same(a: number, b: number, n: number): boolean {
    for (let i = 0; i < n; i++) if (this.ids[a - i] !== this.ids[b - i]) return false;
    return true;
  }
}
