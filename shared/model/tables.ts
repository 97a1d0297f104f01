/**
 * A whole project (or a slice of one) as plain arrays of records, tombstones included. One shape for
 * every path that moves a project as data: encrypted bundles, merge, REFI-QDA import/export, reports
 * and the CLI, so each can feed the others without conversion.
 */

import type {
  AttributeRecord,
  CasePassageRecord,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  MemoRecord,
  SavedSearchRecord,
  SourceContentRecord,
  SourceRecord,
  SpeakerRecord,
} from "./records";

/** Which record each table holds: ProjectTables and RecordOf are read off it, so a table name types its rows. */
export interface ProjectRecordByTable {
  sources: SourceRecord;
  /** One per source that is included; `id` equals the source id. */
  sourceContent: SourceContentRecord;
  codes: CodeRecord;
  codings: CodingRecord;
  memos: MemoRecord;
  cases: CaseRecord;
  attributes: AttributeRecord;
  coders: CoderRecord;
  savedSearches: SavedSearchRecord;
  speakers: SpeakerRecord;
  casePassages: CasePassageRecord;
}

export const PROJECT_TABLE_NAMES = [
  "sources",
  "sourceContent",
  "codes",
  "codings",
  "memos",
  "cases",
  "attributes",
  "coders",
  "savedSearches",
  "speakers",
  "casePassages",
] as const;

export type ProjectTableName = (typeof PROJECT_TABLE_NAMES)[number];

/** Tables whose records carry RecordMeta stamps and are journaled: every table but source content. */
export type StampedTableName = Exclude<ProjectTableName, "sourceContent">;

/** The stamped tables in PROJECT_TABLE_NAMES order: derived, so a new table is added in one place. */
export const STAMPED_TABLES: readonly StampedTableName[] = PROJECT_TABLE_NAMES.filter((t): t is StampedTableName => t !== "sourceContent");
/** The record a table holds. With a generic K, `tables[k]` is RecordOf<K>[], so code over "any table" needs no casts. */
export type RecordOf<K extends ProjectTableName> = ProjectRecordByTable[K];

export type ProjectTables = { [K in ProjectTableName]: RecordOf<K>[] };

export function emptyProjectTables(): ProjectTables {
  return {
    sources: [],
    sourceContent: [],
    codes: [],
    codings: [],
    memos: [],
    cases: [],
    attributes: [],
    coders: [],
    savedSearches: [],
    speakers: [],
    casePassages: [],
  };
}

/** Sets one table's rows, typed by its name (a write through `tables[k]` with a generic k would need a cast). */
export function setRows<K extends ProjectTableName>(tables: { [P in K]: RecordOf<P>[] }, table: K, rows: RecordOf<K>[]): void {
  tables[table] = rows;
}
