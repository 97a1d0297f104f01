import { isLive } from "../model/live";
import type { ProjectTables } from "../model/tables";
import { STAMPED_TABLES } from "./lww";
import type { StampedTableName } from "./types";

/** Counts of live records per table: the preview of a backup or a whole bundle. */
export function liveCounts(tables: ProjectTables): Record<StampedTableName, number> {
  const out = {} as Record<StampedTableName, number>;
  for (const name of STAMPED_TABLES) out[name] = tables[name].filter(isLive).length;
  return out;
}
