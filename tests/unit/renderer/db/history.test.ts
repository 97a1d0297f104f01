import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { writeChanges } from "../../../../renderer/db/changes";
import type { CaseRecord } from "../../../../shared/model/records";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

describe("undo history", () => {
  it("undoes and redoes committed batches in order, and a new change clears redo", async () => {
    const p = await newProject();
    const c = await writeChanges(p.db, p.ctx, "Added case", (w) =>
      w.create<CaseRecord>("cases", { name: "A", description: "", values: {} }),
    );
    await writeChanges(p.db, p.ctx, "Renamed case", (w) => w.update<CaseRecord>("cases", c.id, { name: "B" }));
    expect(p.history.state()).toEqual({ undoLabel: "Renamed case", redoLabel: null });

    expect(await p.history.undo(p)).toBe("Renamed case");
    expect((await p.db.cases.get(c.id))?.name).toBe("A");
    expect(p.history.state()).toEqual({ undoLabel: "Added case", redoLabel: "Renamed case" });
    expect(await p.history.undo(p)).toBe("Added case");
    expect((await p.db.cases.get(c.id))?.deleted).toBe(true);
    expect(await p.history.undo(p)).toBeNull();

    expect(await p.history.redo(p)).toBe("Added case");
    expect(await p.history.redo(p)).toBe("Renamed case");
    expect(await p.db.cases.get(c.id)).toMatchObject({ name: "B", deleted: false });

    await p.history.undo(p);
    await writeChanges(p.db, p.ctx, "Described case", (w) => w.update<CaseRecord>("cases", c.id, { description: "x" }));
    expect(p.history.state()).toEqual({ undoLabel: "Described case", redoLabel: null });
  });

  it("never records a batch that rolled back", async () => {
    const p = await newProject();
    await expect(
      writeChanges(p.db, p.ctx, "Broken", async (w) => {
        await w.create<CaseRecord>("cases", { name: "A", description: "", values: {} });
        throw new Error("no");
      }),
    ).rejects.toThrow();
    expect(p.history.state().undoLabel).toBeNull();
  });
});
