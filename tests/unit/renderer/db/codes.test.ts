import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import type { OpenProject } from "../../../../renderer/db/projects";
import { writeChanges } from "../../../../renderer/db/changes";
import {
  applyCodebookPlan,
  countsByCode,
  createCode,
  deleteCode,
  listCodes,
  mergeCodes,
  moveCode,
  moveCodeStep,
  planCodeDeletion,
  previewMerge,
  renameCode,
  saveCodeProperties,
} from "../../../../renderer/db/codes";
import { memoFor, saveMemoFor } from "../../../../renderer/db/memos";
import { flattenTree, codePath } from "../../../../shared/coding/codeTree";
import { planCodebookCsv } from "../../../../shared/codebook/csv";
import { parseDescription } from "../../../../shared/codebook/description";
import type { CodingRecord, RecordMeta } from "../../../../shared/model/records";
import { newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

async function coding(
  p: OpenProject,
  codeId: string,
  start: number,
  end: number,
  extra: Partial<CodingRecord> = {},
): Promise<CodingRecord> {
  return writeChanges(p.db, p.ctx, "Coded", (w) =>
    w.create<CodingRecord>("codings", { sourceId: "s1", codeId, start, end, coderId: p.ctx.coderId, note: "", ...extra }),
  );
}

/** Tree order as paths, e.g. ["A", "A/B"]. */
async function paths(p: OpenProject): Promise<string[]> {
  const codes = await listCodes(p);
  return flattenTree(codes).map((n) => codePath(codes, n.code.id));
}

/** A table's records without the change stamps, which undo necessarily moves on. */
async function snapshot(p: OpenProject): Promise<unknown> {
  const strip = <T extends RecordMeta>(rows: T[]) =>
    rows.map(({ updatedAt: _u, updatedBy: _b, ...rest }) => rest).sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    codes: strip(await p.db.codes.toArray()),
    codings: strip(await p.db.codings.toArray()),
    memos: strip(await p.db.memos.toArray()),
  };
}

describe("creating and renaming codes", () => {
  it("keeps names unique among siblings only, ignoring case and spaces", async () => {
    const p = await newProject();
    const tech = await createCode(p, { name: "  Technology " });
    expect(tech).toMatchObject({ name: "Technology", parentId: null, order: 0, isCategory: false });
    await expect(createCode(p, { name: "technology" })).rejects.toThrow("There is already a code called “technology” there.");
    await createCode(p, { name: "Usability", parentId: tech.id });
    await expect(createCode(p, { name: "USABILITY ", parentId: tech.id })).rejects.toThrow(/already a code called/);
    const top = await createCode(p, { name: "Usability" }); // same name, other parent: fine
    expect(top.order).toBe(1);
    await expect(createCode(p, { name: "   " })).rejects.toThrow("A code needs a name.");
    expect(await paths(p)).toEqual(["Technology", "Technology/Usability", "Usability"]);
  });

  it("renames with the same rule, and an unchanged name adds no undo step", async () => {
    const p = await newProject();
    const a = await createCode(p, { name: "Trust" });
    await createCode(p, { name: "Workload" });
    await expect(renameCode(p, a.id, "workload")).rejects.toThrow("There is already a code called “workload” there.");
    await renameCode(p, a.id, "trust"); // its own name in another case is fine
    expect(p.history.state().undoLabel).toBe("Renamed code to “trust”");
    await renameCode(p, a.id, " trust ");
    expect(p.history.state().undoLabel).toBe("Renamed code to “trust”");
    expect((await listCodes(p)).map((c) => c.name).sort()).toEqual(["Workload", "trust"]);
  });

  it("saves the properties dialog as one step, checking the name", async () => {
    const p = await newProject();
    const a = await createCode(p, { name: "Access" });
    await createCode(p, { name: "Cost" });
    await expect(saveCodeProperties(p, a.id, { name: "cost", description: "", colour: "#117733", isCategory: true })).rejects.toThrow(
      /already a code/,
    );
    const journal = await p.db.journal.count();
    await saveCodeProperties(p, a.id, {
      name: "Access to care",
      description: "Getting seen.\n\nWhen to use: waits",
      colour: "#117733",
      isCategory: true,
    });
    expect(await p.db.codes.get(a.id)).toMatchObject({ name: "Access to care", colour: "#117733", isCategory: true });
    expect(parseDescription((await p.db.codes.get(a.id))?.description ?? "")).toMatchObject({
      definition: "Getting seen.",
      whenToUse: "waits",
    });
    expect(await p.db.journal.count()).toBe(journal + 1);
    await p.history.undo(p);
    expect(await p.db.codes.get(a.id)).toMatchObject({ name: "Access", isCategory: false, description: "" });
  });
});

