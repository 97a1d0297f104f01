import type { CodeRecord, CoderRecord, CodingRecord } from "../../shared/model/records";
import { SpanIndex } from "../../shared/text/spans";
import { assignLanes, mergeStripeSegments, type StripeSegment } from "../../shared/text/stripes";
import type { CodingFilter } from "../project/codingSession";

/** Characters two segments in one lane must be apart: more than a line, so they never share one. */
export const LANE_GAP = 120;

export interface LanedSegment extends StripeSegment {
  lane: number;
  codeId: string;
  /** Set when coders are shown separately. */
  coderId: string | null;
}

/** Everything the viewer needs to paint one source's codings, indexed for the visible window. */
export interface CodingDisplay {
  /** Codings shown (after the filter), indexed by position in the text. */
  index: SpanIndex<CodingRecord>;
  /** Stripe segments of the whole source with their lanes, indexed by position. */
  segments: SpanIndex<LanedSegment>;
  laneCount: number;
  byId: ReadonlyMap<string, CodingRecord>;
  codes: ReadonlyMap<string, CodeRecord>;
  /** "Technology/Usability". */
  paths: ReadonlyMap<string, string>;
  coders: ReadonlyMap<string, CoderRecord>;
  separateCoders: boolean;
  /** Codings of this source before filtering (for counts). */
  total: number;
}

/** What a display was built from, and what a later build can reuse. */
export interface DisplayInputs {
  codings: readonly CodingRecord[] | undefined;
  filter: CodingFilter;
  codes: ReadonlyMap<string, CodeRecord>;
  paths: ReadonlyMap<string, string>;
  coders: ReadonlyMap<string, CoderRecord>;
  separateCoders: boolean;
}

export interface DisplayBuild {
  inputs: DisplayInputs;
  display: CodingDisplay;
  /** Shown codings by stripe key, in the order they came. */
  byKey: ReadonlyMap<string, readonly CodingRecord[]>;
  /** Merged stripe segments, sorted by start then key (before lanes). */
  merged: readonly StripeSegment[];
}

const SEPARATOR = "\u0000";

const keyOf = (c: CodingRecord, separateCoders: boolean) => (separateCoders ? `${c.codeId}${SEPARATOR}${c.coderId}` : c.codeId);

function shownBy(inputs: DisplayInputs): (c: CodingRecord) => boolean {
  const codeIds = inputs.filter.codeIds ? new Set(inputs.filter.codeIds) : null;
  const coderIds = inputs.filter.coderIds ? new Set(inputs.filter.coderIds) : null;
  return (c) => inputs.codes.has(c.codeId) && (!codeIds || codeIds.has(c.codeId)) && (!coderIds || coderIds.has(c.coderId));
}

const bySegmentOrder = (a: StripeSegment, b: StripeSegment) => a.start - b.start || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function finish(
  inputs: DisplayInputs,
  index: SpanIndex<CodingRecord>,
  byId: ReadonlyMap<string, CodingRecord>,
  byKey: ReadonlyMap<string, readonly CodingRecord[]>,
  merged: readonly StripeSegment[],
): DisplayBuild {
  const { lanes, count } = assignLanes(merged, LANE_GAP);
  const laned = merged.map((segment, i): LanedSegment => {
    const [codeId = "", coderId = null] = segment.key.split(SEPARATOR);
    return { ...segment, lane: lanes[i] ?? 0, codeId, coderId };
  });
  return {
    inputs,
    byKey,
    merged,
    display: {
      index,
      segments: new SpanIndex(laned),
      laneCount: count,
      byId,
      codes: inputs.codes,
      paths: inputs.paths,
      coders: inputs.coders,
      separateCoders: inputs.separateCoders,
      total: inputs.codings?.length ?? 0,
    },
  };
}

