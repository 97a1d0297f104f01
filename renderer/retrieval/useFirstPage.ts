import { useEffect, useMemo, useState } from "react";
import { filterSegments, sortSegments, type Segment, type SegmentFilter } from "../../shared/retrieval/segments";
import { firstRetrievalPage, type RetrievalPage } from "../db/retrieval";
import type { OpenProject } from "../db/projects";
import type { RetrievalNames } from "./names";

/** Rows read before the rest: a screenful and some to scroll into. */
export const FIRST_PAGE_ROWS = 24;

/**
 * The sources in the order the list shows them ("Source and position"), after the source filters:
 * sorted and filtered by the same functions as the segments, so the first page is the list's prefix.
 */
export function sourceOrder(names: RetrievalNames, filter: SegmentFilter): string[] {
  const one = [...names.sourcesById.keys()].map((id): Segment => ({
    key: id,
    sourceId: id,
    start: 0,
    end: 0,
    codeIds: [],
    coderIds: [],
    codingIds: [],
    date: "",
  }));
  return sortSegments(filterSegments(one, names.sourcesById, names.cases, filter), "position", names).map((s) => s.sourceId);
}

/**
 * The first page of a query (firstRetrievalPage), read once per query while the whole list loads.
 * `key` identifies the query; undefined while it is read (or when `codeIds` is null: no page wanted),
 * null when the project's coding counts are not loaded yet.
 */
export function useFirstPage(
  project: OpenProject,
  codeIds: readonly string[] | null,
  names: RetrievalNames | undefined,
  filter: SegmentFilter,
  key: string,
): RetrievalPage | null | undefined {
  const enabled = codeIds !== null;
  // Once per names or filter change, not per ticked code: 1,000 sources take a few ms to sort.
  const order = useMemo(() => (names && enabled ? sourceOrder(names, filter) : null), [names, filter, enabled]);
  const [page, setPage] = useState<{ key: string; page: RetrievalPage | null } | null>(null);
  const wanted = codeIds !== null && order !== null;
  const done = page?.key === key;
  useEffect(() => {
    if (!wanted || done || !codeIds || !order) return;
    let live = true;
    firstRetrievalPage(project, codeIds, order, FIRST_PAGE_ROWS).then(
      (result) => live && setPage({ key, page: result }),
      // The whole list is read anyway; a failed shortcut just means waiting for it.
      () => live && setPage({ key, page: null }),
    );
    return () => {
      live = false;
    };
    // The query is identified by `key`; codeIds and order are its parts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [project, key, wanted, done]);
  return done ? page.page : undefined;
}