describe("moving codes", () => {
  it("re-parents and reorders, and never makes a cycle", async () => {
    const p = await newProject();
    const a = await createCode(p, { name: "A" });
    const b = await createCode(p, { name: "B", parentId: a.id });
    const c = await createCode(p, { name: "C", parentId: b.id });
    await expect(moveCode(p, a.id, { parentId: c.id, index: 0 })).rejects.toThrow("A code cannot be moved inside itself.");
    await expect(moveCode(p, a.id, { parentId: a.id, index: 0 })).rejects.toThrow();
    expect(await paths(p)).toEqual(["A", "A/B", "A/B/C"]);
    await moveCode(p, c.id, { before: a.id });
    expect(await paths(p)).toEqual(["C", "A", "A/B"]);
    await moveCode(p, a.id, { parentId: c.id, index: 0 });
    expect(await paths(p)).toEqual(["C", "C/A", "C/A/B"]);
  });

  it("moves by keyboard steps: up, down, indent, outdent; nothing at an edge", async () => {
    const p = await newProject();
    const a = await createCode(p, { name: "A" });
    const b = await createCode(p, { name: "B" });
    const c = await createCode(p, { name: "C" });
    expect(await moveCodeStep(p, c.id, "up")).toBe(true);
    expect(await paths(p)).toEqual(["A", "C", "B"]);
    expect(await moveCodeStep(p, c.id, "indent")).toBe(true);
    expect(await paths(p)).toEqual(["A", "A/C", "B"]);
    expect(await moveCodeStep(p, b.id, "indent")).toBe(true);
    expect(await paths(p)).toEqual(["A", "A/C", "A/B"]);
    expect(await moveCodeStep(p, b.id, "up")).toBe(true);
    expect(await paths(p)).toEqual(["A", "A/B", "A/C"]);
    expect(await moveCodeStep(p, c.id, "indent")).toBe(true);
    expect(await paths(p)).toEqual(["A", "A/B", "A/B/C"]);
    expect(await moveCodeStep(p, c.id, "outdent")).toBe(true);
    expect(await paths(p)).toEqual(["A", "A/B", "A/C"]);

    const label = p.history.state().undoLabel;
    const journal = await p.db.journal.count();
    expect(await moveCodeStep(p, a.id, "up")).toBe(false);
    expect(await moveCodeStep(p, a.id, "outdent")).toBe(false);
    expect(await moveCodeStep(p, a.id, "indent")).toBe(false);
    expect(await moveCodeStep(p, c.id, "down")).toBe(false);
    expect(await p.db.journal.count()).toBe(journal);
    expect(p.history.state().undoLabel).toBe(label);

    await p.history.undo(p); // the outdent
    expect(await paths(p)).toEqual(["A", "A/B", "A/B/C"]);
  });
});

