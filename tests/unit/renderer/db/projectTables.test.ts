import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import type { RecordMeta } from "../../../../shared/model/records";
import { projectDatabase } from "../../../../renderer/db/projectDb";
import { readProjectTables, readTableInRanges } from "../../../../renderer/db/projectTables";

function memo(i: number): RecordMeta {
  return {
    id: `0196f3c2-0000-7000-8000-${String(i).padStart(12, "0")}`,
    createdAt: "2026-11-26T00:00:00.000Z",
    updatedAt: `1764115200000-0000${i % 10}-node`,
    updatedBy: "x",
    deleted: i % 7 === 0,
  };
}

describe("reading a project's tables in key ranges at once", () => {
  beforeEach(() => freshIndexedDb());

  it("reads every row once, in key order, whatever the number of ranges", async () => {
    const db = projectDatabase("p-ranges");
    // Put in a shuffled order so key order is the reader's doing, not the insertion's.
    const rows = Array.from({ length: 1037 }, (_, i) => memo(i));
    const shuffled = [...rows].sort((a, b) => ((a.id.charCodeAt(35) * 31) % 17) - ((b.id.charCodeAt(35) * 31) % 17));
    await db.table("memos").bulkPut(shuffled);
    for (const rangeRows of [5000, 1037, 1036, 300, 100, 10, 1]) {
      const progress: number[] = [];
      const read = await readTableInRanges(db.table<RecordMeta, string>("memos"), (n) => progress.push(n), rangeRows);
      expect(
        read.map((r) => r.id),
        `rangeRows ${rangeRows}`,
      ).toEqual(rows.map((r) => r.id));
      expect(read).toEqual(rows);
      // Progress only grows and ends at the row count; at most 8 ranges are read.
      expect(progress.at(-1)).toBe(1037);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress.length).toBeLessThanOrEqual(8);
      if (rangeRows < 1037) expect(progress.length).toBeGreaterThan(1);
    }
  });

  it("reads an empty table and a one-row table", async () => {
    const db = projectDatabase("p-small");
    expect(await readTableInRanges(db.table<RecordMeta, string>("memos"), undefined, 1)).toEqual([]);
    await db.table("memos").put(memo(3));
    expect(await readTableInRanges(db.table<RecordMeta, string>("memos"), undefined, 1)).toEqual([memo(3)]);
  });

  it("reads the whole project with or without the transcripts", async () => {
    const db = projectDatabase("p-whole");
    await db.table("memos").bulkPut(Array.from({ length: 30 }, (_, i) => memo(i)));
    await db.table("sourceContent").put({ id: "s1", text: "Hello", blocks: [], marks: [], turns: [] });
    const progress: number[] = [];
    const without = await readProjectTables(db, { content: false, onProgress: (p) => progress.push(p.done) });
    expect(without.memos).toHaveLength(30);
    expect(without.sourceContent).toEqual([]);
    expect(progress.at(-1)).toBe(30);
    const whole = await readProjectTables(db, { content: true });
    expect(whole.sourceContent.map((c) => c.id)).toEqual(["s1"]);
  });
});
