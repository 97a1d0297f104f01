import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { writeChanges } from "../../../../renderer/db/changes";
import { revertBatch } from "../../../../renderer/db/undo";
import type { CaseRecord } from "../../../../shared/model/records";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

describe("undo from the journal", () => {
  it("reverts a create, an update and a delete, and redo reverts the undo", async () => {
    const p = await newProject();
    const { record, batchId } = await writeChanges(p.db, p.ctx, "Added case", async (w) => ({
      record: await w.create<CaseRecord>("cases", { name: "A", description: "", values: {} }),
      batchId: w.batchId,
    }));
    const renameBatch = await writeChanges(p.db, p.ctx, "Renamed case", async (w) => {
      await w.update<CaseRecord>("cases", record.id, { name: "B", values: { role: "Nurse" } });
      return w.batchId;
    });
    const undoRename = await revertBatch(p, renameBatch);
    expect(await p.db.cases.get(record.id)).toMatchObject({ name: "A", values: {}, deleted: false });
    await revertBatch(p, undoRename); // redo
    expect(await p.db.cases.get(record.id)).toMatchObject({ name: "B", values: { role: "Nurse" } });

    await revertBatch(p, batchId); // undo the create: tombstone, not a hard delete
    expect((await p.db.cases.get(record.id))?.deleted).toBe(true);

    const labels = (await p.db.journal.orderBy("seq").toArray()).map((e) => e.label);
    expect(labels.slice(-4)).toEqual(["Renamed case", "Undo: Renamed case", "Renamed case", "Undo: Added case"]);
  });

  it("brings back deleted records whole", async () => {
    const p = await newProject();
    const c = await writeChanges(p.db, p.ctx, "Added case", (w) =>
      w.create<CaseRecord>("cases", { name: "A", description: "d", values: { x: 1 } }),
    );
    const del = await writeChanges(p.db, p.ctx, "Deleted case", async (w) => {
      await w.remove<CaseRecord>("cases", c.id);
      return w.batchId;
    });
    await revertBatch(p, del);
    expect(await p.db.cases.get(c.id)).toMatchObject({ name: "A", description: "d", values: { x: 1 }, deleted: false });
  });
});
