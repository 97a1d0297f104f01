import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { ProjectDatabase } from "../../../../renderer/db/projectDb";
import { openWriteContext, writeChanges } from "../../../../renderer/db/changes";
import type { CaseRecord } from "../../../../shared/model/records";

beforeEach(freshIndexedDb);

const other = "0190a000-0000-7000-8000-00000000000b";
function theirCase(n: number, fields: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: `0190a000-0000-7000-8000-${String(n).padStart(12, "0")}`,
    createdAt: "2026-11-20T10:00:00.000Z",
    updatedAt: `1764000000000-0000${n % 10}-theirs`,
    updatedBy: other,
    deleted: false,
    name: `Site_${n}`,
    description: "",
    values: {},
    ...fields,
  };
}

async function setup() {
  const db = new ProjectDatabase("put-all-test");
  await db.open();
  const ctx = await openWriteContext(db, "0190a000-0000-7000-8000-000000000001", () => new Date(1_765_000_000_000));
  return { db, ctx };
}

describe("writing many records as they are (merge, restore, a project from a bundle)", () => {
  it("keeps each record's own stamp and journals create, update, delete and restore with the version before", async () => {
    const { db, ctx } = await setup();
    await writeChanges(db, ctx, "Earlier merge", (w) =>
      w.putAllAsIs("cases", [theirCase(1), theirCase(2), theirCase(3, { deleted: true })]),
    );
    const incoming = [
      theirCase(1, { name: "Renamed", updatedAt: "1764000000100-00000-theirs" }),
      theirCase(2, { deleted: true, updatedAt: "1764000000100-00001-theirs" }),
      theirCase(3, { updatedAt: "1764000000100-00002-theirs" }),
      theirCase(4),
    ];
    await writeChanges(db, ctx, "Merged", (w) => w.putAllAsIs("cases", incoming));

    expect(await db.cases.orderBy(":id").toArray()).toEqual(incoming);
    const journal = (await db.journal.orderBy("seq").toArray()).filter((e) => e.label === "Merged");
    expect(journal.map((e) => [e.recordId, e.op])).toEqual([
      [incoming[0]!.id, "update"],
      [incoming[1]!.id, "delete"],
      [incoming[2]!.id, "restore"],
      [incoming[3]!.id, "create"],
    ]);
    expect((journal[0]!.before as CaseRecord).name).toBe("Site_1");
    expect(journal[0]!.after).toEqual(incoming[0]);
    expect(journal[3]!.before).toBeNull();
    expect(new Set(journal.map((e) => e.batchId)).size).toBe(1);
    for (let i = 1; i < journal.length; i++) expect(journal[i]!.at > journal[i - 1]!.at).toBe(true);
    db.close();
  });

  it("the same record twice: the second's version before is the first", async () => {
    const { db, ctx } = await setup();
    const first = theirCase(7);
    const second = theirCase(7, { name: "Second", updatedAt: "1764000000200-00000-theirs" });
    await writeChanges(db, ctx, "Twice", (w) => w.putAllAsIs("cases", [first, second]));
    const journal = await db.journal.orderBy("seq").toArray();
    expect(journal.map((e) => e.op)).toEqual(["create", "update"]);
    expect(journal[1]!.before).toEqual(first);
    expect(await db.cases.get(first.id)).toEqual(second);
    db.close();
  });

  it("a failure anywhere in the batch leaves nothing written", async () => {
    const { db, ctx } = await setup();
    await expect(
      writeChanges(db, ctx, "Fails", async (w) => {
        await w.putAllAsIs("cases", [theirCase(1), theirCase(2)]);
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await db.cases.count()).toBe(0);
    expect(await db.journal.count()).toBe(0);
    db.close();
  });
});