describe("deleting a code", () => {
  it("takes its sub-codes and their codings in one journaled, undoable batch", async () => {
    const p = await newProject();
    const a = await createCode(p, { name: "A" });
    const b = await createCode(p, { name: "B", parentId: a.id });
    const c = await createCode(p, { name: "C", parentId: b.id });
    const keep = await createCode(p, { name: "Keep" });
    await coding(p, a.id, 0, 5);
    await coding(p, b.id, 5, 9);
    await coding(p, c.id, 10, 20);
    await coding(p, c.id, 30, 40);
    await coding(p, keep.id, 0, 5);
    const plan = await planCodeDeletion(p, a.id);
    expect(new Set(plan.codeIds)).toEqual(new Set([a.id, b.id, c.id]));
    expect(plan.codings).toBe(4);
    const before = await snapshot(p);

    await deleteCode(p, a.id);
    expect((await listCodes(p)).map((x) => x.name)).toEqual(["Keep"]);
    expect((await p.db.codings.toArray()).filter((x) => !x.deleted).map((x) => x.codeId)).toEqual([keep.id]);
    const entries = (await p.db.journal.toArray()).filter((e) => e.label === "Deleted code “A”");
    expect(entries).toHaveLength(7);
    expect(new Set(entries.map((e) => e.batchId)).size).toBe(1);
    expect(entries.every((e) => e.op === "delete")).toBe(true);

    expect(await p.history.undo(p)).toBe("Deleted code “A”");
    expect(await snapshot(p)).toEqual(before);
  });
});

describe("merging codes", () => {
  it("moves, joins and collapses codings, moves children, appends the memo; undo restores exactly", async () => {
    const p = await newProject();
    const from = await createCode(p, { name: "Waiting", description: "Delays in care.\n\nExample: “weeks for a letter”" });
    const into = await createCode(p, { name: "Access", description: "Getting seen." });
    const child = await createCode(p, { name: "Phones", parentId: from.id });
    await createCode(p, { name: "Phones", parentId: into.id });
    const moved = await coding(p, from.id, 100, 120);
    await coding(p, from.id, 0, 10, { note: "first" });
    const survivor = await coding(p, into.id, 5, 15);
    await coding(p, from.id, 40, 50);
    const same = await coding(p, into.id, 40, 50);
    const otherCoder = await coding(p, from.id, 0, 10, { coderId: "someone-else" });
    await saveMemoFor(p, { kind: "code", id: from.id }, { title: "Waiting", body: "Patients wait longest on Mondays." });
    await saveMemoFor(p, { kind: "code", id: into.id }, { title: "Access", body: "Access memo." });
    const before = await snapshot(p);

    const preview = await previewMerge(p, from.id, into.id);
    expect(preview.ok && preview.plan.summary).toEqual({ moved: 2, collapsed: 1, unioned: 1 });
    const plan = await mergeCodes(p, from.id, into.id);
    expect(plan.summary).toEqual({ moved: 2, collapsed: 1, unioned: 1 });

    expect((await listCodes(p)).some((c) => c.id === from.id)).toBe(false);
    const live = (await p.db.codings.toArray()).filter((c) => !c.deleted);
    expect(live.every((c) => c.codeId === into.id)).toBe(true);
    expect(live).toHaveLength(4);
    expect(live.find((c) => c.id === survivor.id)).toMatchObject({ start: 0, end: 15, note: "first" });
    expect(live.find((c) => c.id === same.id)).toMatchObject({ start: 40, end: 50 });
    expect(live.find((c) => c.id === moved.id)).toMatchObject({ start: 100, end: 120, codeId: into.id });
    expect(live.find((c) => c.id === otherCoder.id)).toMatchObject({ start: 0, end: 10, coderId: "someone-else" });
    expect(await p.db.codes.get(child.id)).toMatchObject({ parentId: into.id, name: "Phones (2)" });
    const description = parseDescription((await p.db.codes.get(into.id))?.description ?? "");
    expect(description.definition).toBe("Getting seen.\n\nMerged from Waiting: Delays in care.");
    expect(description.example).toBe("“weeks for a letter”");
    expect((await memoFor(p, "code", into.id))?.body).toBe("Access memo.\n\n## Merged from “Waiting”\n\nPatients wait longest on Mondays.");
    expect(await memoFor(p, "code", from.id)).toBeUndefined();
    // The redirect: codings made on “Waiting” on another laptop follow to “Access” when they arrive.
    expect(await p.db.codes.get(from.id)).toMatchObject({ deleted: true, mergedInto: into.id });

    expect(await p.history.undo(p)).toBe("Merged “Waiting” into “Access”");
    // Exactly as before, but “Waiting” keeps the redirect field (live, so it redirects nothing): the undo
    // is then a later version that has it, which wins on every laptop the merge already reached.
    const { codes, ...rest } = before as { codes: { id: string }[] };
    expect(await snapshot(p)).toEqual({ ...rest, codes: codes.map((c) => (c.id === from.id ? { ...c, mergedInto: into.id } : c)) });
  });

  it("creates the memo on the target when it has none, and refuses a merge into its own sub-code", async () => {
    const p = await newProject();
    const a = await createCode(p, { name: "A" });
    const b = await createCode(p, { name: "B", parentId: a.id });
    const c = await createCode(p, { name: "C" });
    const preview = await previewMerge(p, a.id, b.id);
    expect(preview).toEqual({ ok: false, reason: "“B” is inside “A”. Move it out of “A” first, then merge." });
    await expect(mergeCodes(p, a.id, b.id)).rejects.toThrow("“B” is inside “A”");
    await saveMemoFor(p, { kind: "code", id: a.id }, { title: "A", body: "Notes on A." });
    await mergeCodes(p, a.id, c.id);
    expect(await memoFor(p, "code", c.id)).toMatchObject({ title: "A", body: "## Merged from “A”\n\nNotes on A." });
    expect(await p.db.codes.get(b.id)).toMatchObject({ parentId: c.id });
  });
});

