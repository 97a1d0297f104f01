import type { Table } from "dexie";
import { HybridLogicalClock } from "../../shared/clock/hlc";
import { clockNodeFor, newId } from "../../shared/ids";
import type { JournalEntry, JournaledTable, RecordMeta } from "../../shared/model/records";
import { STAMPED_TABLES } from "../../shared/model/tables";
import type { ProjectDatabase } from "./projectDb";

/** A committed batch of changes, as undo/redo sees it. */
export interface CommittedBatch {
  batchId: string;
  label: string;
  /** "change" for researcher edits; undo and redo batches are reported as such so they are not re-stacked. */
  kind: "change" | "undo" | "redo";
}

/** One journaled change: which record, what happened to it, when, and the record before and after. */
type JournaledChange = [table: JournaledTable, recordId: string, op: JournalEntry["op"], at: string, before: unknown, after: unknown];

/** Who is writing, and their clock. One per open project. */
export interface WriteContext {
  readonly coderId: string;
  readonly clock: HybridLogicalClock;
  readonly now: () => Date;
  /** Told after each batch commits (the undo history listens). */
  onCommit?: (batch: CommittedBatch) => void;
}

/** Builds a write context whose clock starts after every stamp already in the journal. */
export async function openWriteContext(db: ProjectDatabase, coderId: string, now: () => Date = () => new Date()): Promise<WriteContext> {
  const last = await db.journal.orderBy("at").last();
  const clock = new HybridLogicalClock(clockNodeFor(coderId), () => now().getTime(), last?.at);
  return { coderId, clock, now };
}

type Fields<T extends RecordMeta> = Omit<T, keyof RecordMeta>;

/**
 * Writes records and their journal entries together. Every change to a journaled table goes through
 * here, so the audit trail, undo and delta bundles see all of them.
 */
export class ChangeWriter {
  readonly entries: JournalEntry[] = [];

  constructor(
    private readonly db: ProjectDatabase,
    private readonly ctx: WriteContext,
    private readonly label: string,
    readonly batchId: string = newId(),
  ) {}

  private table<T extends RecordMeta>(name: JournaledTable): Table<T, string> {
    return this.db.table(name);
  }

  async create<T extends RecordMeta>(name: JournaledTable, fields: Fields<T>, id: string = newId()): Promise<T> {
    const stamp = this.ctx.clock.tick();
    const record = {
      ...fields,
      id,
      createdAt: this.ctx.now().toISOString(),
      updatedAt: stamp,
      updatedBy: this.ctx.coderId,
      deleted: false,
    } as T;
    await this.table<T>(name).add(record);
    await this.journal(name, id, "create", stamp, null, record);
    return record;
  }

  async update<T extends RecordMeta>(name: JournaledTable, id: string, patch: Partial<Fields<T>>): Promise<T> {
    const before = await this.table<T>(name).get(id);
    if (!before) throw new Error(`No ${name} record ${id}`);
    const stamp = this.ctx.clock.tick();
    const after = asEdited({ ...before, ...patch, updatedAt: stamp, updatedBy: this.ctx.coderId } as T);
    await this.table<T>(name).put(after);
    await this.journal(name, id, "update", stamp, before, after);
    return after;
  }

  /**
   * Writes a record exactly as given, keeping its own stamp and author (a merged or restored record is
   * someone else's edit, and last-writer-wins must keep seeing it as such). Journaled, so it is undoable.
   */
  async putAsIs<T extends RecordMeta>(name: JournaledTable, record: T): Promise<void> {
    const before = await this.table<T>(name).get(record.id);
    await this.table<T>(name).put(record);
    await this.journal(name, record.id, journalOp(before, record), this.ctx.clock.tick(), before ?? null, record);
  }

