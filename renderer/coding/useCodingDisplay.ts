import { useMemo } from "react";
import { codePath, indexCodes } from "../../shared/coding/codeTree";
import type { CodeRecord, CoderRecord, CodingRecord } from "../../shared/model/records";
import { SpanIndex } from "../../shared/text/spans";
import { assignLanes, mergeStripeSegments, type StripeSegment } from "../../shared/text/stripes";
import { listCodes } from "../db/codes";
import { listCoders, listCodingsForSource } from "../db/codings";
import { useLive } from "../db/live";
import type { OpenProject } from "../db/projects";
import type { CodingFilter } from "../project/codingSession";
import { useOptimisticCodings, type OptimisticCodings } from "./optimisticCodings";

/** Characters two segments in one lane must be apart: more than a line, so they never share one. */
const LANE_GAP = 120;

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

export interface CodingData {
  /** What to paint: the stored codings with any being saved laid over them. */
  codings: CodingRecord[] | undefined;
  codes: CodeRecord[] | undefined;
  coders: CoderRecord[] | undefined;
  /** The source's codings as stored (what a new coding is planned against). */
  stored?: CodingRecord[] | undefined;
  /** Shows a change to the codings while it is saved (optimisticCodings.ts). */
  track?: OptimisticCodings["track"];
}

/** Live codings, codes and coders of a source (the repository reads), plus codings being saved. */
export function useCodingData(project: OpenProject, sourceId: string): CodingData {
  const stored = useLive(() => listCodingsForSource(project, sourceId), [project, sourceId]);
  const { codings, track } = useOptimisticCodings(stored, sourceId);
  const codes = useLive(() => listCodes(project), [project]);
  const coders = useLive(() => listCoders(project), [project]);
  return { codings, codes, coders, stored, track };
}

const SEPARATOR = "\u0000";

export function useCodingDisplay(data: CodingData, filter: CodingFilter, separateCoders: boolean): CodingDisplay {
  const { codings, codes, coders } = data;
  const codeMaps = useMemo(() => {
    const list = codes ?? [];
    const byId = new Map(list.map((c) => [c.id, c]));
    const index = indexCodes(list);
    const paths = new Map(list.map((c) => [c.id, codePath(index, c.id)]));
    return { byId, paths };
  }, [codes]);
  const coderMap = useMemo(() => new Map((coders ?? []).map((c) => [c.id, c])), [coders]);

  return useMemo(() => {
    const codeIds = filter.codeIds ? new Set(filter.codeIds) : null;
    const coderIds = filter.coderIds ? new Set(filter.coderIds) : null;
    const shown = (codings ?? []).filter(
      (c) => codeMaps.byId.has(c.codeId) && (!codeIds || codeIds.has(c.codeId)) && (!coderIds || coderIds.has(c.coderId)),
    );
    const merged = mergeStripeSegments(
      shown.map((c) => ({ id: c.id, key: separateCoders ? `${c.codeId}${SEPARATOR}${c.coderId}` : c.codeId, start: c.start, end: c.end })),
    );
    const { lanes, count } = assignLanes(merged, LANE_GAP);
    const laned = merged.map((segment, i): LanedSegment => {
      const [codeId = "", coderId = null] = segment.key.split(SEPARATOR);
      return { ...segment, lane: lanes[i] ?? 0, codeId, coderId };
    });
    return {
      index: new SpanIndex(shown),
      segments: new SpanIndex(laned),
      laneCount: count,
      byId: new Map(shown.map((c) => [c.id, c])),
      codes: codeMaps.byId,
      paths: codeMaps.paths,
      coders: coderMap,
      separateCoders,
      total: codings?.length ?? 0,
    };
  }, [codings, codeMaps, coderMap, filter, separateCoders]);
}
