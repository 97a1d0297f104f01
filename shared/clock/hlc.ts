/**
 * Hybrid logical clock (Kulkarni et al., 2014). Every record's `updatedAt` is an HLC stamp so that
 * edits made on different laptops order consistently even when their wall clocks disagree, and a
 * clock that jumps backwards (a laptop whose time was corrected) never makes a later edit sort earlier.
 *
 * A stamp is a fixed-width string that sorts lexicographically in clock order:
 *   `<wall ms, 13 decimal digits>-<counter, 5 base-36 digits>-<node id>`
 */

export interface HlcStamp {
  readonly wallTime: number;
  readonly counter: number;
  readonly node: string;
}

const WALL_DIGITS = 13;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;
/** A remote stamp more than this far ahead of our wall clock is refused: it would drag our clock along. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;
const STAMP_PATTERN = /^(\d{13})-([0-9a-z]{5})-([A-Za-z0-9_.]{1,64})$/;

export class HlcError extends Error {}

export function formatStamp(stamp: HlcStamp): string {
  if (!Number.isInteger(stamp.wallTime) || stamp.wallTime < 0 || stamp.wallTime >= 10 ** WALL_DIGITS) {
    throw new HlcError(`Clock time out of range: ${stamp.wallTime}`);
  }
  if (!Number.isInteger(stamp.counter) || stamp.counter < 0 || stamp.counter > MAX_COUNTER) {
    throw new HlcError(`Clock counter out of range: ${stamp.counter}`);
  }
  if (!/^[A-Za-z0-9_.]{1,64}$/.test(stamp.node)) throw new HlcError(`Invalid clock node id: ${stamp.node}`);
  return `${String(stamp.wallTime).padStart(WALL_DIGITS, "0")}-${stamp.counter.toString(36).padStart(COUNTER_DIGITS, "0")}-${stamp.node}`;
}

export function parseStamp(text: string): HlcStamp {
  const match = STAMP_PATTERN.exec(text);
  if (!match) throw new HlcError(`Not a clock stamp: ${text.slice(0, 80)}`);
  const [, wall = "", counter = "", node = ""] = match;
  return { wallTime: Number(wall), counter: parseInt(counter, 36), node };
}

/** Whether `text` is a well-formed stamp (what parseStamp accepts), without throwing. */
export function isStamp(text: unknown): text is string {
  return typeof text === "string" && STAMP_PATTERN.test(text);
}

/** Orders two stamps: negative, zero or positive. Plain string comparison gives the same answer. */
export function compareStamps(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A clock for one replica (one coder on one machine). `now` is injected so tests control time. */
export class HybridLogicalClock {
  private wallTime: number;
  private counter: number;

  constructor(
    readonly node: string,
    private readonly now: () => number,
    last?: string,
  ) {
    if (!/^[A-Za-z0-9_.]{1,64}$/.test(node)) throw new HlcError(`Invalid clock node id: ${node}`);
    const previous = last ? parseStamp(last) : undefined;
    this.wallTime = previous?.wallTime ?? 0;
    this.counter = previous?.counter ?? 0;
  }

  /** A new stamp for a local event, strictly greater than every stamp this clock has issued or seen. */
  tick(): string {
    const physical = Math.floor(this.now());
    if (physical > this.wallTime) {
      this.wallTime = physical;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return this.current();
  }

  /** Folds in a stamp received from another replica (e.g. while merging a bundle). */
  receive(remote: string): string {
    const other = parseStamp(remote);
    const physical = Math.floor(this.now());
    if (other.wallTime - physical > MAX_DRIFT_MS) {
      throw new HlcError(`A stamp from ${other.node} is more than a day in the future; check that computer's clock.`);
    }
    const wall = Math.max(this.wallTime, other.wallTime, physical);
    if (wall === this.wallTime && wall === other.wallTime) {
      this.counter = Math.max(this.counter, other.counter);
      this.bumpCounter();
    } else if (wall === this.wallTime) {
      this.bumpCounter();
    } else if (wall === other.wallTime) {
      this.wallTime = wall;
      this.counter = other.counter;
      this.bumpCounter();
    } else {
      this.wallTime = wall;
      this.counter = 0;
    }
    return this.current();
  }

  private bumpCounter(): void {
    if (this.counter >= MAX_COUNTER) {
      // Over 60M events in one millisecond cannot happen in practice; move the logical time on instead.
      this.wallTime += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }

  private current(): string {
    return formatStamp({ wallTime: this.wallTime, counter: this.counter, node: this.node });
  }
}