describe("codebook import and counts", () => {
  const CSV = "Path,Definition\nTechnology,Systems\nTechnology/Usability,Ease of use\nPeople/Trust,\n";

  it("applies a CSV plan in one step; the same file again creates nothing", async () => {
    const p = await newProject();
    const first = planCodebookCsv("codebook.csv", CSV, await listCodes(p));
    if (!first.ok) throw new Error(first.message);
    expect(await applyCodebookPlan(p, first.plan, "codebook.csv")).toEqual({ created: 4, updated: 0 });
    expect(await paths(p)).toEqual(["Technology", "Technology/Usability", "People", "People/Trust"]);
    expect(p.history.state().undoLabel).toBe("Imported codebook codebook.csv");

    const again = planCodebookCsv("codebook.csv", CSV, await listCodes(p));
    if (!again.ok) throw new Error(again.message);
    expect(again.plan.create).toEqual([]);
    expect(again.plan.matched).toHaveLength(3);
    expect(await applyCodebookPlan(p, again.plan, "codebook.csv")).toEqual({ created: 0, updated: 0 });
    expect(await listCodes(p)).toHaveLength(4);

    await p.history.undo(p);
    await p.history.undo(p);
    expect(await listCodes(p)).toEqual([]);
  });

  it("counts codings and sources per code, with sub-codes, ignoring deleted codings", async () => {
    const p = await newProject();
    const a = await createCode(p, { name: "A" });
    const b = await createCode(p, { name: "B", parentId: a.id });
    await coding(p, a.id, 0, 5);
    await coding(p, b.id, 0, 5, { sourceId: "s2" });
    await coding(p, b.id, 10, 15, { sourceId: "s2" });
    const gone = await coding(p, b.id, 20, 25, { sourceId: "s3" });
    await writeChanges(p.db, p.ctx, "Uncoded", (w) => w.remove<CodingRecord>("codings", gone.id));
    const counts = await countsByCode(p);
    expect(counts.get(a.id)).toEqual({ codings: 1, sources: 1, codingsWithDescendants: 3, sourcesWithDescendants: 2 });
    expect(counts.get(b.id)).toEqual({ codings: 2, sources: 1, codingsWithDescendants: 2, sourcesWithDescendants: 1 });
  });
});
