import type { ReportSource } from "../../shared/reports";
import { listAttributes, listCases } from "../db/cases";
import { listCodes } from "../db/codes";
import { listCoders, listCodingsForCodes, listCodingsForSource } from "../db/codings";
import { listMemos } from "../db/memos";
import type { OpenProject } from "../db/projects";
import { getSourceContent, listAllCodings } from "../db/reports";
import { listSources } from "../db/sources";

/**
 * The report model's data source over this project's IndexedDB, through the repositories only.
 * Codings of chosen codes come from the codeId index, so a report on three codes of a 100,000-coding
 * project reads only their codings; source text is read one source at a time.
 */
export function projectReportSource(project: OpenProject): ReportSource {
  return {
    projectName: () => Promise.resolve(project.entry.name),
    codes: () => listCodes(project),
    coders: () => listCoders(project),
    sources: () => listSources(project),
    cases: () => listCases(project),
    attributes: () => listAttributes(project),
    memos: () => listMemos(project),
    codings: () => listAllCodings(project),
    codingsForCodes: (codeIds) => listCodingsForCodes(project, codeIds),
    codingsForSource: (sourceId) => listCodingsForSource(project, sourceId),
    sourceContent: (sourceId) => getSourceContent(project, sourceId),
  };
}
