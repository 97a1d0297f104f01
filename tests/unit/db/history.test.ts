import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { createProject, openProject } from "../../../renderer/db/projects";
import { saveProfile } from "../../../renderer/db/profile";
import { writeChanges } from "../../../renderer/db/changes";
import type { CaseRecord } from "../../../shared/model/records";

beforeEach(freshIndexedDb);

describe("undo history", () => {
  it("undoes and redoes committed batches in order, and a new change clears redo", async () => {
    const profile = await saveProfile({ name: "Amira Patel", initials: "AP" });
    const p = await openProject((await createProject("Study", profile)).id, profile);
    const c = await writeChanges(p.db, p.ctx, "Added case", (w) => w.create<CaseRecord>("cases", { name: "A", description: "", values: {} }));
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
    const profile = await saveProfile({ name: "Amira Patel", initials: "AP" });
    const p = await openProject((await createProject("Study", profile)).id, profile);
    await expect(
      writeChanges(p.db, p.ctx, "Broken", async (w) => {
        await w.create<CaseRecord>("cases", { name: "A", description: "", values: {} });
        throw new Error("no");
      }),
    ).rejects.toThrow();
    expect(p.history.state().undoLabel).toBeNull();
  });
});
