import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { ProjectDatabase } from "../../../../renderer/db/projectDb";
import { openWriteContext, writeChanges } from "../../../../renderer/db/changes";
import type { CaseRecord } from "../../../../shared/model/records";
import { parseStamp } from "../../../../shared/clock/hlc";

beforeEach(freshIndexedDb);

async function setup(nowMs = 1_764_000_000_000) {
  const db = new ProjectDatabase("journal-test");
  await db.open();
  let t = nowMs;
  const ctx = await openWriteContext(db, "0190a000-0000-7000-8000-000000000001", () => new Date(t));
  return { db, ctx, setTime: (v: number) => (t = v) };
}

describe("repository writes", () => {
  it("journal every create, update, delete and restore with who, when and what", async () => {
    const { db, ctx } = await setup();
    const created = await writeChanges(db, ctx, "Added case", (w) =>
      w.create<CaseRecord>("cases", { name: "SiteA_P07", description: "", values: {} }),
    );
    await writeChanges(db, ctx, "Renamed case", (w) => w.update<CaseRecord>("cases", created.id, { name: "SiteA_P08" }));
    await writeChanges(db, ctx, "Deleted case", (w) => w.remove<CaseRecord>("cases", created.id));
    await writeChanges(db, ctx, "Restored case", (w) => w.restore<CaseRecord>("cases", created.id));

    const journal = await db.journal.orderBy("seq").toArray();
    expect(journal.map((e) => e.op)).toEqual(["create", "update", "delete", "restore"]);
    expect(journal.map((e) => e.label)).toEqual(["Added case", "Renamed case", "Deleted case", "Restored case"]);
    expect(new Set(journal.map((e) => e.recordId))).toEqual(new Set([created.id]));
    expect(journal.every((e) => e.coderId === ctx.coderId && e.table === "cases")).toBe(true);
    expect((journal[1]!.before as CaseRecord).name).toBe("SiteA_P07");
    expect((journal[1]!.after as CaseRecord).name).toBe("SiteA_P08");
    // Stamps increase, and the record carries the stamp of its last change.
    for (let i = 1; i < journal.length; i++) expect(journal[i]!.at > journal[i - 1]!.at).toBe(true);
    const stored = await db.cases.get(created.id);
    expect(stored?.updatedAt).toBe(journal[3]!.at);
    expect(stored?.deleted).toBe(false);
    db.close();
  });

  it("tombstones instead of deleting", async () => {
    const { db, ctx } = await setup();
    const c = await writeChanges(db, ctx, "Added case", (w) => w.create<CaseRecord>("cases", { name: "X", description: "", values: {} }));
    await writeChanges(db, ctx, "Deleted case", (w) => w.remove<CaseRecord>("cases", c.id));
    const stored = await db.cases.get(c.id);
    expect(stored?.deleted).toBe(true);
    db.close();
  });

  it("rolls back records and journal together when a batch fails", async () => {
    const { db, ctx } = await setup();
    await expect(
      writeChanges(db, ctx, "Two cases", async (w) => {
        await w.create<CaseRecord>("cases", { name: "A", description: "", values: {} });
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await db.cases.count()).toBe(0);
    expect(await db.journal.count()).toBe(0);
    db.close();
  });

  it("resumes its clock after the journal's last stamp when the wall clock went back", async () => {
    const { db, ctx } = await setup(2_000_000);
    await writeChanges(db, ctx, "Added case", (w) => w.create<CaseRecord>("cases", { name: "A", description: "", values: {} }));
    const reopened = await openWriteContext(db, ctx.coderId, () => new Date(1_000_000));
    const c = await writeChanges(db, reopened, "Added case", (w) =>
      w.create<CaseRecord>("cases", { name: "B", description: "", values: {} }),
    );
    expect(parseStamp(c.updatedAt).wallTime).toBe(2_000_000);
    db.close();
  });
});
