import { useEffect, useMemo, useState } from "react";
import { codingsForComparison, type ComparisonLookups } from "../db/comparison";
import { useLive } from "../db/live";
import type { OpenProject } from "../db/projects";
import type { ComparisonRequest } from "./comparisonState";
import { codeGroupsFor, codingCodeIds, computeComparison, type ComparisonResults } from "./computeComparison";

export type ComparisonStatus =
  | { state: "idle" }
  | { state: "running"; done: number; total: number }
  | { state: "done"; results: ComparisonResults }
  | { state: "failed"; message: string };

/** Runs the request on live codings: a coding added, changed or undone re-computes the results. */
export function useComparison(project: OpenProject, lookups: ComparisonLookups | undefined, request: ComparisonRequest | null): ComparisonStatus {
  const groups = useMemo(() => (lookups && request ? codeGroupsFor(lookups.codes, request) : []), [lookups, request]);
  const codeIds = useMemo(() => codingCodeIds(groups), [groups]);
  const sourceIds = request?.sourceIds ?? null;
  const codings = useLive(
    () => (request ? codingsForComparison(project, codeIds, sourceIds) : Promise.resolve(null)),
    [project, request, codeIds.join(","), sourceIds?.join(",")],
  );
  const [status, setStatus] = useState<ComparisonStatus>({ state: "idle" });

  useEffect(() => {
    if (!request || !lookups || !codings) {
      setStatus(request ? { state: "running", done: 0, total: groups.length } : { state: "idle" });
      return;
    }
    let stop = false;
    setStatus({ state: "running", done: 0, total: groups.length });
    computeComparison(
      request,
      groups,
      lookups.sources,
      codings,
      (done, total) => {
        if (!stop) setStatus({ state: "running", done, total });
      },
      () => stop,
    ).then(
      (results) => {
        if (!stop && results) setStatus({ state: "done", results });
      },
      (error: unknown) => {
        if (!stop) setStatus({ state: "failed", message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      stop = true;
    };
  }, [request, lookups, codings, groups]);

  return status;
}
