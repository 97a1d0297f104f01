/** A ReportSource over plain ProjectTables (CLI, tests, bench). */
import type { ProjectTables } from "../model/tables";
import type { ReportSource } from "./model";

export function reportSourceFromTables(tables: ProjectTables, projectName: string): ReportSource {
  const codingsByCode = new Map<string, ProjectTables["codings"]>();
  const codingsBySource = new Map<string, ProjectTables["codings"]>();
  for (const c of tables.codings) {
    if (c.deleted) continue;
    const a = codingsByCode.get(c.codeId);
    if (a) a.push(c);
    else codingsByCode.set(c.codeId, [c]);
    const b = codingsBySource.get(c.sourceId);
    if (b) b.push(c);
    else codingsBySource.set(c.sourceId, [c]);
  }
  const content = new Map(tables.sourceContent.map((c) => [c.id, c]));
  return {
    projectName: () => Promise.resolve(projectName),
    codes: () => Promise.resolve(tables.codes),
    coders: () => Promise.resolve(tables.coders),
    sources: () => Promise.resolve(tables.sources),
    cases: () => Promise.resolve(tables.cases),
    attributes: () => Promise.resolve(tables.attributes),
    memos: () => Promise.resolve(tables.memos),
    codings: () => Promise.resolve(tables.codings),
    codingsForCodes: (ids) => Promise.resolve([...new Set(ids)].flatMap((id) => codingsByCode.get(id) ?? [])),
    codingsForSource: (id) => Promise.resolve(codingsBySource.get(id) ?? []),
    sourceContent: (id) => Promise.resolve(content.get(id)),
  };
}
