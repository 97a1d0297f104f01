import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { freshIndexedDb } from "./helpers";
import { liveQuery } from "dexie";
import { IDBIndex, IDBObjectStore } from "fake-indexeddb";
import type { OpenProject } from "../../../../renderer/db/projects";
import { writeChanges } from "../../../../renderer/db/changes";
import { countsByCode, createCode, deleteCode, listCodes, mergeCodes, moveCode } from "../../../../renderer/db/codes";
import { codeRange, uncode, uncodeRange } from "../../../../renderer/db/codings";
import { codingCountsBySource } from "../../../../renderer/db/sources";
import { buildTally, tallyCodeCounts, applyCoding } from "../../../../renderer/db/codingTally";
import { codeCounts } from "../../../../shared/coding/counts";
import { indexCodes } from "../../../../shared/coding/codeTree";
import type { CodeRecord, CodingRecord, SourceRecord } from "../../../../shared/model/records";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);
afterEach(() => vi.restoreAllMocks());

async function addSources(p: OpenProject, n: number): Promise<string[]> {
  return writeChanges(p.db, p.ctx, "Imported", async (w) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const s = await w.create<SourceRecord>("sources", {
        name: `P${i}`,
        kind: "interview",
        fileName: `p${i}.txt`,
        format: "txt",
        importedAt: "2026-01-01T00:00:00.000Z",
        charCount: 10_000,
        wordCount: 1_500,
        contentHash: `h${i}`,
        caseIds: [],
        memo: "",
      });
      ids.push(s.id);
    }
    return ids;
  });
}

/** What the counts must be: recounted from every record, the slow way the tally replaces. */
async function bruteForce(p: OpenProject) {
  const codes = (await p.db.codes.toArray()).filter((c) => !c.deleted);
  const live = (await p.db.codings.toArray()).filter((c) => !c.deleted);
  const perSource = new Map<string, number>();
  for (const c of live) perSource.set(c.sourceId, (perSource.get(c.sourceId) ?? 0) + 1);
  return { codes: codeCounts(codes, live), sources: perSource };
}

