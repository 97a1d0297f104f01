import type { ProjectTables } from "../model/tables";
import { overlay } from "./lww";
import { planMerge } from "./plan";

/**
 * The plain last-writer-wins join: `incoming` merged into `local` with no choices made (conflicts go
 * to the last writer, clashing codes stay as two codes with their names). This is the lattice join the
 * property tests check; the app and the CLI add the researcher's choices through applyMergePlan.
 */
export function joinTables(local: ProjectTables, incoming: ProjectTables): ProjectTables {
  return overlay(local, planMerge(local, incoming).winners);
}
