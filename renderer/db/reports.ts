import type { CodingRecord, SourceContentRecord } from "../../shared/model/records";
import type { OpenProject } from "./projects";
import { isLive, type Live } from "../../shared/model/live";
import type { SourceId } from "../../shared/ids";

/**
 * The queries reports need beyond the existing repositories (renderer/reports/reportData.ts puts them
 * together as the report model's ReportSource).
 */

/** Every live coding (codebook counts, overview). One getAll: a cursor walk is far slower at 100,000. */
export async function listAllCodings(project: OpenProject): Promise<Live<CodingRecord>[]> {
  return (await project.db.codings.toArray()).filter(isLive);
}

/** One source's stored text and structure (reports read them one source at a time). */
export async function getSourceContent(project: OpenProject, sourceId: SourceId): Promise<SourceContentRecord | undefined> {
  return project.db.sourceContent.get(sourceId);
}
