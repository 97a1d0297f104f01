/**
 * Leaving out what a project already has. A bundle of a project mostly repeats records the project holds
 * at exactly the same version (a whole-project bundle back from a colleague: 100,000 codings, of which
 * 10,000 are theirs and new). The bundle worker drops those before handing the rest to the page, so the
 * page copies and plans only what could change something.
 *
 * A record is left out only when the project has the same id at the same stamp by the same coder. For the
 * planner that record is "unchanged" whatever its fields (a correct clock never gives two different
 * versions one stamp and coder; planMerge's hash tie-break only orders such corrupt pairs), so the plan
 * is the same, and its counts get the left-out records back as unchanged (addLeftOut).
 */
import type { OpenedBundle } from "../bundle/types";
import { setRows, type ProjectTables, type RecordOf } from "../model/tables";
import { STAMPED_TABLES } from "./lww";
import { countsByTable } from "./plan";
import type { MergePlan, StampedTableName } from "./types";

/**
 * The project's record versions, per table, as one JSON text of [id, updatedAt, updatedBy, …]:
 * a single string crosses to a worker almost for free, where 100,000 small objects would be copied one by one.
 */
export type KnownVersions = Record<StampedTableName, string>;

/** Per table, per coder (the record's updatedBy): how many records were left out as already here. */
export type LeftOutCounts = Record<StampedTableName, Record<string, number>>;

export function knownVersionsOf(tables: ProjectTables): KnownVersions {
  const out = {} as KnownVersions;
  for (const table of STAMPED_TABLES) {
    const flat: string[] = [];
    for (const r of tables[table]) flat.push(r.id, r.updatedAt, r.updatedBy);
    out[table] = JSON.stringify(flat);
  }
  return out;
}

/** `tables` without the records `known` already has at the same version, and how many were left out. */
export function leaveOutKnown(tables: ProjectTables, known: KnownVersions): { tables: ProjectTables; leftOut: LeftOutCounts } {
  const next: ProjectTables = { ...tables };
  const leftOut = {} as LeftOutCounts;
  for (const table of STAMPED_TABLES) leftOut[table] = leaveOutKnownRows(next, table, parseKnown(known[table]));
  return { tables: next, leftOut };
}

/** One table of `next` without the rows `versions` already has; per coder, how many were left out. */
function leaveOutKnownRows<K extends StampedTableName>(
  next: ProjectTables,
  table: K,
  versions: Map<string, { at: string; by: string }>,
): Record<string, number> {
  const counts: Record<string, number> = {};
  if (versions.size === 0) return counts;
  const kept: RecordOf<K>[] = [];
  for (const r of next[table]) {
    const have = versions.get(r.id);
    if (have && have.at === r.updatedAt && have.by === r.updatedBy) counts[r.updatedBy] = (counts[r.updatedBy] ?? 0) + 1;
    else kept.push(r);
  }
  setRows(next, table, kept);
  return counts;
}

/** An opened bundle without what the project already has; `recordsLeftOut` says how many, so it is never taken for the whole bundle. */
export function openedWithoutKnown(opened: OpenedBundle, known: KnownVersions | null): OpenedBundle {
  if (!known) return opened;
  const { tables, leftOut } = leaveOutKnown(opened.tables, known);
  return { ...opened, tables, recordsLeftOut: leftOut };
}

function parseKnown(text: string | undefined): Map<string, { at: string; by: string }> {
  const map = new Map<string, { at: string; by: string }>();
  if (!text) return map;
  const flat: unknown = JSON.parse(text);
  if (!Array.isArray(flat)) return map;
  for (let i = 0; i + 2 < flat.length; i += 3) {
    const [id, at, by] = [flat[i], flat[i + 1], flat[i + 2]];
    if (typeof id === "string" && typeof at === "string" && typeof by === "string") map.set(id, { at, by });
  }
  return map;
}

/** The plan's preview with the left-out records counted as unchanged (by table and by coder), as if planned. */
export function addLeftOut(plan: MergePlan, leftOut: LeftOutCounts | undefined): MergePlan {
  if (!leftOut) return plan;
  const byTable = { ...plan.preview.byTable };
  const byCoder = { ...plan.preview.byCoder };
  for (const table of STAMPED_TABLES) {
    for (const [coder, n] of Object.entries(leftOut[table] ?? {})) {
      byTable[table] = { ...byTable[table], unchanged: byTable[table].unchanged + n };
      const mine = (byCoder[coder] = { ...(byCoder[coder] ?? countsByTable()) });
      mine[table] = { ...mine[table], unchanged: mine[table].unchanged + n };
    }
  }
  return { ...plan, preview: { byTable, byCoder } };
}