/** A seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("coding counts kept from the journal", () => {
  it("agree with a full recount after every kind of change (coding, uncoding, merge, move, delete, undo, redo)", async () => {
    const p = await newProject();
    const sources = await addSources(p, 4);
    const a = await createCode(p, { name: "A" });
    const b = await createCode(p, { name: "B", parentId: a.id });
    const c = await createCode(p, { name: "C", parentId: b.id });
    const d = await createCode(p, { name: "D" });
    const e = await createCode(p, { name: "E", parentId: d.id });
    // The first read loads the tally; everything after is incremental.
    expect(await countsByCode(p)).toEqual((await bruteForce(p)).codes);

    const random = rng(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const ops: string[] = [];
    for (let step = 0; step < 60; step++) {
      const live = (await listCodes(p)).filter((code) => !code.isCategory);
      const codings = (await p.db.codings.toArray()).filter((x) => !x.deleted);
      const roll = random();
      const start = Math.floor(random() * 900);
      const range = { start, end: start + 1 + Math.floor(random() * 80) };
      try {
        if (roll < 0.45 && live.length > 0) {
          ops.push("code");
          await codeRange(p, pick(sources), pick(live).id, range);
        } else if (roll < 0.55 && codings.length > 0) {
          ops.push("uncode");
          await uncode(p, pick(codings).id);
        } else if (roll < 0.62 && codings.length > 0) {
          ops.push("uncode range");
          const target = pick(codings);
          await uncodeRange(p, target.sourceId, target.codeId, { start: target.start + 1, end: target.start + 3 });
        } else if (roll < 0.75) {
          ops.push("undo");
          await p.history.undo(p);
        } else if (roll < 0.82) {
          ops.push("redo");
          await p.history.redo(p);
        } else if (roll < 0.88 && live.length > 2) {
          ops.push("merge");
          const from = pick(live);
          const into = pick(live.filter((x) => x.id !== from.id));
          await mergeCodes(p, from.id, into.id);
        } else if (roll < 0.94 && live.length > 2) {
          ops.push("move");
          await moveCode(p, pick(live).id, { parentId: pick([null, ...live.map((x) => x.id)]), index: 0 });
        } else if (live.length > 3) {
          ops.push("delete");
          await deleteCode(p, pick(live).id);
        }
      } catch (error) {
        // A refused move (into itself) writes nothing: the counts must still agree.
        ops.push(`refused: ${error instanceof Error ? error.message : String(error)}`);
      }
      const truth = await bruteForce(p);
      expect(await countsByCode(p), `after ${ops.join(", ")}`).toEqual(truth.codes);
      expect(await codingCountsBySource(p), `after ${ops.join(", ")}`).toEqual(truth.sources);
    }
    expect(ops.filter((o) => o === "code").length).toBeGreaterThan(10);
    for (const op of ["code", "uncode", "undo", "redo", "merge", "move", "delete"]) expect(ops, op).toContain(op);
    void [c, e];
  });

  it("sees codings written by another connection (another window) through the journal", async () => {
    const p = await newProject();
    const [s1] = await addSources(p, 1);
    const a = await createCode(p, { name: "A" });
    await codeRange(p, s1 ?? "", a.id, { start: 0, end: 5 });
    expect((await countsByCode(p)).get(a.id)?.codings).toBe(1);
    const { ProjectDatabase } = await import("../../../../renderer/db/projectDb");
    const other = new ProjectDatabase(p.entry.id);
    await other.open();
    await writeChanges(other, p.ctx, "Coded elsewhere", (w) =>
      w.create<CodingRecord>("codings", { sourceId: s1 ?? "", codeId: a.id, start: 50, end: 60, coderId: "someone", note: "" }),
    );
    other.close();
    expect((await countsByCode(p)).get(a.id)).toEqual({ codings: 2, sources: 1, codingsWithDescendants: 2, sourcesWithDescendants: 1 });
    expect((await codingCountsBySource(p)).get(s1 ?? "")).toBe(2);
  });

  it("re-runs a live query after a coding without reading every coding again", async () => {
    const p = await newProject();
    const sources = await addSources(p, 3);
    const a = await createCode(p, { name: "A" });
    const b = await createCode(p, { name: "B" });
    await writeChanges(p.db, p.ctx, "Seeded", async (w) => {
      for (let i = 0; i < 300; i++)
        await w.create<CodingRecord>("codings", {
          sourceId: sources[i % 3] ?? "",
          codeId: i % 2 ? a.id : b.id,
          start: i * 10,
          end: i * 10 + 5,
          coderId: p.ctx.coderId,
          note: "",
        });
    });
    const seen: Map<string, { codings: number }>[] = [];
    const subscription = liveQuery(() => countsByCode(p)).subscribe((value) => seen.push(value));
    await vi.waitFor(() => expect(seen.length).toBe(1));
    expect(seen[0]?.get(a.id)?.codings).toBe(150);

    // Count coding records IndexedDB hands out from here on.
    let recordsRead = 0;
    const countRecords = (name: string) => (request: { result: unknown; addEventListener: (t: string, f: () => void) => void }) => {
      request.addEventListener("success", () => {
        if (name === "codings") recordsRead += Array.isArray(request.result) ? request.result.length : 1;
      });
      return request;
    };
    for (const proto of [IDBObjectStore.prototype, IDBIndex.prototype] as const) {
      for (const method of ["getAll", "get"] as const) {
        const original = proto[method] as (this: IDBObjectStore | IDBIndex, ...args: unknown[]) => never;
        vi.spyOn(proto, method).mockImplementation(function (this: IDBObjectStore | IDBIndex, ...args: unknown[]) {
          const store = this instanceof IDBIndex ? this.objectStore : this;
          return countRecords(store.name)(original.apply(this, args));
        } as never);
      }
    }
    await codeRange(p, sources[0] ?? "", a.id, { start: 5_000, end: 5_010 });
    await vi.waitFor(() => expect(seen.at(-1)?.get(a.id)?.codings).toBe(151));
    subscription.unsubscribe();
    // The write's overlap check reads this source's 50 codings of code A, and the counts re-read the
    // one new coding: 51, where a recount would read all 301.
    expect(recordsRead).toBeGreaterThan(0);
    expect(recordsRead).toBeLessThanOrEqual(51);
  });
});

describe("the tally on its own", () => {
  const code = (id: string, parentId: string | null): CodeRecord =>
    ({
      id,
      parentId,
      name: id,
      description: "",
      colour: "#000000",
      order: 0,
      isCategory: false,
      createdAt: "",
      updatedAt: "",
      updatedBy: "",
      deleted: false,
    }) as CodeRecord;

  it("matches codeCounts when the tree changes shape between changes", () => {
    const codes = [code("a", null), code("b", "a"), code("c", "b"), code("d", null)];
    const codings = [
      { id: "1", codeId: "c", sourceId: "s1", deleted: false },
      { id: "2", codeId: "c", sourceId: "s2", deleted: false },
      { id: "3", codeId: "b", sourceId: "s1", deleted: false },
      { id: "4", codeId: "d", sourceId: "s1", deleted: true },
    ];
    const tally = buildTally(codings, 0);
    const live = () => codings.filter((c) => !c.deleted);
    expect(tallyCodeCounts(tally, indexCodes(codes))).toEqual(codeCounts(codes, live()));
    // c moves under d, and a coding moves from b to d.
    const moved = [code("a", null), code("b", "a"), code("c", "d"), code("d", null)];
    codings[2] = { id: "3", codeId: "d", sourceId: "s3", deleted: false };
    applyCoding(tally, "3", codings[2]);
    expect(tallyCodeCounts(tally, indexCodes(moved))).toEqual(codeCounts(moved, live()));
    codings[0] = { id: "1", codeId: "c", sourceId: "s1", deleted: true };
    applyCoding(tally, "1", codings[0]);
    applyCoding(tally, "9", undefined);
    expect(tallyCodeCounts(tally, indexCodes(moved))).toEqual(codeCounts(moved, live()));
  });
});
