import { useCallback, useState } from "react";
import { NO_SEGMENT_FILTER, type MatchMode, type SegmentFilter, type SegmentSort } from "../../shared/retrieval/segments";
import type { OpenProject } from "../db/projects";

/** The researcher's query: kept while the project is open, so "Open in source" and back finds it again. */
export interface RetrievalState {
  codeIds: string[];
  includeSubcodes: boolean;
  mode: MatchMode;
  filter: SegmentFilter;
  sort: SegmentSort;
  showAllContext: boolean;
}

const INITIAL: RetrievalState = { codeIds: [], includeSubcodes: true, mode: "any", filter: NO_SEGMENT_FILTER, sort: "position", showAllContext: false };

const remembered = new WeakMap<OpenProject, RetrievalState>();

export function useRetrievalState(project: OpenProject): [RetrievalState, (patch: Partial<RetrievalState>) => void] {
  const [state, setState] = useState<RetrievalState>(() => remembered.get(project) ?? INITIAL);
  const update = useCallback(
    (patch: Partial<RetrievalState>) =>
      setState((current) => {
        const next = { ...current, ...patch };
        remembered.set(project, next);
        return next;
      }),
    [project],
  );
  return [state, update];
}