/** The display of a source's codings, from scratch. */
export function buildCodingDisplay(inputs: DisplayInputs): DisplayBuild {
  const shown = (inputs.codings ?? []).filter(shownBy(inputs));
  const byKey = new Map<string, CodingRecord[]>();
  for (const c of shown) {
    const key = keyOf(c, inputs.separateCoders);
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const merged = mergeStripeSegments(shown.map((c) => ({ id: c.id, key: keyOf(c, inputs.separateCoders), start: c.start, end: c.end })));
  return finish(inputs, new SpanIndex(shown), new Map(shown.map((c) => [c.id, c])), byKey, merged);
}

/** The same stored version of a coding: the same object, or the same id with the same write stamp. */
const sameVersion = (a: CodingRecord | undefined, b: CodingRecord | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.id === b.id && a.updatedAt !== "" && a.updatedAt === b.updatedAt);

/** Above this many codings changed at the end of the list, building from scratch is as quick. */
const MAX_TAIL = 32;

/**
 * How `next` differs from `previous` when only the end of the list changed (applying a code appends
 * one; its saved version then replaces the one painted while it saved), or null for any other change.
 */
function tailChange(
  previous: DisplayInputs,
  next: DisplayInputs,
): { removed: readonly CodingRecord[]; added: readonly CodingRecord[] } | null {
  const before = previous.codings;
  const after = next.codings;
  if (!before || !after) return null;
  if (
    previous.filter !== next.filter ||
    previous.codes !== next.codes ||
    previous.paths !== next.paths ||
    previous.coders !== next.coders ||
    previous.separateCoders !== next.separateCoders
  ) {
    return null;
  }
  let same = 0;
  const shorter = Math.min(before.length, after.length);
  while (same < shorter && sameVersion(before[same], after[same])) same++;
  if (before.length - same > MAX_TAIL || after.length - same > MAX_TAIL) return null;
  return { removed: before.slice(same), added: after.slice(same) };
}

/**
 * The display after a change. When only the end of the list changed (applying a code, painted while it
 * saves, then its saved version), only the stripes of the codes concerned are merged again and the
 * sorted lists are patched, instead of sorting and merging all of a source's codings; lanes are still
 * assigned over the whole source, so the result is exactly what `buildCodingDisplay` gives (with the
 * unchanged codings kept as the objects already shown). Any other change builds from scratch.
 */
export function updateCodingDisplay(previous: DisplayBuild | null, inputs: DisplayInputs): DisplayBuild {
  const change = previous ? tailChange(previous.inputs, inputs) : null;
  if (!previous || !change) return buildCodingDisplay(inputs);
  const { display } = previous;
  const total = inputs.codings?.length ?? 0;
  const isShown = shownBy(inputs);
  const removed = change.removed.filter((c) => display.byId.get(c.id) === c);
  const added = change.added.filter(isShown);
  if (removed.length === 0 && added.length === 0) {
    return { ...previous, inputs, display: total === display.total ? display : { ...display, total } };
  }
  if (added.some((c) => display.byId.has(c.id) && !removed.some((r) => r.id === c.id))) return buildCodingDisplay(inputs);

  const gone = new Set(removed);
  const byKey = new Map(previous.byKey);
  const touched = new Set<string>();
  for (const c of removed) touched.add(keyOf(c, inputs.separateCoders));
  for (const key of touched)
    byKey.set(
      key,
      (byKey.get(key) ?? []).filter((c) => !gone.has(c)),
    );
  for (const c of added) {
    const key = keyOf(c, inputs.separateCoders);
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
    touched.add(key);
  }
  for (const key of touched) if (byKey.get(key)?.length === 0) byKey.delete(key);
  const remerged = mergeStripeSegments(
    [...touched].flatMap((key) => (byKey.get(key) ?? []).map((c) => ({ id: c.id, key, start: c.start, end: c.end }))),
  );
  const merged = previous.merged.filter((s) => !touched.has(s.key)).concat(remerged);
  // Mostly sorted already (one run plus a few): the sort merges runs rather than sorting from scratch.
  merged.sort(bySegmentOrder);

  const byId = new Map(display.byId);
  for (const c of removed) byId.delete(c.id);
  for (const c of added) byId.set(c.id, c);
  const kept = gone.size === 0 ? display.index.items : display.index.items.filter((c) => !gone.has(c));
  return finish(inputs, new SpanIndex([...kept, ...added]), byId, byKey, merged);
}
