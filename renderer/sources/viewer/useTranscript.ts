import { describeError } from "../../../shared/describeError";
import { useEffect, useState } from "react";
import { readTranscript, type Transcript } from "../../../shared/text/transcript";
import type { OpenProject } from "../../db/projects";
import { getSourceContent } from "../../db/sources";

/**
 * A source's content never changes after import, so the page and the side panel share one load
 * (a long transcript is several hundred KB to read and type). Only the last few sources are kept.
 */
const cache = new WeakMap<OpenProject, Map<string, Promise<Transcript | null>>>();
const KEEP = 3;

export function loadTranscript(project: OpenProject, sourceId: string): Promise<Transcript | null> {
  let byId = cache.get(project);
  if (!byId) {
    byId = new Map();
    cache.set(project, byId);
  }
  let loading = byId.get(sourceId);
  if (!loading) {
    loading = getSourceContent(project, sourceId).then((content) => (content ? readTranscript(content) : null));
    // A failed read is not remembered, so opening the source again retries.
    loading.catch(() => byId.delete(sourceId));
    byId.set(sourceId, loading);
    for (const key of byId.keys()) if (byId.size > KEEP && key !== sourceId) byId.delete(key);
  }
  return loading;
}

export type TranscriptLoad =
  { status: "loading" } | { status: "missing" } | { status: "failed"; message: string } | { status: "ready"; transcript: Transcript };

export function useTranscript(project: OpenProject, sourceId: string): TranscriptLoad {
  const [state, setState] = useState<{ id: string; load: TranscriptLoad }>({ id: sourceId, load: { status: "loading" } });
  useEffect(() => {
    let live = true;
    loadTranscript(project, sourceId).then(
      (transcript) => live && setState({ id: sourceId, load: transcript ? { status: "ready", transcript } : { status: "missing" } }),
      (e: unknown) => live && setState({ id: sourceId, load: { status: "failed", message: describeError(e) } }),
    );
    return () => {
      live = false;
    };
  }, [project, sourceId]);
  return state.id === sourceId ? state.load : { status: "loading" };
}
