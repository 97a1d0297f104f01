import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { ProjectDatabase } from "../../../../renderer/db/projectDb";
import { openWriteContext, writeChanges } from "../../../../renderer/db/changes";
import { History } from "../../../../renderer/db/history";
import type { OpenProject } from "../../../../renderer/db/projects";
import { listCodersInTrail, listJournal, listWholeJournal } from "../../../../renderer/db/journalQueries";
import { parseCsv } from "../../../../shared/cases/csv";
import type {
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  JournalEntry,
  MemoRecord,
  SourceRecord,
} from "../../../../shared/model/records";
import {
  changedFields,
  describeBatch,
  describeDetail,
  describeWhat,
  groupBatches,
  stampTime,
  type NameLookup,
} from "../../../../renderer/audit/describeEntry";
import { auditCsv } from "../../../../renderer/audit/auditCsv";

beforeEach(freshIndexedDb);

const AMIRA = "0190a000-0000-7000-8000-00000000000a";
const BEN = "0190a000-0000-7000-8000-00000000000b";

/** Two coders writing to one project database, each with a clock we set. */
async function twoCoders() {
  const db = new ProjectDatabase("journal-test");
  await db.open();
  const entry = {
    id: "journal-test",
    name: "Test",
    createdAt: "2024-01-01T00:00:00.000Z",
    lastOpenedAt: null,
    sourceCount: 0,
    deletedAt: null,
  };
  let now = new Date(2024, 2, 5, 10, 0); // 5 March 2024, 10:00 local
  const clock = () => now;
  const amira: OpenProject = { entry, db, ctx: await openWriteContext(db, AMIRA, clock), history: new History() };
  const ben: OpenProject = { entry, db, ctx: await openWriteContext(db, BEN, clock), history: new History() };
  await writeChanges(db, amira.ctx, "Joined project", (w) =>
    w.create<CoderRecord>("coders", { name: "Amira Patel", initials: "AP", colour: "#0072B2", publicKey: null }, AMIRA),
  );
  await writeChanges(db, ben.ctx, "Joined project", (w) =>
    w.create<CoderRecord>("coders", { name: "Ben Okafor", initials: "BO", colour: "#D55E00", publicKey: null }, BEN),
  );
  return { db, amira, ben, setNow: (d: Date) => (now = d) };
}

const addCase = (p: OpenProject, name: string) =>
  writeChanges(p.db, p.ctx, `Added case ${name}`, (w) => w.create<CaseRecord>("cases", { name, description: "", values: {} }));

