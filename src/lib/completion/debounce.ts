// How long to wait after the last keystroke before asking for a completion. Asking
// early feels responsive but wastes model time on suggestions nobody reads; so the
// delay shrinks while suggestions are being accepted and grows while they are ignored.

export class AdaptiveDelay {
  private value: number;

  constructor(
    readonly min = 150,
    readonly max = 400,
  ) {
    if (!(min >= 0 && max >= min)) throw new RangeError(`bad delay bounds [${min}, ${max}]`);
    this.value = (min + max) / 2;
  }

  /** The delay to use now, in whole milliseconds, within [min, max]. */
  current(): number {
    return Math.round(this.value);
  }

  /** A suggestion was accepted: move 40% of the way to `min`. */
  accepted(): void {
    this.value -= (this.value - this.min) * 0.4;
  }

  /** A suggestion was explicitly dismissed (Escape): move 30% of the way to `max`. */
  dismissed(): void {
    this.value += (this.max - this.value) * 0.3;
  }

  /** A suggestion was typed over or left unused: move 15% of the way to `max`. */
  ignored(): void {
    this.value += (this.max - this.value) * 0.15;
  }

  reset(): void {
    this.value = (this.min + this.max) / 2;
  }
}
