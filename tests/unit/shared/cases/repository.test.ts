import { beforeEach, describe, expect, it } from "vitest";
import { freshIndexedDb, importPlainSource, openBareProject } from "../../helpers/project";
import type { OpenProject } from "../../../../renderer/db/projects";
import { revertBatch } from "../../../../renderer/db/undo";
import {
  applyCaseImport,
  createAttribute,
  createCase,
  deleteAttribute,
  deleteCases,
  linkSources,
  listAttributes,
  listCases,
  listCasesWithSourceCounts,
  moveAttribute,
  planCaseImport,
  renameCase,
  setCaseSources,
  setCaseValue,
  sourceIdsForAttributeValue,
  sourceIdsForCase,
  unlinkSources,
  updateAttribute,
} from "../../../../renderer/db/cases";
import { readCsvText } from "../../../../shared/cases/csv";
import { suggestChoices } from "../../../../shared/cases/plan";

beforeEach(freshIndexedDb);

const openTestProject = () => openBareProject("cases-test");

const addSource = (project: OpenProject, fileName: string): Promise<string> =>
  importPlainSource(project, { fileName, format: "docx", text: fileName, blocks: [], contentHash: `hash-${fileName}` });

describe("cases repository", () => {
  it("creates, renames and tombstones cases, journaling each change", async () => {
    const p = await openTestProject();
    const c = await createCase(p, "  P10 ");
    await createCase(p, "P2");
    expect((await listCases(p)).map((x) => x.name)).toEqual(["P2", "P10"]);
    await expect(createCase(p, "p10")).rejects.toThrow("There is already a case called “P10”.");
    await expect(createCase(p, "   ")).rejects.toThrow("A case needs a name.");
    await renameCase(p, c.id, "P11");
    await expect(renameCase(p, c.id, "p2")).rejects.toThrow("already a case");
    await deleteCases(p, [c.id]);
    expect((await listCases(p)).map((x) => x.name)).toEqual(["P2"]);
    expect((await p.db.cases.get(c.id))?.deleted).toBe(true);
    const ops = (await p.db.journal.where("recordId").equals(c.id).toArray()).map((e) => [e.op, e.label]);
    expect(ops).toEqual([
      ["create", "Added case"],
      ["update", "Renamed case"],
      ["delete", "Deleted case"],
    ]);
    // A deleted case's name is free again.
    await createCase(p, "P11");
  });

  it("defines, reorders, changes and deletes attributes", async () => {
    const p = await openTestProject();
    const role = await createAttribute(p, { name: "Role", type: "category", options: ["Nurse", " nurse", "GP"] });
    const age = await createAttribute(p, { name: "Age", type: "number" });
    const site = await createAttribute(p, { name: "Site", type: "text", options: ["ignored"] });
    expect(role.options).toEqual(["Nurse", "GP"]);
    expect(site.options).toEqual([]);
    expect((await listAttributes(p)).map((a) => [a.name, a.order])).toEqual([
      ["Role", 0],
      ["Age", 1],
      ["Site", 2],
    ]);
    await expect(createAttribute(p, { name: "role", type: "text" })).rejects.toThrow("already an attribute");
    await moveAttribute(p, site.id, 0);
    expect((await listAttributes(p)).map((a) => a.name)).toEqual(["Site", "Role", "Age"]);
    await updateAttribute(p, age.id, { name: "Age (years)" });
    await deleteAttribute(p, site.id);
    expect((await listAttributes(p)).map((a) => a.name)).toEqual(["Role", "Age (years)"]);
    expect((await p.db.attributes.get(site.id))?.deleted).toBe(true);
  });

  it("sets values validated against the type, and clears them with empty text", async () => {
    const p = await openTestProject();
    const c = await createCase(p, "P01");
    const age = await createAttribute(p, { name: "Age", type: "number" });
    const start = await createAttribute(p, { name: "Start", type: "date" });
    const role = await createAttribute(p, { name: "Role", type: "category", options: ["Nurse"] });
    expect(await setCaseValue(p, c.id, age.id, " 41 ")).toBe(41);
    await expect(setCaseValue(p, c.id, age.id, "forty-one")).rejects.toThrow("is not a number");
    await expect(setCaseValue(p, c.id, start.id, "2024-02-30")).rejects.toThrow("is not a date");
    await setCaseValue(p, c.id, start.id, "2024-02-29");
    await expect(setCaseValue(p, c.id, role.id, "GP")).rejects.toThrow("not one of the options");
    await setCaseValue(p, c.id, role.id, "nurse");
    expect((await p.db.cases.get(c.id))?.values).toEqual({ [age.id]: 41, [start.id]: "2024-02-29", [role.id]: "Nurse" });
    await setCaseValue(p, c.id, role.id, "GP", { addOption: true });
    expect((await p.db.attributes.get(role.id))?.options).toEqual(["Nurse", "GP"]);
    await setCaseValue(p, c.id, age.id, "");
    expect((await p.db.cases.get(c.id))?.values).toEqual({ [start.id]: "2024-02-29", [role.id]: "GP" });
    // The failed writes left nothing in the journal.
    const labels = (await p.db.journal.toArray()).filter((e) => e.table === "cases" && e.op === "update").length;
    expect(labels).toBe(5);
  });

  it("converts values when an attribute's type changes, or refuses and changes nothing", async () => {
    const p = await openTestProject();
    const a = await createCase(p, "P01");
    const b = await createCase(p, "P02");
    const band = await createAttribute(p, { name: "Band", type: "text" });
    await setCaseValue(p, a.id, band.id, "5");
    await setCaseValue(p, b.id, band.id, "Band 7");
    await expect(updateAttribute(p, band.id, { type: "number" })).rejects.toThrow(
      "1 case has a value that cannot become a number: P02 (“Band 7”)",
    );
    expect((await p.db.attributes.get(band.id))?.type).toBe("text");
    await updateAttribute(p, band.id, { type: "category" });
    expect((await p.db.attributes.get(band.id))?.options).toEqual(["5", "Band 7"]);
    await expect(updateAttribute(p, band.id, { options: ["5"] })).rejects.toThrow("use options that would be removed: P02");
    await setCaseValue(p, b.id, band.id, "");
    await updateAttribute(p, band.id, { type: "number" });
    expect((await p.db.cases.get(a.id))?.values[band.id]).toBe(5);
  });

  it("links and unlinks sources, counts them, and unlinks a deleted case's sources in the same batch", async () => {
    const p = await openTestProject();
    const s1 = await addSource(p, "P01.docx");
    const s2 = await addSource(p, "P02.docx");
    const c = await createCase(p, "P01");
    await linkSources(p, c.id, [s1, s2]);
    expect((await sourceIdsForCase(p, c.id)).sort()).toEqual([s1, s2].sort());
    await unlinkSources(p, c.id, [s2]);
    expect(await sourceIdsForCase(p, c.id)).toEqual([s1]);
    await setCaseSources(p, c.id, [s2]);
    expect(await sourceIdsForCase(p, c.id)).toEqual([s2]);
    expect((await listCasesWithSourceCounts(p)).map((r) => [r.record.name, r.sourceCount])).toEqual([["P01", 1]]);
    const batch = await deleteCases(p, [c.id]);
    expect((await p.db.sources.get(s2))?.caseIds).toEqual([]);
    await revertBatch(p, batch);
    expect((await p.db.sources.get(s2))?.caseIds).toEqual([c.id]);
    expect((await listCases(p)).map((x) => x.name)).toEqual(["P01"]);
  });

  it("finds sources by a case attribute value", async () => {
    const p = await openTestProject();
    const s1 = await addSource(p, "P01.docx");
    const s2 = await addSource(p, "P02.docx");
    const nurse = await createCase(p, "P01");
    const gp = await createCase(p, "P02");
    const role = await createAttribute(p, { name: "Role", type: "category", options: ["Nurse", "GP"] });
    await setCaseValue(p, nurse.id, role.id, "Nurse");
    await setCaseValue(p, gp.id, role.id, "GP");
    await linkSources(p, nurse.id, [s1]);
    await linkSources(p, gp.id, [s2]);
    expect(await sourceIdsForAttributeValue(p, role.id, "nurse")).toEqual([s1]);
    expect(await sourceIdsForAttributeValue(p, role.id, "Manager")).toEqual([]);
  });
});

