/**
 * Finding the spans (codings) that touch a window of the text quickly: the viewer repaints only the
 * rendered blocks, so with thousands of codings it must not walk all of them on every scroll.
 *
 * Spans are sorted by start with a running maximum of their ends. A window [from, to) is answered by
 * a binary search for the spans starting before `to`, then a walk backwards that stops as soon as no
 * earlier span can reach `from` (the running maximum says so). Long spans (a whole interview coded
 * at a case) are found however far back they start.
 */
export interface Span {
  start: number;
  end: number;
}

export class SpanIndex<T extends Span> {
  /** Sorted by start, then end. */
  readonly items: readonly T[];
  private readonly maxEnd: Float64Array;

  constructor(items: Iterable<T>) {
    const sorted = [...items].sort((a, b) => a.start - b.start || a.end - b.end);
    this.items = sorted;
    this.maxEnd = new Float64Array(sorted.length);
    let max = -Infinity;
    sorted.forEach((item, i) => {
      max = Math.max(max, item.end);
      this.maxEnd[i] = max;
    });
  }

  get size(): number {
    return this.items.length;
  }

  /** Index of the first item starting at or after `offset`. */
  private firstStartingAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid] as T).start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Items sharing at least one code unit with [from, to), in start order. */
  overlapping(from: number, to: number): T[] {
    const out: T[] = [];
    if (to <= from) return out;
    for (let i = this.firstStartingAtOrAfter(to) - 1; i >= 0; i--) {
      // No item at or before i ends after `from`: nothing further back can overlap.
      if ((this.maxEnd[i] as number) <= from) break;
      const item = this.items[i] as T;
      if (item.end > from) out.push(item);
    }
    return out.reverse();
  }
}