  /**
   * putAsIs for many records of one table at once: their current versions in one read, the records in
   * one write, their journal entries in one write. Awaiting three requests per record made a merge of
   * 10,000 codings wait on 30,000 round trips to IndexedDB one after another.
   */
  async putAllAsIs<T extends RecordMeta>(name: JournaledTable, records: readonly T[]): Promise<void> {
    if (records.length === 0) return;
    const ids = records.map((r) => r.id);
    // The same record twice: the second's "before" is the first's "after", so go one by one.
    if (new Set(ids).size !== ids.length) {
      for (const record of records) await this.putAsIs(name, record);
      return;
    }
    const befores = await this.table<T>(name).bulkGet(ids);
    await this.table<T>(name).bulkPut([...records]);
    const entries = records.map((record, i) => {
      const before = befores[i];
      return this.entry(name, record.id, journalOp(before, record), this.ctx.clock.tick(), before ?? null, record);
    });
    await this.db.journal.bulkAdd(entries);
  }

  /** Tombstones a record; it stays in the table (hidden) so undo and merge can see it. */
  async remove<T extends RecordMeta>(name: JournaledTable, id: string): Promise<T> {
    return this.setDeleted<T>(name, id, true);
  }

  async restore<T extends RecordMeta>(name: JournaledTable, id: string): Promise<T> {
    return this.setDeleted<T>(name, id, false);
  }

  private async setDeleted<T extends RecordMeta>(name: JournaledTable, id: string, deleted: boolean): Promise<T> {
    const before = await this.table<T>(name).get(id);
    if (!before) throw new Error(`No ${name} record ${id}`);
    const stamp = this.ctx.clock.tick();
    const after = asEdited({ ...before, deleted, updatedAt: stamp, updatedBy: this.ctx.coderId } as T);
    await this.table<T>(name).put(after);
    await this.journal(name, id, deleted ? "delete" : "restore", stamp, before, after);
    return after;
  }

  private async journal(...change: JournaledChange): Promise<void> {
    await this.db.journal.add(this.entry(...change));
  }

  /** A journal entry of this batch, kept for the undo history. */
  private entry(...[table, recordId, op, at, before, after]: JournaledChange): JournalEntry {
    const entry: JournalEntry = {
      at,
      coderId: this.ctx.coderId,
      table,
      recordId,
      op,
      label: this.label,
      batchId: this.batchId,
      before,
      after,
    };
    this.entries.push(entry);
    return entry;
  }
}

/** What writing `record` over `before` (as it is) does, in the journal's words. */
function journalOp(before: RecordMeta | undefined, record: RecordMeta): JournalEntry["op"] {
  if (!before) return "create";
  if (record.deleted && !before.deleted) return "delete";
  if (!record.deleted && before.deleted) return "restore";
  return "update";
}

/**
 * Runs `work` in ONE read-write transaction: its records, their journal entries and any source content
 * land together or not at all. `batch` joins several transactions into one undo step (an import of many
 * files, each saved on its own): they share its batch id and label, and undo reverts them together.
 */
export async function writeChanges<R>(
  db: ProjectDatabase,
  ctx: WriteContext,
  label: string,
  work: (writer: ChangeWriter) => Promise<R>,
  kind: CommittedBatch["kind"] = "change",
  batch?: { id: string; label: string },
): Promise<R> {
  let writer: ChangeWriter | undefined;
  const result = await db.transaction("rw", [...STAMPED_TABLES, "journal", "sourceContent", "meta"], async () => {
    writer = new ChangeWriter(db, ctx, batch?.label ?? label, batch?.id);
    return work(writer);
  });
  // Only after the commit: a rolled-back batch must never appear in the undo history.
  if (writer && writer.entries.length > 0) ctx.onCommit?.({ batchId: writer.batchId, label: batch?.label ?? label, kind });
  return result;
}

/**
 * A coder's edit of a record settling had re-pointed (shared/merge/settle.ts) is a plain edit of what it
 * shows: the `codedAs` of the settled version does not travel on.
 */
function asEdited<T extends object>(record: T): T {
  if (!("codedAs" in record)) return record;
  const { codedAs: _settledFrom, ...rest } = record as T & { codedAs?: string };
  return rest as T;
}
