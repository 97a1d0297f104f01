/**
 * Retrieval ("Coded segments"): which passages a query over codes returns. Pure: codings, codes,
 * sources and cases in; segments out, filtered and sorted. The text of a segment is not needed here,
 * so 5,000 segments are assembled without reading a single source's content.
 *
 * The rules (also shown to the researcher beside the choice):
 * - A query is one or more chosen codes. With "include sub-codes", each chosen code stands for itself
 *   and every code below it.
 * - ANY of these codes: every coding of any of them is a segment, one row per coding (two coders who
 *   coded the same passage give two rows; that is the comparison researchers want to see).
 * - ALL of these codes: the passages of one source that every chosen code covers. Each chosen code's
 *   coverage is the union of its codings in that source (overlapping or touching codings join, and
 *   codings by different coders count together), and the segments are the intersections of those
 *   coverages. So text coded both Usability and Workload is returned once, trimmed to the overlap,
 *   listing the codes, coders and codings that meet there. With one chosen code, ALL is the same as ANY.
 * - The coder filter applies before the intersection: "ALL, coder SO" is where SO applied every code.
 */
import type { AttributeValue, CaseRecord, CodingRecord, SourceKind, SourceRecord } from "../model/records";
import { descendantIds, indexCodes, type CodeIndex, type TreeCode } from "../coding/codeTree";
import { unionRanges, type Range } from "../coding/ranges";
import type { CodeId } from "../ids";

export type MatchMode = "any" | "all";

export interface CodeQuery {
  /** The chosen codes, in the order the researcher ticked them. */
  codeIds: readonly CodeId[];
  includeSubcodes: boolean;
  mode: MatchMode;
}

/** What retrieval needs of a coding. */
export type RetrievalCoding = Pick<CodingRecord, "id" | "sourceId" | "codeId" | "start" | "end" | "coderId" | "createdAt" | "deleted">;

export interface Segment {
  /** Stable across re-renders: the coding id (ANY) or source and offsets (ALL). */
  key: string;
  sourceId: string;
  start: number;
  end: number;
  /** Codes applied to this passage (ANY: one; ALL: each chosen code's codings that meet here). */
  codeIds: string[];
  coderIds: string[];
  codingIds: string[];
  /** When the (latest contributing) coding was made, ISO-8601. */
  date: string;
}

/**
 * One group per chosen code: the code and, with sub-codes, everything below it. Unknown or deleted
 * codes are dropped; a code chosen twice counts once.
 */
export function codeGroups(codes: readonly TreeCode[] | CodeIndex, query: Pick<CodeQuery, "codeIds" | "includeSubcodes">): CodeId[][] {
  const index = Array.isArray(codes) ? indexCodes(codes as readonly TreeCode[]) : (codes as CodeIndex);
  const groups: CodeId[][] = [];
  for (const id of new Set(query.codeIds)) {
    if (!index.byId.has(id)) continue;
    groups.push(query.includeSubcodes ? [id, ...descendantIds(index, id)] : [id]);
  }
  return groups;
}

/** Every code id the query reads codings of (what to fetch through the codeId index). */
export function queryCodeIds(groups: readonly (readonly CodeId[])[]): CodeId[] {
  return [...new Set(groups.flat())];
}

function anySegments(codings: readonly RetrievalCoding[], wanted: ReadonlySet<string>): Segment[] {
  const out: Segment[] = [];
  for (const c of codings) {
    if (!wanted.has(c.codeId)) continue;
    out.push({
      key: c.id,
      sourceId: c.sourceId,
      start: c.start,
      end: c.end,
      codeIds: [c.codeId],
      coderIds: [c.coderId],
      codingIds: [c.id],
      date: c.createdAt,
    });
  }
  return out;
}