describe("cases CSV import", () => {
  const CSV = 'file,participant,organisation,role\nP01.docx,P01,"Trust A, North",Nurse\nP02,P02,Trust B,GP\nP99.docx,P99,Trust B,Nurse\n';

  it("applies a plan in one batch: attributes, cases, values and links, never duplicating", async () => {
    const p = await openTestProject();
    const s1 = await addSource(p, "P01.docx");
    const s2 = await addSource(p, "P02.docx");
    const existing = await createCase(p, "p02");
    const read = readCsvText("cases.csv", CSV);
    if (!read.ok) throw new Error(read.message);
    const choices = suggestChoices(read.table, await listAttributes(p));
    const plan = await planCaseImport(p, read.table, choices);
    expect(plan.unmatchedRows.map((r) => r.line)).toEqual([4]);
    expect(await p.db.cases.count()).toBe(1); // planning writes nothing

    const journalBefore = await p.db.journal.count();
    const summary = await applyCaseImport(p, read.table, choices);
    expect(summary).toMatchObject({ casesCreated: 2, casesUpdated: 1, attributesCreated: 2, linksAdded: 2 });
    const entries = await p.db.journal.where("seq").above(journalBefore).toArray();
    expect(new Set(entries.map((e) => e.batchId)).size).toBe(1);
    expect(entries[0]?.label).toBe("Imported cases from cases.csv");

    const attrs = await listAttributes(p);
    expect(attrs.map((a) => [a.name, a.type])).toEqual([
      ["organisation", "category"],
      ["role", "category"],
    ]);
    const cases = await listCases(p);
    expect(cases.map((c) => c.name)).toEqual(["P01", "p02", "P99"]);
    const p01 = cases.find((c) => c.name === "P01");
    expect(p01?.values[attrs[0]?.id ?? ""]).toBe("Trust A, North");
    expect((await p.db.sources.get(s1))?.caseIds).toEqual([p01?.id]);
    expect((await p.db.sources.get(s2))?.caseIds).toEqual([existing.id]);

    // Importing the same file again changes nothing and duplicates nothing.
    const again = await applyCaseImport(p, read.table, suggestChoices(read.table, await listAttributes(p)));
    expect(again).toMatchObject({ casesCreated: 0, casesUpdated: 0, attributesCreated: 0, valuesSet: 0, linksAdded: 0 });
    expect(await p.db.cases.count()).toBe(3);

    // One undo takes the whole import back.
    await revertBatch(p, summary.batchId);
    expect((await listCases(p)).map((c) => c.name)).toEqual(["p02"]);
    expect(await listAttributes(p)).toEqual([]);
    expect((await p.db.sources.get(s1))?.caseIds).toEqual([]);
  });

  it("refuses to apply without a case column and writes nothing", async () => {
    const p = await openTestProject();
    const read = readCsvText("cases.csv", CSV);
    if (!read.ok) throw new Error(read.message);
    const choices = suggestChoices(read.table, []);
    const noCase = { ...choices, columns: choices.columns.map((c) => ({ ...c, use: c.use === "case" ? ("ignore" as const) : c.use })) };
    await expect(applyCaseImport(p, read.table, noCase)).rejects.toThrow("Choose the column that holds the case names.");
    expect(await p.db.journal.count()).toBe(0);
  });
});
