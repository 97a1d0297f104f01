/**
 * Layout of coding stripes, the bars in the margin beside the text (as NVivo draws them), in pure
 * functions: the viewer measures where the text is and draws; everything decidable without a screen
 * is decided here.
 *
 *  1. mergeStripeSegments: a stripe's key is a code (or code × coder). Ranges with the same key that
 *     overlap or touch become one segment: one bar, not a stack of identical bars.
 *  2. assignLanes: segments go into lanes (columns) across the WHOLE source, in text order, so a
 *     stripe does not jump sideways as the researcher scrolls. A key keeps its lane when it is free;
 *     two segments share a lane only when `gap` characters or more apart (so they cannot meet on one
 *     line of text).
 *  3. repairLanes: on screen, a lane whose segments still overlap (side-by-side table cells share
 *     lines) moves the later one to a free lane.
 *  4. overlapDepths: where two or more codes cover the same text, how many; the viewer underlines those
 *     stretches (one style per extra layer) so overlaps are never hidden by a colour on top.
 */
import type { Span } from "./spans";

export interface StripeInput extends Span {
  /** Coding id. */
  id: string;
  /** What a stripe stands for: a code id, or code id × coder id. */
  key: string;
}

export interface StripeSegment extends Span {
  key: string;
  /** The codings this segment draws, in start order. */
  ids: string[];
}

/** Same-key ranges that overlap or touch, merged; sorted by start, then key. */
export function mergeStripeSegments(items: Iterable<StripeInput>): StripeSegment[] {
  const byKey = new Map<string, StripeInput[]>();
  for (const item of items) {
    if (item.end <= item.start) continue;
    const list = byKey.get(item.key);
    if (list) list.push(item);
    else byKey.set(item.key, [item]);
  }
  const out: StripeSegment[] = [];
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    let current: StripeSegment | null = null;
    for (const item of list) {
      if (current && item.start <= current.end) {
        current.end = Math.max(current.end, item.end);
        current.ids.push(item.id);
      } else {
        current = { key, start: item.start, end: item.end, ids: [item.id] };
        out.push(current);
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface LaneAssignment {
  /** Lane of each segment (same order as the input). */
  lanes: number[];
  /** Lanes used. */
  count: number;
}

/**
 * Greedy interval colouring in text order. `segments` must be sorted by start (mergeStripeSegments
 * returns them so). A lane is free for a segment when its last segment ended `gap` or more before.
 */
export function assignLanes(segments: readonly StripeSegment[], gap: number): LaneAssignment {
  const laneEnds: number[] = [];
  const preferred = new Map<string, number>();
  const lanes: number[] = [];
  for (const segment of segments) {
    const free = (lane: number) => (laneEnds[lane] ?? -Infinity) + gap <= segment.start;
    let lane = preferred.get(segment.key);
    if (lane === undefined || !free(lane)) {
      lane = 0;
      while (lane < laneEnds.length && !free(lane)) lane++;
    }
    laneEnds[lane] = segment.end;
    preferred.set(segment.key, lane);
    lanes.push(lane);
  }
  return { lanes, count: laneEnds.length };
}

export interface PlacedBox {
  lane: number;
  top: number;
  bottom: number;
}

/**
 * Lanes for boxes measured on screen: each keeps its lane unless a box already placed there overlaps
 * it vertically (within `minGap` pixels), in which case it takes the first free lane. Returns the new
 * lanes (input order) and how many lanes are now needed.
 */
export function repairLanes(boxes: readonly PlacedBox[], minGap = 2): LaneAssignment {
  const order = boxes.map((_, i) => i).sort((a, b) => (boxes[a] as PlacedBox).top - (boxes[b] as PlacedBox).top || a - b);
  const placed = new Map<number, { top: number; bottom: number }[]>();
  const lanes = boxes.map((b) => b.lane);
  let count = 0;
  const fits = (lane: number, box: PlacedBox) =>
    !(placed.get(lane) ?? []).some((p) => box.top < p.bottom + minGap && p.top < box.bottom + minGap);
  for (const i of order) {
    const box = boxes[i] as PlacedBox;
    let lane = box.lane;
    if (!fits(lane, box)) {
      lane = 0;
      while (!fits(lane, box)) lane++;
    }
    lanes[i] = lane;
    const list = placed.get(lane);
    if (list) list.push({ top: box.top, bottom: box.bottom });
    else placed.set(lane, [{ top: box.top, bottom: box.bottom }]);
    count = Math.max(count, lane + 1);
  }
  return { lanes, count };
}

export interface DepthRun extends Span {
  /** How many of the input ranges cover this stretch (2 or more). */
  depth: number;
}

/**
 * Stretches covered by two or more of the ranges, with how many; adjacent stretches of the same depth
 * are joined. Pass one range list per code already unioned, so a code's own overlaps do not count.
 */
export function overlapDepths(ranges: Iterable<Span>): DepthRun[] {
  const events: [number, number][] = [];
  for (const r of ranges) {
    if (r.end <= r.start) continue;
    events.push([r.start, 1], [r.end, -1]);
  }
  // Ends before starts at the same offset: touching ranges do not overlap.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: DepthRun[] = [];
  let depth = 0;
  let from = 0;
  for (const [at, delta] of events) {
    if (at > from && depth >= 2) {
      const last = out[out.length - 1];
      if (last && last.end === from && last.depth === depth) last.end = at;
      else out.push({ start: from, end: at, depth });
    }
    depth += delta;
    from = at;
  }
  return out;
}
