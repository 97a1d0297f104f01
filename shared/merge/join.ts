import { emptyProjectTables, type ProjectTables } from "../model/tables";
import { overlay } from "./lww";
import { planMerge } from "./plan";
import { settleCodes } from "./settle";

/**
 * The plain join: `incoming` merged into `local` with no choices made (conflicts go to the last writer,
 * clashing codes stay as two codes with their names), then settled so no live coding is left on a
 * deleted code (settle.ts). This is the join the property tests check; the app and the CLI add the
 * researcher's choices through applyMergePlan, which settles the same way.
 */
export function joinTables(local: ProjectTables, incoming: ProjectTables): ProjectTables {
  const joined = overlay(local, planMerge(local, incoming).winners);
  const settled = settleCodes(joined);
  if (settled.codes.length === 0 && settled.codings.length === 0) return joined;
  return overlay(joined, { ...emptyProjectTables(), codes: settled.codes, codings: settled.codings });
}
