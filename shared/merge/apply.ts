import type { ProjectTables } from "../model/tables";
import type { AppliedMerge, ApplyContext, MergePlan, MergeResolutions } from "./types";

/** The records to write for a plan and the researcher's choices. Pure; deterministic given ctx.stamp. */
export function applyMergePlan(local: ProjectTables, plan: MergePlan, resolutions: MergeResolutions = {}, ctx?: ApplyContext): AppliedMerge {
  void local; void plan; void resolutions; void ctx;
  throw new Error("not implemented");
}
