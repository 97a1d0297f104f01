/**
 * A whole project (or a slice of one) as plain arrays of records, tombstones included. One shape for
 * every path that moves a project as data: encrypted bundles, merge, REFI-QDA import/export, reports
 * and the CLI, so each can feed the others without conversion.
 */

import type {
  AttributeRecord,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  MemoRecord,
  SourceContentRecord,
  SourceRecord,
} from "./records";

export interface ProjectTables {
  sources: SourceRecord[];
  /** One per source that is included; `id` equals the source id. */
  sourceContent: SourceContentRecord[];
  codes: CodeRecord[];
  codings: CodingRecord[];
  memos: MemoRecord[];
  cases: CaseRecord[];
  attributes: AttributeRecord[];
  coders: CoderRecord[];
}

export const PROJECT_TABLE_NAMES = ["sources", "sourceContent", "codes", "codings", "memos", "cases", "attributes", "coders"] as const;

export type ProjectTableName = (typeof PROJECT_TABLE_NAMES)[number];

/** Tables whose records carry RecordMeta stamps and are journaled: every table but source content. */
export type StampedTableName = Exclude<ProjectTableName, "sourceContent">;

/** The stamped tables in PROJECT_TABLE_NAMES order: derived, so a new table is added in one place. */
export const STAMPED_TABLES: readonly StampedTableName[] = PROJECT_TABLE_NAMES.filter((t): t is StampedTableName => t !== "sourceContent");

export function emptyProjectTables(): ProjectTables {
  return { sources: [], sourceContent: [], codes: [], codings: [], memos: [], cases: [], attributes: [], coders: [] };
}
