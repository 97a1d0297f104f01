/**
 * Writes an imported REFI-QDA project (shared/refi) into a NEW Margin project: every record and
 * source text in one transaction, journaled as one batch "Imported <file>". If the write fails,
 * the new project is removed again, so a failed import leaves nothing behind.
 */
import Dexie from "dexie";
import type {
  AttributeRecord,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  JournaledTable,
  MemoRecord,
  RecordMeta,
  SourceRecord,
} from "../../shared/model/records";
import type { RefiImportResult } from "../../shared/refi/types";
import { openWriteContext, writeChanges, type ChangeWriter } from "./changes";
import type { CoderProfile } from "./profile";
import { closeProjectDatabase, projectDatabase } from "./projectDb";
import { createProject, setProjectSourceCount, type ProjectEntry } from "./projects";
import { registryDatabase } from "./registry";

type Fields<T extends RecordMeta> = Omit<T, keyof RecordMeta>;

function fields<T extends RecordMeta>(record: T): Fields<T> {
  const { id: _id, createdAt: _c, updatedAt: _u, updatedBy: _b, deleted: _d, ...rest } = record;
  return rest;
}

/** The writer stamps createdAt from ctx.now(): pointing it at each record's own date keeps the other tool's dates (e.g. when a segment was coded). */
interface CreatedAtClock {
  current: Date;
}

async function createAll<T extends RecordMeta>(
  w: ChangeWriter,
  at: CreatedAtClock,
  table: JournaledTable,
  records: readonly T[],
  patch?: (r: T) => T,
): Promise<void> {
  for (const record of records) {
    const r = patch ? patch(record) : record;
    const created = new Date(r.createdAt);
    at.current = Number.isNaN(created.getTime()) ? new Date() : created;
    await w.create<T>(table, fields(r), r.id);
  }
}

export async function writeRefiImport(
  result: RefiImportResult,
  profile: CoderProfile,
  fileName: string,
  now = new Date(),
): Promise<ProjectEntry> {
  const entry = await createProject(result.projectName, profile, now);
  const db = projectDatabase(entry.id);
  try {
    const base = await openWriteContext(db, profile.id);
    // The clock keeps the real time (merge order); only createdAt follows the file.
    const at: CreatedAtClock = { current: now };
    const ctx = { ...base, now: () => at.current };
    const { tables } = result;
    await writeChanges(db, ctx, `Imported ${fileName}`, async (w) => {
      // Coders first: codings and memos refer to them.
      await createAll<CoderRecord>(w, at, "coders", tables.coders);
      await createAll<CodeRecord>(w, at, "codes", tables.codes);
      await createAll<AttributeRecord>(w, at, "attributes", tables.attributes);
      await createAll<CaseRecord>(w, at, "cases", tables.cases);
      await createAll<SourceRecord>(w, at, "sources", tables.sources);
      await db.sourceContent.bulkAdd(tables.sourceContent);
      await createAll<CodingRecord>(w, at, "codings", tables.codings);
      // Project memos were made before the project had an id.
      await createAll<MemoRecord>(w, at, "memos", tables.memos, (m) => (m.targetKind === "project" ? { ...m, targetId: entry.id } : m));
    });
    await setProjectSourceCount(entry.id, tables.sources.length);
    return entry;
  } catch (error) {
    closeProjectDatabase(entry.id);
    await registryDatabase().projects.delete(entry.id);
    await Dexie.delete(db.name);
    throw error;
  }
}
