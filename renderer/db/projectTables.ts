/**
 * Reading a whole project as ProjectTables (export, backups, merge planning) and only what changed
 * since a journal stamp (changes-only bundles).
 */
import type Dexie from "dexie";
import type { Table } from "dexie";
import type { JournaledTable, SourceContentRecord } from "../../shared/model/records";
import {
  emptyProjectTables,
  PROJECT_TABLE_NAMES,
  setRows,
  type ProjectTableName,
  type ProjectTables,
  type RecordOf,
} from "../../shared/model/tables";
import { STAMPED_TABLES } from "../../shared/merge";
import type { ProjectDatabase } from "./projectDb";

/**
 * Rows per read. A large table is read as several key ranges AT ONCE: Chromium's IndexedDB reads a
 * range in its browser process while the page decodes another, so four ranges of 25,000 codings came
 * back in 0.6-1.0× the time of one read and 0.4-0.9× that of 1,000-row pages one after another
 * (docs/benchmarks-log.md, "Import+merge in the app").
 */
export const RANGE_ROWS = 25_000;
const MAX_RANGES = 8;

export interface ReadProgress {
  table: ProjectTableName;
  done: number;
  total: number;
}

/**
 * One table in primary-key order. Split where a key cursor lands after every `RANGE_ROWS` keys (it
 * skips without decoding records); the first range has no lower bound and the last no upper bound,
 * so a record added since the count is still read.
 */
export async function readTableInRanges<T>(table: Table<T, string>, onRows?: (n: number) => void, rangeRows = RANGE_ROWS): Promise<T[]> {
  const count = await table.count();
  const ranges = Math.min(MAX_RANGES, Math.max(1, Math.ceil(count / rangeRows)));
  if (ranges === 1) {
    const rows = await table.toArray();
    onRows?.(rows.length);
    return rows;
  }
  const bounds: string[] = [];
  for (let i = 1; i < ranges; i++) {
    const [key] = await table
      .orderBy(":id")
      .offset(Math.floor((count * i) / ranges))
      .limit(1)
      .primaryKeys();
    if (key !== undefined && (bounds.length === 0 || key > (bounds[bounds.length - 1] as string))) bounds.push(key);
  }
  let done = 0;
  const parts = await Promise.all(
    [undefined, ...bounds].map(async (lower, i) => {
      const upper = bounds[i];
      const query =
        lower === undefined
          ? upper === undefined
            ? table.toCollection()
            : table.where(":id").below(upper)
          : upper === undefined
            ? table.where(":id").aboveOrEqual(lower)
            : table.where(":id").between(lower, upper, true, false);
      const rows = await query.toArray();
      done += rows.length;
      onRows?.(done);
      return rows;
    }),
  );
  return parts.flat();
}

/**
 * The whole project as ProjectTables, tombstones included. `content: false` skips source text (merge
 * planning needs only the source rows: text is immutable and matched by its hash).
 * Takes any Dexie (also an older-version database opened without a schema, before a migration).
 */
export async function readProjectTables(
  db: Dexie,
  options: { content: boolean; onProgress?: (p: ReadProgress) => void } = { content: true },
): Promise<ProjectTables> {
  const tables = emptyProjectTables();
  // An older database (opened before its migration, for the backup) lacks the newer tables: they are empty.
  const stores = new Set(db.tables.map((t) => t.name));
  const names = PROJECT_TABLE_NAMES.filter((n) => (options.content || n !== "sourceContent") && stores.has(n));
  const counts = await Promise.all(names.map((name) => db.table(name).count()));
  const total = counts.reduce((a, b) => a + b, 0);
  let before = 0;
  // Table after table (a seed-scale project's text is ~50 MB: one table in flight at a time), each in ranges.
  for (const name of names) {
    const rows = await readTableInRanges(db.table<RecordOf<typeof name>, string>(name), (n) =>
      options.onProgress?.({ table: name, done: before + n, total }),
    );
    setRows(tables, name, rows);
    before += rows.length;
  }
  return tables;
}

/** Only what changed after a journal stamp: found through the journal's `at` index, not a table scan. */
export async function readChangedTables(db: ProjectDatabase, since: string): Promise<ProjectTables> {
  const tables = emptyProjectTables();
  const ids = new Map<JournaledTable, Set<string>>();
  await db.journal
    .where("at")
    .above(since)
    .each((entry) => {
      let set = ids.get(entry.table);
      if (!set) ids.set(entry.table, (set = new Set()));
      set.add(entry.recordId);
    });
  for (const name of STAMPED_TABLES) setRows(tables, name, await recordsByIds(db, name, [...(ids.get(name) ?? [])]));
  const contentIds = tables.sources.map((s) => s.id);
  tables.sourceContent = (await db.sourceContent.bulkGet(contentIds)).filter((c): c is SourceContentRecord => c !== undefined);
  return tables;
}

/** The records of one table with these ids, those that exist, in the order asked. */
async function recordsByIds<K extends ProjectTableName>(db: Dexie, name: K, ids: string[]): Promise<RecordOf<K>[]> {
  return (await db.table<RecordOf<K>, string>(name).bulkGet(ids)).filter((r): r is RecordOf<K> => r !== undefined);
}
