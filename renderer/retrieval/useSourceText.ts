import { useEffect, useState } from "react";
import type { OpenProject } from "../db/projects";
import { cachedSourceText, loadSourceText, type SourceText } from "../db/retrieval";

export type SourceTextLoad = { status: "loading" } | { status: "missing" } | { status: "failed" } | { status: "ready"; source: SourceText };

function fromCache(project: OpenProject, sourceId: string): SourceTextLoad {
  const cached = cachedSourceText(project, sourceId);
  if (cached === undefined) return { status: "loading" };
  return cached ? { status: "ready", source: cached } : { status: "missing" };
}

/**
 * One source's text for a visible segment row. Rows are virtualised, so only the sources of rows on
 * screen are ever read; a text already cached renders in the row's first paint.
 */
export function useSourceText(project: OpenProject, sourceId: string): SourceTextLoad {
  const [state, setState] = useState<{ id: string; load: SourceTextLoad }>(() => ({ id: sourceId, load: fromCache(project, sourceId) }));
  const current = state.id === sourceId ? state.load : fromCache(project, sourceId);
  const waiting = current.status === "loading";
  useEffect(() => {
    if (!waiting) return;
    let live = true;
    loadSourceText(project, sourceId).then(
      (source) => live && setState({ id: sourceId, load: source ? { status: "ready", source } : { status: "missing" } }),
      () => live && setState({ id: sourceId, load: { status: "failed" } }),
    );
    return () => {
      live = false;
    };
  }, [project, sourceId, waiting]);
  return current;
}
