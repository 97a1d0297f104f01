import type { CaseRecord } from "../../shared/model/records";
import type { OpenProject } from "./projects";

/** Live cases, by name. */
export async function listCases(project: OpenProject): Promise<CaseRecord[]> {
  const all = await project.db.cases.orderBy("name").toArray();
  return all.filter((c) => !c.deleted);
}