/** Intersection of two sorted, disjoint range lists. */
export function intersectRanges(a: readonly Range[], b: readonly Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Range;
    const y = b[j] as Range;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (start < end) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

function allSegments(codings: readonly RetrievalCoding[], groups: readonly (readonly string[])[]): Segment[] {
  const groupsOf = new Map<string, number[]>();
  groups.forEach((g, gi) => g.forEach((id) => groupsOf.set(id, [...(groupsOf.get(id) ?? []), gi])));
  const bySource = new Map<string, RetrievalCoding[]>();
  for (const c of codings) {
    if (!groupsOf.has(c.codeId)) continue;
    const list = bySource.get(c.sourceId);
    if (list) list.push(c);
    else bySource.set(c.sourceId, [c]);
  }
  const out: Segment[] = [];
  for (const [sourceId, list] of bySource) {
    const perGroup: RetrievalCoding[][] = groups.map(() => []);
    for (const c of list) for (const gi of groupsOf.get(c.codeId) ?? []) perGroup[gi]?.push(c);
    if (perGroup.some((g) => g.length === 0)) continue;
    let overlap: Range[] = unionRanges(perGroup[0] ?? []);
    for (let gi = 1; gi < perGroup.length && overlap.length > 0; gi++) overlap = intersectRanges(overlap, unionRanges(perGroup[gi] ?? []));
    for (const r of overlap) {
      const meeting = list.filter((c) => c.start < r.end && r.start < c.end).sort((a, b) => a.start - b.start || a.end - b.end);
      // Codes in the order they were chosen, so every row of the query reads the same way.
      const codeIds = [...new Set(meeting.map((c) => c.codeId))].sort((a, b) => (groupsOf.get(a)?.[0] ?? 0) - (groupsOf.get(b)?.[0] ?? 0));
      const coderIds = [...new Set(meeting.map((c) => c.coderId))];
      const date = meeting.reduce((latest, c) => (c.createdAt > latest ? c.createdAt : latest), "");
      out.push({
        key: `${sourceId}:${r.start}:${r.end}`,
        sourceId,
        start: r.start,
        end: r.end,
        codeIds,
        coderIds,
        codingIds: meeting.map((c) => c.id),
        date,
      });
    }
  }
  return out;
}

/**
 * The segments a query returns (see the module comment for the ANY/ALL rule). Pass the codings read
 * for `queryCodeIds(groups)`; deleted codings and, when `coderId` is set, other coders' codings are
 * left out before anything is joined or intersected.
 */
export function assembleSegments(
  codings: readonly RetrievalCoding[],
  groups: readonly (readonly CodeId[])[],
  mode: MatchMode,
  coderId: string | null = null,
): Segment[] {
  if (groups.length === 0) return [];
  const live = codings.filter((c) => !c.deleted && c.start < c.end && (coderId === null || c.coderId === coderId));
  if (mode === "any" || groups.length === 1) return anySegments(live, new Set(queryCodeIds(groups)));
  return allSegments(live, groups);
}

export interface SegmentFilter {
  coderId: string | null;
  sourceKind: SourceKind | null;
  /** Keep segments of sources whose cases have this attribute value ("" = any value). */
  attribute: { attributeId: string; value: string } | null;
}

export const NO_SEGMENT_FILTER: SegmentFilter = { coderId: null, sourceKind: null, attribute: null };

function valueText(value: AttributeValue | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/**
 * Keeps segments of live sources that pass the kind and case-attribute filters (the coder filter is
 * applied in assembleSegments). Attribute values compare as the sources list compares them: as text.
 */
export function filterSegments(
  segments: readonly Segment[],
  sources: ReadonlyMap<string, Pick<SourceRecord, "kind" | "caseIds" | "deleted">>,
  cases: readonly Pick<CaseRecord, "id" | "values" | "deleted">[],
  filter: Omit<SegmentFilter, "coderId">,
): Segment[] {
  const attribute = filter.attribute && filter.attribute.value !== "" ? filter.attribute : null;
  const caseIds = attribute
    ? new Set(cases.filter((c) => !c.deleted && valueText(c.values[attribute.attributeId]) === attribute.value).map((c) => c.id))
    : null;
  const passes = new Map<string, boolean>();
  const sourcePasses = (id: string): boolean => {
    const known = passes.get(id);
    if (known !== undefined) return known;
    const s = sources.get(id);
    const ok =
      s !== undefined &&
      !s.deleted &&
      (filter.sourceKind === null || s.kind === filter.sourceKind) &&
      (caseIds === null || s.caseIds.some((c) => caseIds.has(c)));
    passes.set(id, ok);
    return ok;
  };
  return segments.filter((s) => sourcePasses(s.sourceId));
}

export type SegmentSort = "position" | "code" | "coder" | "date";

export const SORT_LABELS: Readonly<Record<SegmentSort, string>> = {
  position: "Source and position",
  code: "Code",
  coder: "Coder",
  date: "Date coded (newest first)",
};

export interface SortNames {
  sourceName(id: string): string;
  codeLabel(id: string): string;
  coderName(id: string): string;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Ranks names once so sorting 5,000 segments does not collate the same names again and again. */
function ranker(ids: Iterable<string>, name: (id: string) => string): (id: string | undefined) => number {
  const sorted = [...new Set(ids)].sort((a, b) => collator.compare(name(a), name(b)) || (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map(sorted.map((id, i) => [id, i]));
  return (id) => (id === undefined ? -1 : (rank.get(id) ?? -1));
}

/**
 * Sorts a copy. Every order falls back to source then position, so rows never shuffle between
 * renders: "position" is source name (numeric-aware: P2 before P10), then offset in the text.
 */
export function sortSegments(segments: readonly Segment[], by: SegmentSort, names: SortNames): Segment[] {
  const sourceRank = ranker(
    segments.map((s) => s.sourceId),
    names.sourceName,
  );
  const byPosition = (a: Segment, b: Segment) =>
    sourceRank(a.sourceId) - sourceRank(b.sourceId) || a.start - b.start || a.end - b.end || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  let first: (a: Segment, b: Segment) => number = () => 0;
  if (by === "code") {
    const rank = ranker(
      segments.flatMap((s) => s.codeIds),
      names.codeLabel,
    );
    first = (a, b) => rank(a.codeIds[0]) - rank(b.codeIds[0]);
  } else if (by === "coder") {
    const rank = ranker(
      segments.flatMap((s) => s.coderIds),
      names.coderName,
    );
    first = (a, b) => rank(a.coderIds[0]) - rank(b.coderIds[0]);
  } else if (by === "date") {
    first = (a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0);
  }
  return [...segments].sort((a, b) => first(a, b) || byPosition(a, b));
}

/** "N segments from M sources". */
export function summarise(segments: readonly Segment[]): { segments: number; sources: number } {
  return { segments: segments.length, sources: new Set(segments.map((s) => s.sourceId)).size };
}
