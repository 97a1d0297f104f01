/**
 * Range algebra over half-open [start, end) ranges of UTF-16 offsets into a source's plain text,
 * plus the "code this paragraph / turn" lookups. Word snapping lives in ./words and is re-exported.
 *
 * An empty range (start === end) covers nothing: it overlaps nothing and unions drop it.
 */
import type { Block, Turn } from "../import/types";

export interface Range {
  start: number;
  end: number;
}

export { snapToWords, wordUnits, type SnapOptions, type WordUnit } from "./words";

export function rangeLength(r: Range): number {
  return Math.max(0, r.end - r.start);
}

/** True when the ranges share at least one code unit. */
export function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end && a.start < a.end && b.start < b.end;
}

/** True when `inner` lies within `outer` (an empty inner range needs only its position inside). */
export function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** True when the offset is one of the range's code units. */
export function containsOffset(r: Range, offset: number): boolean {
  return r.start <= offset && offset < r.end;
}

/** True when one range ends exactly where the other starts (touching, not overlapping). */
export function adjacent(a: Range, b: Range): boolean {
  if (a.start === a.end || b.start === b.end) return false;
  return a.end === b.start || b.end === a.start;
}

/** The common part, or null when they share nothing. */
export function intersect(a: Range, b: Range): Range | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : null;
}

/**
 * Sorted, disjoint, non-adjacent ranges covering exactly what the inputs cover: overlapping and
 * touching ranges merge (a coded passage split in two by a touching edit reads as one), empty ones go.
 */
export function unionRanges(ranges: Iterable<Range>): Range[] {
  const sorted = [...ranges].filter((r) => r.start < r.end).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** What `from` covers and `remove` does not, as a union (sorted, disjoint). */
export function subtract(from: Range | Iterable<Range>, remove: Range | Iterable<Range>): Range[] {
  const base = unionRanges(isRange(from) ? [from] : from);
  const cut = unionRanges(isRange(remove) ? [remove] : remove);
  const out: Range[] = [];
  let j = 0;
  for (const r of base) {
    let start = r.start;
    // Both lists are sorted, so one sweep suffices: skip cuts that end before this range.
    while (j < cut.length && (cut[j] as Range).end <= start) j++;
    let k = j;
    while (k < cut.length && (cut[k] as Range).start < r.end) {
      const c = cut[k] as Range;
      if (c.start > start) out.push({ start, end: c.start });
      start = Math.max(start, c.end);
      k++;
    }
    if (start < r.end) out.push({ start, end: r.end });
  }
  return out;
}

/** Code units covered at least once (overlaps counted once). */
export function coveredLength(ranges: Iterable<Range>): number {
  let total = 0;
  for (const r of unionRanges(ranges)) total += r.end - r.start;
  return total;
}

function isRange(value: Range | Iterable<Range>): value is Range {
  return typeof (value as Range).start === "number" && typeof (value as Range).end === "number";
}

/**
 * Index of the last item starting at or before `offset`, or -1. Items are sorted by start, as
 * blocks and turns are stored.
 */
function lastStartingAtOrBefore(items: readonly Range[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((items[mid] as Range).start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The whole block (paragraph, heading, list item or table-cell paragraph) holding `offset`, for
 * "code this paragraph". A caret just after a block's last character still belongs to it; null
 * outside every block.
 */
export function paragraphRangeAt(blocks: readonly Block[], offset: number): Range | null {
  const i = lastStartingAtOrBefore(blocks, offset);
  const block = blocks[i];
  return block && offset <= block.end ? { start: block.start, end: block.end } : null;
}

/** The speaker turn holding `offset` (label included, as a caret may sit on it), or null. */
export function turnAt(turns: readonly Turn[], offset: number): Turn | null {
  const turn = turns[lastStartingAtOrBefore(turns, offset)];
  return turn && offset <= turn.end ? turn : null;
}

/** The whole speaker turn holding `offset`, label included, for "code this turn"; null outside turns. */
export function turnRangeAt(turns: readonly Turn[], offset: number): Range | null {
  const turn = turnAt(turns, offset);
  return turn ? { start: turn.start, end: turn.end } : null;
}

/**
 * What the speaker said in a turn: the label ("[00:12:31] Interviewer:") and the white space after it
 * left out, so a coded turn retrieves the words, not the name. Falls back to the whole turn when the
 * label is all there is.
 */
export function turnBodyRange(text: string, turn: Turn): Range {
  let start = Math.max(turn.start, Math.min(turn.labelEnd, turn.end));
  while (start < turn.end && /\s/.test(text[start] ?? "")) start++;
  return start < turn.end ? { start, end: turn.end } : { start: turn.start, end: turn.end };
}
