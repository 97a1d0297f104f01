import type { OpenProject } from "../db/projects";
import { useProjectState } from "../project/useProjectState";

/** What the researcher asked to compare: kept while the project is open, so "Open in source" and back finds it. */
export interface ComparisonRequest {
  coderA: string[];
  coderB: string[];
  codeIds: string[];
  includeSubcodes: boolean;
  /** null: every source. */
  sourceIds: string[] | null;
  /**
   * Count sources where neither side coded a code as complete agreement (kappa 1) in its average, as
   * NVivo's per-cell figures do. Off by default: averages cover only the sources someone coded, so a
   * sparse code cannot look perfect. The pooled headline never counts them.
   */
  countUncoded: boolean;
}

export interface ComparisonState {
  draft: ComparisonRequest;
  /** The last request run with "Compare coding"; results follow it (and live changes to its codings). */
  run: ComparisonRequest | null;
}

/** A new comparison's question: nothing chosen yet, averages over coded cells only. */
export const NEW_REQUEST: ComparisonRequest = {
  coderA: [],
  coderB: [],
  codeIds: [],
  includeSubcodes: false,
  sourceIds: null,
  countUncoded: false,
};

const INITIAL: ComparisonState = { draft: NEW_REQUEST, run: null };

export function useComparisonState(project: OpenProject): [ComparisonState, (patch: Partial<ComparisonState>) => void] {
  return useProjectState(project, "comparison", INITIAL);
}

/** Why the request cannot run yet, in the researcher's words; null when it can. */
export function requestProblem(r: ComparisonRequest): string | null {
  if (r.coderA.length === 0 || r.coderB.length === 0) return "Choose at least one coder for A and one for B.";
  if (r.coderA.some((id) => r.coderB.includes(id))) return "A coder can be in A or in B, not both.";
  if (r.codeIds.length === 0) return "Choose one or more codes to compare.";
  if (r.sourceIds && r.sourceIds.length === 0) return "Choose one or more sources, or compare in all sources.";
  return null;
}
