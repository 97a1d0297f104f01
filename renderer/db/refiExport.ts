/**
 * Reads a project for REFI-QDA export. List-sized tables are read with one getAll each; source
 * texts (the heavy part) one source at a time while the export zips them, so the whole corpus is
 * never held in memory at once.
 */
import { exportQdpx, type LineBreaks, type PositionConvention, type RefiExportResult } from "../../shared/refi/export";
import { exportQdc, type QdcExport } from "../../shared/refi/qdcExport";
import { safeFileName } from "../../shared/text/fileName";
import type { OpenProject } from "./projects";

export interface RefiExportChoice {
  /** Only these sources; the whole project when absent. */
  sourceIds?: readonly string[];
  /** Only codings of these codes; all codes when absent. */
  codeIds?: readonly string[];
  convention: PositionConvention;
  lineBreaks: LineBreaks;
}

export async function exportProjectQdpx(project: OpenProject, choice: RefiExportChoice, appVersion: string): Promise<RefiExportResult> {
  const { db } = project;
  const [sources, codes, codings, memos, cases, attributes, coders] = await Promise.all([
    db.sources.toArray(),
    db.codes.toArray(),
    db.codings.toArray(),
    db.memos.toArray(),
    db.cases.toArray(),
    db.attributes.toArray(),
    db.coders.toArray(),
  ]);
  return exportQdpx(
    { sources, codes, codings, memos, cases, attributes, coders },
    {
      projectName: project.entry.name,
      appVersion,
      projectCreatedAt: project.entry.createdAt,
      exporterId: project.ctx.coderId,
      convention: choice.convention,
      lineBreaks: choice.lineBreaks,
      ...(choice.sourceIds ? { sourceIds: choice.sourceIds } : {}),
      ...(choice.codeIds ? { codeIds: choice.codeIds } : {}),
    },
    (id) => db.sourceContent.get(id),
  );
}

export async function exportCodebookQdc(project: OpenProject, appVersion: string): Promise<QdcExport> {
  return exportQdc(await project.db.codes.toArray(), { appVersion });
}

/** A file name from the project's name: characters Windows forbids in names are replaced. */
export function refiFileName(projectName: string, extension: "qdpx" | "qdc"): string {
  return `${safeFileName(projectName, "Project")}${extension === "qdc" ? " codebook" : ""}.${extension}`;
}
