import type { CodingRecord } from "../../shared/model/records";
import type { OpenProject } from "./projects";
import { isLive, type Live } from "../../shared/model/live";

/**
 * The queries reports need beyond the existing repositories (renderer/reports/reportData.ts puts them
 * together as the report model's ReportSource).
 */

/** Every live coding (codebook counts, overview). One getAll: a cursor walk is far slower at 100,000. */
export async function listAllCodings(project: OpenProject): Promise<Live<CodingRecord>[]> {
  return (await project.db.codings.toArray()).filter(isLive);
}

// Reports read one source's text and structure at a time, through the sources module's reader.
export { getSourceContent } from "./sources";
