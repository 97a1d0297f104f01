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

function finish(inputs: DisplayInputs, index: SpanIndex<CodingRecord>, byId: ReadonlyMap<string, CodingRecord>, byKey: ReadonlyMap<string, readonly CodingRecord[]>, merged: readonly StripeSegment[]): DisplayBuild {
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

/**
 * The codings added since `previous` (the list grew and everything before is the same objects), or
 * null when the change is anything else.
 */
function addedSince(previous: DisplayInputs, next: DisplayInputs): readonly CodingRecord[] | null {
  const before = previous.codings;
  const after = next.codings;
  if (!before || !after || after.length <= before.length) return null;
  if (
    previous.filter !== next.filter ||
    previous.codes !== next.codes ||
    previous.paths !== next.paths ||
    previous.coders !== next.coders ||
    previous.separateCoders !== next.separateCoders
  ) {
    return null;
  }
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) return null;
  return after.slice(before.length);
}

/**
 * The display after a change. Adding codings (what applying a code does, painted while it saves)
 * re-merges only the stripes of the added codings' codes and inserts into the sorted lists, instead of
 * sorting and merging all of a source's codings again; lanes are still assigned over the whole source,
 * so the result is exactly what `buildCodingDisplay` gives. Any other change builds from scratch.
 */
export function updateCodingDisplay(previous: DisplayBuild | null, inputs: DisplayInputs): DisplayBuild {
  const added = previous ? addedSince(previous.inputs, inputs) : null;
  if (!previous || !added) return buildCodingDisplay(inputs);
  const shown = added.filter(shownBy(inputs));
  const { display } = previous;
  if (shown.length === 0) return { ...previous, inputs, display: { ...display, total: inputs.codings?.length ?? 0 } };
  if (shown.some((c) => display.byId.has(c.id))) return buildCodingDisplay(inputs);

  const byKey = new Map(previous.byKey);
  const touched = new Set<string>();
  for (const c of shown) {
    const key = keyOf(c, inputs.separateCoders);
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
    touched.add(key);
  }
  const remerged = mergeStripeSegments(
    [...touched].flatMap((key) => (byKey.get(key) ?? []).map((c) => ({ id: c.id, key, start: c.start, end: c.end }))),
  );
  const merged = previous.merged.filter((s) => !touched.has(s.key)).concat(remerged);
  // Mostly sorted already (one run plus a few): the sort merges runs rather than sorting from scratch.
  merged.sort(bySegmentOrder);

  const byId = new Map(display.byId);
  for (const c of shown) byId.set(c.id, c);
  const index = new SpanIndex([...display.index.items, ...shown]);
  return finish(inputs, index, byId, byKey, merged);
}
