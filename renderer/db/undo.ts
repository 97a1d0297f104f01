import type { JournalEntry, RecordMeta } from "../../shared/model/records";
import { writeChanges } from "./changes";
import type { OpenProject } from "./projects";

/**
 * Reverts one batch of changes from the journal, newest first, as a NEW journaled batch (the audit
 * trail keeps both). Returns the new batch id, which redo reverts in turn.
 */
export async function revertBatch(project: OpenProject, batchId: string, kind: "undo" | "redo" = "undo"): Promise<string> {
  const { db, ctx } = project;
  const entries = await db.journal.where("batchId").equals(batchId).sortBy("seq");
  if (entries.length === 0) throw new Error("Nothing to undo.");
  const label = entries[0]?.label ?? "change";
  return writeChanges(
    db,
    ctx,
    label.startsWith("Undo: ") ? label.slice(6) : `Undo: ${label}`,
    async (w) => {
      for (const entry of [...entries].reverse()) await revertEntry(w, entry);
      return w.batchId;
    },
    kind,
  );
}

async function revertEntry(w: Parameters<Parameters<typeof writeChanges>[3]>[0], entry: JournalEntry): Promise<void> {
  switch (entry.op) {
    case "create":
      await w.remove<RecordMeta>(entry.table, entry.recordId);
      return;
    case "delete":
      await w.restore<RecordMeta>(entry.table, entry.recordId);
      return;
    case "restore":
      await w.remove<RecordMeta>(entry.table, entry.recordId);
      return;
    case "update": {
      const before = entry.before as Record<string, unknown>;
      const { id: _id, createdAt: _c, updatedAt: _u, updatedBy: _b, ...fields } = before;
      await w.update<RecordMeta>(entry.table, entry.recordId, fields as Partial<Omit<RecordMeta, keyof RecordMeta>>);
      return;
    }
  }
}
