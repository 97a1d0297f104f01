import { NO_SEGMENT_FILTER, type MatchMode, type SegmentFilter, type SegmentSort } from "../../shared/retrieval/segments";
import type { SpeakerScope } from "../../shared/retrieval/speakers";
import type { OpenProject } from "../db/projects";
import { useProjectState } from "../project/useProjectState";

/** The researcher's query: kept while the project is open, so "Open in source" and back finds it again. */
export interface RetrievalState {
  codeIds: string[];
  includeSubcodes: boolean;
  mode: MatchMode;
  filter: SegmentFilter;
  sort: SegmentSort;
  showAllContext: boolean;
  /** Speaker turns: all, or the segments cut to leave out interviewer and facilitator turns. */
  speakers: SpeakerScope;
}

const INITIAL: RetrievalState = {
  codeIds: [],
  includeSubcodes: true,
  mode: "any",
  filter: NO_SEGMENT_FILTER,
  sort: "position",
  showAllContext: false,
  speakers: "all",
};

export function useRetrievalState(project: OpenProject): [RetrievalState, (patch: Partial<RetrievalState>) => void] {
  return useProjectState(project, "retrieval", INITIAL);
}
