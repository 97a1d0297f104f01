/**
 * The repositories of the three schema-v2 tables (issue 16): saved searches, speaker records and case
 * passages. Each write is one journaled batch with an audit label in the researcher's words, undone in
 * one step by revertBatch and redone by reverting the undo.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb } from "./helpers";
import { revertBatch } from "../../../../renderer/db/undo";
import type { OpenProject } from "../../../../renderer/db/projects";
import {
  deleteSavedSearch,
  listSavedSearches,
  renameSavedSearch,
  saveSearch,
  type SavedSearchFields,
} from "../../../../renderer/db/savedSearches";
import { listSpeakerRecords, mergeSpeakerLabels, setSpeakerRole } from "../../../../renderer/db/speakers";
import {
  casePassageCounts,
  codePassagesToCases,
  listCasePassages,
  listCasePassagesForSource,
  planCasePassages,
  removeCasePassage,
} from "../../../../renderer/db/casePassages";
import { createCase, deleteCases, listCases } from "../../../../renderer/db/cases";
import { interviewerLabels, speakerRecordsByLabel } from "../../../../shared/search/speakers";
import type { CaseId } from "../../../../shared/ids";
import { importPlainSource, newProject } from "../../helpers/project";

beforeEach(freshIndexedDb);

async function lastBatch(p: OpenProject): Promise<{ batchId: string; label: string; tables: string[] }> {
  const all = await p.db.journal.orderBy("seq").toArray();
  const last = all.at(-1)!;
  const batch = all.filter((e) => e.batchId === last.batchId);
  return { batchId: last.batchId, label: last.label, tables: [...new Set(batch.map((e) => e.table))] };
}

const SEARCH: SavedSearchFields = {
  name: "Go-live",
  query: '"go-live" OR implement*',
  regex: false,
  matchCase: false,
  wholeWords: true,
  scope: { speakers: "participants", sourceKinds: ["interview"] },
  notes: { memos: true, annotations: false },
};

describe("saved searches", () => {
  it("saves, updates by name (not a second one), renames and deletes, each one undo step", async () => {
    const p = await newProject();
    const first = await saveSearch(p, SEARCH);
    expect(await lastBatch(p)).toMatchObject({ label: "Saved search “Go-live”", tables: ["savedSearches"] });
    const again = await saveSearch(p, { ...SEARCH, name: "  go-LIVE ", query: "go-live" });
    expect(again.id).toBe(first.id);
    expect(await listSavedSearches(p)).toEqual([expect.objectContaining({ id: first.id, query: "go-live", name: "go-LIVE" })]);

    const undoUpdate = await revertBatch(p, (await lastBatch(p)).batchId);
    expect((await listSavedSearches(p))[0]).toMatchObject({ query: '"go-live" OR implement*', name: "Go-live" });
    await revertBatch(p, undoUpdate);
    expect((await listSavedSearches(p))[0]).toMatchObject({ query: "go-live" });

    await saveSearch(p, { ...SEARCH, name: "Benefits" });
    await expect(renameSavedSearch(p, first.id, "benefits")).rejects.toThrow("There is already a saved search called “Benefits”.");
    await renameSavedSearch(p, first.id, "Go-live dates");
    expect((await lastBatch(p)).label).toBe("Renamed saved search “Go-live dates”");
    await deleteSavedSearch(p, first.id);
    expect((await lastBatch(p)).label).toBe("Deleted saved search “Go-live dates”");
    expect((await listSavedSearches(p)).map((s) => s.name)).toEqual(["Benefits"]);
    await revertBatch(p, (await lastBatch(p)).batchId);
    expect((await listSavedSearches(p)).map((s) => s.name)).toEqual(["Benefits", "Go-live dates"]);
    await expect(saveSearch(p, { ...SEARCH, name: "  " })).rejects.toThrow("A saved search needs a name.");
  });
});

describe("speaker records", () => {
  it("roles and merges are one batch each, make records only where needed, and undo in one step", async () => {
    const p = await newProject();
    await setSpeakerRole(p, ["Facilitator", "Moderator"], "facilitator");
    expect(await lastBatch(p)).toMatchObject({ label: "Marked “Facilitator”, “Moderator” as facilitator", tables: ["speakers"] });
    expect((await listSpeakerRecords(p)).map((r) => [r.label, r.name, r.role]).sort()).toEqual([
      ["Facilitator", "Facilitator", "facilitator"],
      ["Moderator", "Moderator", "facilitator"],
    ]);
    expect(interviewerLabels(await listSpeakerRecords(p))).toEqual(["Facilitator", "Moderator"]);

    await setSpeakerRole(p, ["P07"], "participant");
    await mergeSpeakerLabels(p, ["P07", "P07 (ward manager)", "Participant 7"], "P07");
    const merge = await lastBatch(p);
    expect(merge.label).toBe("Merged speaker labels “P07”, “P07 (ward manager)”, “Participant 7” as “P07”");
    const byLabel = speakerRecordsByLabel(await listSpeakerRecords(p));
    // The one role among them is taken by all the merged labels.
    expect([...byLabel.values()].filter((r) => r.name === "P07").map((r) => [r.label, r.role])).toEqual([
      ["P07", "participant"],
      ["P07 (ward manager)", "participant"],
      ["Participant 7", "participant"],
    ]);
    // Undo the merge in one step: the two new records go, P07 keeps its own name.
    await revertBatch(p, merge.batchId);
    expect((await listSpeakerRecords(p)).map((r) => [r.label, r.name]).sort()).toEqual([
      ["Facilitator", "Facilitator"],
      ["Moderator", "Moderator"],
      ["P07", "P07"],
    ]);
    // Setting the role a label already has writes nothing.
    const before = await p.db.journal.count();
    await setSpeakerRole(p, ["P07"], "participant");
    expect(await p.db.journal.count()).toBe(before);
    await setSpeakerRole(p, ["Facilitator"], null);
    expect((await lastBatch(p)).label).toBe("Cleared the role of “Facilitator”");
    await expect(setSpeakerRole(p, [], "participant")).rejects.toThrow("Choose at least one speaker.");
  });

  it("two records for one label (made on two replicas): the newest live one counts and is the one edited", async () => {
    const p = await newProject();
    await setSpeakerRole(p, ["P1"], "participant");
    const [older] = await listSpeakerRecords(p);
    // A colleague's record for the same label, newer, arrives by merge.
    const newer = {
      ...older!,
      id: "0196f3c2-9999-7aaa-8bbb-000000000009",
      updatedAt: `9${older!.updatedAt.slice(1)}`,
      role: "interviewer" as const,
    };
    await p.db.speakers.put(newer);
    expect(speakerRecordsByLabel(await listSpeakerRecords(p)).get("P1")?.role).toBe("interviewer");
    expect(interviewerLabels(await listSpeakerRecords(p))).toEqual(["P1"]);
    await mergeSpeakerLabels(p, ["P1"], "Pat");
    expect((await p.db.speakers.get(newer.id))?.name).toBe("Pat");
    expect((await p.db.speakers.get(older!.id))?.name).toBe("P1");
  });

  it("interviewerLabels: undefined while no role is set; labels without a role count by their suggestion", async () => {
    const p = await newProject();
    expect(interviewerLabels(await listSpeakerRecords(p))).toBeUndefined();
    await setSpeakerRole(p, ["P1"], "participant");
    expect(interviewerLabels(await listSpeakerRecords(p))).toEqual([]);
    expect(interviewerLabels(await listSpeakerRecords(p), ["P1", "Interviewer", "P2"])).toEqual(["Interviewer"]);
    await setSpeakerRole(p, ["Interviewer"], "participant");
    expect(interviewerLabels(await listSpeakerRecords(p), ["P1", "Interviewer", "P2"])).toEqual([]);
  });
});

describe("case passages", () => {
  const TEXT = "Facilitator: Welcome.\nP1: I work nights.\nP2: I work days.\nP1: And weekends.";

  async function withSource(): Promise<{ p: OpenProject; sourceId: string }> {
    const p = await newProject();
    const sourceId = await importPlainSource(p, {
      fileName: "group.txt",
      format: "txt",
      text: TEXT,
      blocks: [{ kind: "paragraph", start: 0, end: TEXT.length }],
      contentHash: "a".repeat(64),
    });
    return { p, sourceId };
  }
  const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });

  it("codes passages to new and existing cases in one batch, joining touching passages; undo and redo in one step", async () => {
    const { p, sourceId } = await withSource();
    const existing = await createCase(p, "P2");
    const requests = [
      { target: { newCaseName: "P1" }, ranges: new Map([[sourceId, [at("I work nights."), at("And weekends.")]]]) },
      { target: { caseId: existing.id }, ranges: new Map([[sourceId, [at("I work days.")]]]) },
    ];
    const preview = await planCasePassages(p, requests);
    expect(preview.map((x) => [x.caseName, x.caseId, x.plan.totals.creates])).toEqual([
      ["P1", null, 2],
      ["P2", existing.id, 1],
    ]);
    const result = await codePassagesToCases(p, requests, "Autocoded speaker turns of P1, P2 → cases, 3 turns");
    expect(result).toMatchObject({ casesCreated: 1, ranges: 3, alreadyCoded: 0 });
    const batch = await lastBatch(p);
    expect(batch).toMatchObject({ label: "Autocoded speaker turns of P1, P2 → cases, 3 turns" });
    expect(batch.tables.sort()).toEqual(["casePassages", "cases"]);
    const p1 = (await listCases(p)).find((c) => c.name === "P1")!;
    expect((await listCasePassages(p, p1.id)).map((x) => TEXT.slice(x.start, x.end))).toEqual(["I work nights.", "And weekends."]);
    expect(await casePassageCounts(p)).toEqual(
      new Map([
        [p1.id, 2],
        [existing.id, 1],
      ]),
    );

    // Again, with a touching range: it joins the passage instead of stacking a second; a range inside counts as already coded.
    const nights = at("I work nights.");
    await codePassagesToCases(p, [
      { target: { caseId: p1.id as CaseId }, ranges: new Map([[sourceId, [{ start: nights.end, end: nights.end + 1 }, nights]]]) },
    ]);
    expect((await lastBatch(p)).label).toBe("Coded 2 passages to case “P1”");
    expect((await listCasePassages(p, p1.id)).map((x) => TEXT.slice(x.start, x.end))).toEqual(["I work nights.\n", "And weekends."]);

    // Undo the first batch: the new case and all its passages go together; redo brings them back.
    const undo = await revertBatch(p, batch.batchId);
    expect((await listCases(p)).map((c) => c.name)).toEqual(["P2"]);
    expect(await listCasePassagesForSource(p, sourceId)).toEqual([]);
    await revertBatch(p, undo);
    expect((await listCases(p)).map((c) => c.name)).toEqual(["P1", "P2"]);
    expect((await listCasePassagesForSource(p, sourceId)).length).toBe(3);
  });

  it("a deleted case takes its passages (and undo brings them back); a passage can be removed; bad ranges are refused", async () => {
    const { p, sourceId } = await withSource();
    const { caseIds } = await codePassagesToCases(p, [
      { target: { newCaseName: "P1" }, ranges: new Map([[sourceId, [at("I work nights.")]]]) },
    ]);
    const caseId = caseIds[0]!;
    const batch = await deleteCases(p, [caseId]);
    expect(await listCasePassages(p)).toEqual([]);
    await revertBatch(p, batch);
    const [passage] = await listCasePassages(p, caseId);
    expect(passage).toBeDefined();
    await removeCasePassage(p, passage!.id);
    expect((await lastBatch(p)).label).toBe("Removed a passage from case “P1”");
    expect(await listCasePassages(p, caseId)).toEqual([]);
    await expect(
      codePassagesToCases(p, [{ target: { caseId }, ranges: new Map([[sourceId, [{ start: 0, end: TEXT.length + 1 }]]]) }]),
    ).rejects.toThrow(/is not inside/);
    await expect(codePassagesToCases(p, [{ target: { newCaseName: " " }, ranges: new Map() }])).rejects.toThrow("A case needs a name.");
    expect(await p.db.cases.count()).toBe(1);
  });
});
