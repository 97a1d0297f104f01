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

export function emptyProjectTables(): ProjectTables {
  return { sources: [], sourceContent: [], codes: [], codings: [], memos: [], cases: [], attributes: [], coders: [] };
}