describe("journal queries", () => {
  it("lists newest first, filters by coder and by local date range, and pages with beforeSeq", async () => {
    const { amira, ben, setNow } = await twoCoders();
    await addCase(amira, "A1"); // 5 March
    setNow(new Date(2024, 2, 6, 23, 59));
    await addCase(ben, "B1"); // 6 March, late evening
    setNow(new Date(2024, 2, 7, 0, 1));
    await addCase(amira, "A2"); // 7 March, just after midnight
    await addCase(ben, "B2");

    const all = await listJournal(amira, { limit: 100 });
    expect(all.map((e) => e.label)).toEqual([
      "Added case B2",
      "Added case A2",
      "Added case B1",
      "Added case A1",
      "Joined project",
      "Joined project",
    ]);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => (b ?? 0) - (a ?? 0)));

    expect((await listJournal(amira, { limit: 100, coderId: BEN })).map((e) => e.label)).toEqual([
      "Added case B2",
      "Added case B1",
      "Joined project",
    ]);
    expect((await listJournal(amira, { limit: 100, from: "2024-03-06", to: "2024-03-06" })).map((e) => e.label)).toEqual(["Added case B1"]);
    expect((await listJournal(amira, { limit: 100, from: "2024-03-07" })).map((e) => e.label)).toEqual(["Added case B2", "Added case A2"]);
    expect((await listJournal(amira, { limit: 100, to: "2024-03-05", coderId: AMIRA })).map((e) => e.label)).toEqual([
      "Added case A1",
      "Joined project",
    ]);

    const first = await listJournal(amira, { limit: 2 });
    const second = await listJournal(amira, { limit: 2, beforeSeq: first.at(-1)?.seq ?? null });
    const third = await listJournal(amira, { limit: 2, beforeSeq: second.at(-1)?.seq ?? null, coderId: AMIRA });
    expect(first.map((e) => e.label)).toEqual(["Added case B2", "Added case A2"]);
    expect(second.map((e) => e.label)).toEqual(["Added case B1", "Added case A1"]);
    expect(third.map((e) => [e.label, e.coderId])).toEqual([["Joined project", AMIRA]]);

    // The whole filtered trail, read in small pages, is the same as one big read.
    expect(await listWholeJournal(amira, { coderId: BEN }, 1)).toEqual(await listJournal(amira, { limit: 100, coderId: BEN }));
    expect(await listWholeJournal(amira, {}, 4)).toHaveLength(6);
  });

  it("lists the project's coders by name", async () => {
    const { amira } = await twoCoders();
    expect((await listCodersInTrail(amira)).map((c) => [c.name, c.initials])).toEqual([
      ["Amira Patel", "AP"],
      ["Ben Okafor", "BO"],
    ]);
  });

  it("gives an undo and its redo their own journal batches", async () => {
    const { amira } = await twoCoders();
    const p = { ...amira, ctx: { ...amira.ctx, onCommit: amira.history.record } };
    const kase = await addCase(p, "A1");
    await writeChanges(p.db, p.ctx, "Renamed case", (w) => w.update<CaseRecord>("cases", kase.id, { name: "A one" }));
    await p.history.undo(p);
    await p.history.redo(p);
    const labels = (await listJournal(p, { limit: 4 })).map((e) => [e.label, e.op, (e.after as CaseRecord).name]);
    expect(labels).toEqual([
      ["Renamed case", "update", "A one"],
      ["Undo: Renamed case", "update", "A1"],
      ["Renamed case", "update", "A one"],
      ["Added case A1", "create", "A1"],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The trail in words

function entry(partial: Partial<JournalEntry> & Pick<JournalEntry, "table" | "op">): JournalEntry {
  return {
    seq: 1,
    at: "1709632800000-00000-node",
    coderId: AMIRA,
    recordId: "r1",
    label: "Change",
    batchId: "b1",
    before: null,
    after: null,
    ...partial,
  };
}

const meta = { id: "r1", createdAt: "", updatedAt: "x", updatedBy: AMIRA, deleted: false };
const names: NameLookup = {
  code: (id) => ({ c1: "Usability", c2: "Workarounds" })[id],
  source: (id) => ({ s1: "P07 interview" })[id],
  case: (id) => ({ k1: "P07", k2: "P08" })[id],
};

describe("audit descriptions", () => {
  it("says what happened to which record, and which fields an update changed", () => {
    const code: CodeRecord = {
      ...meta,
      parentId: null,
      name: "Usability",
      description: "",
      colour: "#000000",
      order: 0,
      isCategory: false,
    };
    const renamed = { ...code, name: "Ease of use", parentId: "c2", updatedAt: "y" };
    const update = entry({ table: "codes", op: "update", before: code, after: renamed });
    expect(describeWhat(update)).toBe("updated code “Ease of use”");
    expect(describeDetail(update, names)).toBe("parent code: none → Workarounds; name: Usability → Ease of use");
    expect(changedFields(update).map((c) => c.field)).toEqual(["parentId", "name"]);
    expect(describeWhat(entry({ table: "codes", op: "create", after: code }))).toBe("created code “Usability”");
    expect(describeDetail(entry({ table: "codes", op: "create", after: code }))).toBe("");
    expect(describeWhat(entry({ table: "codes", op: "delete", before: code, after: { ...code, deleted: true } }))).toBe(
      "deleted code “Usability”",
    );
  });

  it("names codings by their code and source, memos by title, and keeps long text out of the detail", () => {
    const coding: CodingRecord = { ...meta, sourceId: "s1", codeId: "c1", start: 120, end: 180, coderId: AMIRA, note: "" };
    const created = entry({ table: "codings", op: "create", after: coding });
    expect(describeWhat(created, names)).toBe("created coding “Usability”");
    expect(describeDetail(created, names)).toBe("in “P07 interview”, characters 120–180");
    expect(
      describeDetail(
        entry({ table: "codings", op: "update", before: coding, after: { ...coding, end: 200, note: "long annotation" } }),
        names,
      ),
    ).toBe("end: 180 → 200; annotation edited");
    const memo: MemoRecord = { ...meta, targetKind: "project", targetId: "t", title: "", body: "a", authorId: AMIRA };
    const edited = entry({ table: "memos", op: "update", before: memo, after: { ...memo, title: "Themes", body: "b" } });
    expect(describeWhat(entry({ table: "memos", op: "create", after: memo }))).toBe("created memo “Untitled memo”");
    expect(describeDetail(edited)).toBe("title: none → Themes; text edited");
  });

  it("describes case and source changes in the researcher's words", () => {
    const kase: CaseRecord = { ...meta, name: "P07", description: "", values: { a1: "nurse" } };
    expect(describeDetail(entry({ table: "cases", op: "update", before: kase, after: { ...kase, values: { a1: "doctor", a2: 3 } } }))).toBe(
      "2 attribute values changed",
    );
    const source = { ...meta, name: "P07", caseIds: ["k1"] } as unknown as SourceRecord;
    expect(
      describeDetail(entry({ table: "sources", op: "update", before: source, after: { ...source, caseIds: ["k1", "k2"] } }), names),
    ).toBe("cases: P07 → P07, P08");
  });

  it("groups adjacent entries of one batch and summarises them", () => {
    const entries = [
      entry({ table: "codings", op: "create", batchId: "b2", label: "Merged" }),
      entry({ table: "codings", op: "create", batchId: "b2", label: "Merged" }),
      entry({ table: "codes", op: "delete", batchId: "b2", label: "Merged" }),
      entry({ table: "codes", op: "create", batchId: "b1", label: "Created code" }),
    ];
    const groups = groupBatches(entries);
    expect(groups.map((g) => [g.label, g.entries.length])).toEqual([
      ["Merged", 3],
      ["Created code", 1],
    ]);
    expect(describeBatch(groups[0]?.entries ?? [])).toBe("3 changes: created 2 codings, deleted 1 code");
    expect(stampTime("1709632800000-00000-node").toISOString()).toBe("2024-03-05T10:00:00.000Z");
  });

  it("exports the trail as spreadsheet-safe CSV", () => {
    const code = { ...meta, name: '=HYPERLINK("x")', parentId: null };
    const csv = auditCsv(
      [entry({ table: "codes", op: "create", after: code, label: "=SUM(A1), again" })],
      new Map([[AMIRA, { name: "Amira Patel", initials: "AP" }]]),
      names,
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const { records } = parseCsv(csv.slice(1));
    expect(records[0]?.cells.slice(0, 4)).toEqual(["When (UTC)", "Coder", "Initials", "Change"]);
    expect(records[1]?.cells).toEqual([
      "2024-03-05T10:00:00.000Z",
      "Amira Patel",
      "AP",
      "'=SUM(A1), again",
      'created code “=HYPERLINK("x")”',
      "",
      "code",
      "created",
      "r1",
      "b1",
    ]);
  });
});
