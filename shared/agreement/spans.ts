/**
 * Coded stretches of a source as sorted, disjoint character spans. Pure.
 *
 * Agreement is measured over characters (as NVivo does), but never with a per-character array: a
 * 600,000-character transcript × 500 codes would allocate 300 million flags. Every calculation here
 * walks the sorted span boundaries instead, so it costs O(k log k) for k codings.
 */

export interface Span {
  /** UTF-16 offset of the first character. */
  start: number;
  /** UTF-16 offset just past the last character. */
  end: number;
}

/**
 * The characters of [0, length) covered by any of the ranges, as sorted disjoint spans. A coder's
 * overlapping codings of one code count once; a group's codings are the union of its members'.
 * Ranges are clipped to the source, and empty or inverted ranges add nothing.
 */
export function unionSpans(ranges: readonly Span[], length: number): Span[] {
  const clipped: Span[] = [];
  for (const r of ranges) {
    const start = Math.max(0, Math.min(length, r.start));
    const end = Math.max(0, Math.min(length, r.end));
    if (end > start) clipped.push({ start, end });
  }
  clipped.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const r of clipped) {
    const last = out[out.length - 1];
    // Touching spans merge too: [0,5) and [5,9) are one stretch of coded text.
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** Total characters in sorted disjoint spans. */
export function spanLength(spans: readonly Span[]): number {
  let total = 0;
  for (const s of spans) total += s.end - s.start;
  return total;
}

/**
 * Walks [0, length) as maximal pieces on which the number of covering span lists is constant:
 * `visit(start, end, covered)` where covered[i] says whether list i covers that piece. Each list
 * must be sorted and disjoint (unionSpans). Cost is linear in the number of boundaries.
 */
export function sweep(
  lists: readonly (readonly Span[])[],
  length: number,
  visit: (start: number, end: number, covered: readonly boolean[]) => void,
): void {
  const index = lists.map(() => 0);
  const covered = lists.map(() => false);
  let position = 0;
  while (position < length) {
    // The next boundary after `position` in any list decides where this piece ends.
    let next = length;
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i] ?? [];
      let j = index[i] ?? 0;
      while (j < list.length && (list[j]?.end ?? 0) <= position) j++;
      index[i] = j;
      const span = list[j];
      if (!span) {
        covered[i] = false;
        continue;
      }
      if (span.start <= position) {
        covered[i] = true;
        next = Math.min(next, span.end);
      } else {
        covered[i] = false;
        next = Math.min(next, span.start);
      }
    }
    visit(position, next, covered);
    position = next;
  }
}
