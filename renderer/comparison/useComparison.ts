import { describeError } from "../../shared/describeError";
import { useEffect, useMemo, useRef, useState } from "react";
import { codingsForComparison, type ComparisonLookups } from "../db/comparison";
import { useLive } from "../db/live";
import type { OpenProject } from "../db/projects";
import type { ComparisonRequest } from "./comparisonState";
import { codeGroupsFor, codingCodeIds, computeComparison, type ComparisonResults } from "./computeComparison";

export type ComparisonStatus =
  | { state: "idle" }
  /** `previous`: the last results of the same request, shown while live changes are re-counted. */
  | { state: "running"; done: number; total: number; previous: ComparisonResults | null }
  | { state: "done"; results: ComparisonResults }
  | { state: "failed"; message: string };

/** Runs the request on live codings: a coding added, changed or undone re-computes the results. */
export function useComparison(
  project: OpenProject,
  lookups: ComparisonLookups | undefined,
  request: ComparisonRequest | null,
): ComparisonStatus {
  const groups = useMemo(() => (lookups && request ? codeGroupsFor(lookups.codes, request) : []), [lookups, request]);
  const codeIds = useMemo(() => codingCodeIds(groups), [groups]);
  const sourceIds = request?.sourceIds ?? null;
  const codings = useLive(
    () => (request ? codingsForComparison(project, codeIds, sourceIds) : Promise.resolve(null)),
    [project, request, codeIds.join(","), sourceIds?.join(",")],
  );
  const [status, setStatus] = useState<ComparisonStatus>({ state: "idle" });
  // Results of the current request survive a live re-count (no flicker, drill-down stays open).
  const last = useRef<{ request: ComparisonRequest; results: ComparisonResults } | null>(null);
  const previous = request && last.current?.request === request ? last.current.results : null;

  useEffect(() => {
    if (!request || !lookups || !codings) {
      setStatus(request ? { state: "running", done: 0, total: groups.length, previous } : { state: "idle" });
      return;
    }
    let stop = false;
    setStatus({ state: "running", done: 0, total: groups.length, previous });
    computeComparison(
      request,
      groups,
      lookups.sources,
      codings,
      (done, total) => {
        if (!stop) setStatus({ state: "running", done, total, previous });
      },
      () => stop,
    ).then(
      (results) => {
        if (!stop && results) {
          last.current = { request, results };
          setStatus({ state: "done", results });
        }
      },
      (error: unknown) => {
        if (!stop) setStatus({ state: "failed", message: describeError(error) });
      },
    );
    return () => {
      stop = true;
    };
    // `previous` is derived from `request` and a ref: listing it would add nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request, lookups, codings, groups]);

  return status;
}
