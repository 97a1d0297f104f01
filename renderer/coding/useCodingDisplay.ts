import { useLayoutEffect, useMemo, useRef } from "react";
import { codePath, indexCodes } from "../../shared/coding/codeTree";
import type { CodeRecord, CoderRecord, CodingRecord } from "../../shared/model/records";
import { listCodes } from "../db/codes";
import { listCoders, listCodingsForSource } from "../db/codings";
import { useLive } from "../db/live";
import type { OpenProject } from "../db/projects";
import type { CodingFilter } from "../project/codingSession";
import { updateCodingDisplay, type CodingDisplay, type DisplayBuild } from "./codingDisplayModel";
import { useOptimisticCodings, type OptimisticCodings } from "./optimisticCodings";

export type { CodingDisplay, LanedSegment } from "./codingDisplayModel";

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

  // The last display on screen: a coding added to it (applying a code) is laid in, not rebuilt from all.
  const last = useRef<DisplayBuild | null>(null);
  const build = useMemo(
    () =>
      updateCodingDisplay(last.current, { codings, filter, codes: codeMaps.byId, paths: codeMaps.paths, coders: coderMap, separateCoders }),
    [codings, codeMaps, coderMap, filter, separateCoders],
  );
  useLayoutEffect(() => {
    last.current = build;
  }, [build]);
  return build.display;
}
