import { safeFileName } from "../../shared/text/fileName";
import { csvBytes, segmentsCsv, segmentsPlainText, type SegmentExportRow } from "../../shared/retrieval/csv";
import type { Segment } from "../../shared/retrieval/segments";
import type { OpenProject } from "../db/projects";
import { segmentTexts } from "../db/retrieval";
import type { Host } from "../host/host";
import type { RetrievalNames } from "./names";

/** Segments in words, texts read source by source (never every source at once). */
export async function exportRows(project: OpenProject, segments: readonly Segment[], names: RetrievalNames): Promise<SegmentExportRow[]> {
  const texts = await segmentTexts(project, segments);
  return segments.map((s, i) => ({
    codes: s.codeIds.map((id) => names.codePath(id)),
    source: names.sourceName(s.sourceId),
    cases: names.caseNames(s.sourceId),
    coders: names.byCoderName(s.coderIds).map((id) => names.coderLabel(id)),
    date: s.date.slice(0, 10),
    start: s.start,
    end: s.end,
    text: texts[i] ?? "",
  }));
}

export async function copySegments(project: OpenProject, segments: readonly Segment[], names: RetrievalNames): Promise<void> {
  const rows = await exportRows(project, segments, names);
  await navigator.clipboard.writeText(segmentsPlainText(rows));
}

/** Saves the segments as CSV; false when the researcher cancelled the save dialog. */
export async function exportSegmentsCsv(
  host: Host,
  project: OpenProject,
  segments: readonly Segment[],
  names: RetrievalNames,
): Promise<boolean> {
  const rows = await exportRows(project, segments, names);
  return host.saveFile({
    suggestedName: `${safeFileName(`${project.entry.name} - coded segments`, "Coded segments")}.csv`,
    data: csvBytes(segmentsCsv(rows)),
    mimeType: "text/csv;charset=utf-8",
    filters: [{ name: "CSV (comma separated)", extensions: ["csv"] }],
  });
}
