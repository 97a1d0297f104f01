import Dexie, { type DexieOptions, type EntityTable, type Table } from "dexie";
import type {
  AttributeRecord,
  CasePassageRecord,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  JournalEntry,
  MemoRecord,
  ProjectMetaRecord,
  SavedSearchRecord,
  SourceContentRecord,
  SourceRecord,
  SpeakerRecord,
} from "../../shared/model/records";
import { PROJECT_SCHEMA_V1, PROJECT_SCHEMA_V2, projectDbName } from "./schema";

/** One Dexie database per project. Only renderer/db may use this class. */
export class ProjectDatabase extends Dexie {
  meta!: Table<ProjectMetaRecord, string>;
  sources!: EntityTable<SourceRecord, "id">;
  sourceContent!: EntityTable<SourceContentRecord, "id">;
  codes!: EntityTable<CodeRecord, "id">;
  codings!: EntityTable<CodingRecord, "id">;
  memos!: EntityTable<MemoRecord, "id">;
  cases!: EntityTable<CaseRecord, "id">;
  attributes!: EntityTable<AttributeRecord, "id">;
  coders!: EntityTable<CoderRecord, "id">;
  savedSearches!: EntityTable<SavedSearchRecord, "id">;
  speakers!: EntityTable<SpeakerRecord, "id">;
  casePassages!: EntityTable<CasePassageRecord, "id">;
  journal!: EntityTable<JournalEntry, "seq">;

  constructor(projectId: string, options: DexieOptions = {}) {
    // Strict durability: a coding the researcher saw saved must survive a power cut.
    super(projectDbName(projectId), { chromeTransactionDurability: "strict", ...options });
    this.version(1).stores(PROJECT_SCHEMA_V1);
    // New, empty stores only: no upgrade function is needed (tests/unit/renderer/db/schema-v2.test.ts).
    this.version(2).stores(PROJECT_SCHEMA_V2);
  }
}

const open = new Map<string, ProjectDatabase>();

/** The open database for a project (one connection per project per window). */
export function projectDatabase(projectId: string): ProjectDatabase {
  let db = open.get(projectId);
  if (!db) {
    db = new ProjectDatabase(projectId);
    open.set(projectId, db);
  }
  return db;
}

export function closeProjectDatabase(projectId: string): void {
  open.get(projectId)?.close();
  open.delete(projectId);
}

/** Tests and project deletion: forget every open connection. */
export function closeAllProjectDatabases(): void {
  for (const db of open.values()) db.close();
  open.clear();
}
