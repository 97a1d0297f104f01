import Dexie, { type DexieOptions, type EntityTable, type Table } from "dexie";
import type {
  AttributeRecord,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  JournalEntry,
  MemoRecord,
  ProjectMetaRecord,
  SourceContentRecord,
  SourceRecord,
} from "../../shared/model/records";
import { PROJECT_SCHEMA_V1, projectDbName } from "./schema";

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
  journal!: EntityTable<JournalEntry, "seq">;

  constructor(projectId: string, options: DexieOptions = {}) {
    // Strict durability: a coding the researcher saw saved must survive a power cut.
    super(projectDbName(projectId), { chromeTransactionDurability: "strict", ...options });
    this.version(1).stores(PROJECT_SCHEMA_V1);
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
