import type { ProjectTables } from "../model/tables";
import type { MergeOptions, MergePlan } from "./types";

/** Works out what merging `incoming` into `local` would do, without changing anything. */
export function planMerge(local: ProjectTables, incoming: ProjectTables, options: MergeOptions = {}): MergePlan {
  void local; void incoming; void options;
  throw new Error("not implemented");
}
