import { describe, expect, it } from "vitest";
import { readCsvText, type CsvTable } from "../../../../shared/cases/csv";
import {
  buildImportPlan,
  chooseColumnUse,
  planHasChanges,
  suggestChoices,
  type PlanAttribute,
  type PlanCase,
  type PlanSource,
} from "../../../../shared/cases/plan";

function table(text: string, fileName = "cases.csv"): CsvTable {
  const result = readCsvText(fileName, text);
  if (!result.ok) throw new Error(result.message);
  return result.table;
}

const sources: PlanSource[] = [
  { id: "s1", name: "Interview P01", fileName: "GDE_SiteA_P01.docx", caseIds: [] },
  { id: "s2", name: "Interview P02", fileName: "GDE_SiteA_P02.DOCX", caseIds: ["c2"] },
  { id: "s3", name: "Focus group", fileName: "fg.txt", caseIds: [] },
  { id: "s4", name: "Unlinked", fileName: "other.docx", caseIds: [] },
];
const cases: PlanCase[] = [{ id: "c2", name: "P02", values: { a1: "Nurse" } }];
const attributes: PlanAttribute[] = [{ id: "a1", name: "Role", type: "category", options: ["Nurse", "GP"], order: 0 }];

const CSV = [
  "file,participant,organisation,role,age",
  'gde_sitea_p01,P01,"Trust A, North",GP,34',
  "GDE_SiteA_P02.docx,p02,Trust A,Nurse,41",
  "Focus group,P03,Trust B,Manager,forty",
  "fg.txt,P04,Trust B,GP,",
  "missing.docx,P05,Trust B,Nurse,50",
  ",,Trust C,GP,",
].join("\n");

describe("suggestChoices", () => {
  it("guesses the file column, the case column and attribute types", () => {
    const choices = suggestChoices(table(CSV), attributes);
    expect(choices.columns.map((c) => c.use)).toEqual(["source", "case", "attribute", "attribute", "attribute"]);
    expect(choices.columns[4]?.type).toBe("text"); // "forty" is not a number
    expect(choices.columns[3]?.type).toBe("category"); // existing attribute's type
  });

  it("takes the first column as the source when no header says so, and any non-source column as the case", () => {
    const choices = suggestChoices(table("transcripts,who,band\nP01.docx,P01,5\n"), []);
    expect(choices.columns.map((c) => c.use)).toEqual(["source", "case", "attribute"]);
    expect(choices.columns[2]?.type).toBe("number");
    const casesOnly = suggestChoices(table("participant,band\nP01,5\n"), []);
    expect(casesOnly.columns.map((c) => c.use)).toEqual(["case", "attribute"]);
  });

  it("keeps one source and one case column when the researcher changes them", () => {
    const choices = chooseColumnUse(suggestChoices(table(CSV), attributes), 2, "case");
    expect(choices.columns.map((c) => c.use)).toEqual(["source", "attribute", "case", "attribute", "attribute"]);
  });
});

describe("buildImportPlan", () => {
  const t = table(CSV);
  const choices = suggestChoices(t, attributes);
  const plan = buildImportPlan({ table: t, choices, sources, cases, attributes });

  it("matches rows by file name with or without extension, ignoring case, then by source name", () => {
    expect(plan.matchedRows).toBe(4);
    expect(plan.unmatchedRows).toEqual([
      { line: 6, value: "missing.docx", reason: "matches no source" },
      { line: 7, value: "", reason: "has no file or source name" },
    ]);
    expect(plan.sourcesWithoutRow).toEqual([{ id: "s4", name: "Unlinked" }]);
  });

  it("matches existing cases by name and never duplicates them", () => {
    expect(plan.cases.map((c) => [c.name, c.existingId])).toEqual([
      ["P01", null],
      ["P02", "c2"],
      ["P03", null],
      ["P04", null],
      ["P05", null],
    ]);
    expect(plan.skippedRows).toEqual([{ line: 7, value: "", reason: expect.stringContaining("no case name") }]);
  });

  it("links only sources not yet linked", () => {
    const links = Object.fromEntries(plan.cases.map((c) => [c.name, c.newSourceIds]));
    expect(links).toEqual({ P01: ["s1"], P02: [], P03: ["s3"], P04: ["s3"], P05: [] });
    expect(plan.linkCount).toBe(3);
  });

  it("plans new attributes, reuses existing ones, and lists invalid values", () => {
    expect(plan.attributes.map((a) => [a.name, a.existingId, a.type])).toEqual([
      ["organisation", null, "text"],
      ["Role", "a1", "category"],
      ["age", null, "text"],
    ]);
    expect(plan.invalidValues).toEqual([
      { line: 4, column: "Role", value: "Manager", message: expect.stringContaining("not one of the options") },
    ]);
    // P02 already has Role = Nurse: only its organisation and age change.
    const p02 = plan.cases.find((c) => c.name === "P02");
    expect([...(p02?.values.entries() ?? [])]).toEqual([
      [2, "Trust A"],
      [4, "41"],
    ]);
    expect(planHasChanges(plan)).toBe(true);
  });

  it("adds new category values to an existing list only when asked", () => {
    const extended = buildImportPlan({ table: t, choices: { ...choices, extendCategories: true }, sources, cases, attributes });
    expect(extended.invalidValues).toEqual([]);
    expect(extended.attributes[1]?.addedOptions).toEqual(["Manager"]);
  });

  it("checks values against the chosen type", () => {
    const asNumber = { ...choices, columns: choices.columns.map((c, i) => (i === 4 ? { ...c, type: "number" as const } : c)) };
    const typed = buildImportPlan({ table: t, choices: asNumber, sources, cases, attributes });
    expect(typed.invalidValues.map((v) => [v.line, v.column, v.value])).toEqual([
      [4, "Role", "Manager"],
      [4, "age", "forty"],
    ]);
    expect(typed.cases[0]?.values.get(4)).toBe(34);
  });

  it("reports a case whose rows disagree, keeping the first value", () => {
    const twice = table("file,participant,role\nP01.docx,P01,GP\nP01b.docx,P01,Nurse\nP01c.docx,P01,gp\n");
    const p = buildImportPlan({ table: twice, choices: suggestChoices(twice, attributes), sources: [], cases: [], attributes });
    expect(p.invalidValues).toEqual([
      { line: 3, column: "Role", value: "Nurse", message: expect.stringContaining("Differs from line 2 (“GP”)") },
    ]);
    expect(p.cases[0]?.values.get(2)).toBe("GP");
  });

  it("needs a case column and distinct new attribute names", () => {
    const noCase = { ...choices, columns: choices.columns.map((c) => (c.use === "case" ? { ...c, use: "ignore" as const } : c)) };
    expect(buildImportPlan({ table: t, choices: noCase, sources, cases, attributes }).choiceErrors).toEqual([
      "Choose the column that holds the case names.",
    ]);
    const dup = table("participant,Band,band (2)\nP01,1,2\n");
    const dupChoices = suggestChoices(dup, []);
    expect(buildImportPlan({ table: dup, choices: dupChoices, sources: [], cases: [], attributes: [] }).choiceErrors).toEqual([]);
  });

  it("reads numbers with decimal commas in semicolon files", () => {
    const eu = table("file;participant;age\nP01.docx;P01;34,5\n");
    const p = buildImportPlan({ table: eu, choices: suggestChoices(eu, []), sources: [], cases: [], attributes: [] });
    expect(p.attributes[0]?.type).toBe("number");
    expect(p.cases[0]?.values.get(2)).toBe(34.5);
  });

  it("reports a row whose name matches two sources instead of guessing", () => {
    const twin: PlanSource[] = [
      { id: "x", name: "A", fileName: "P01.docx", caseIds: [] },
      { id: "y", name: "B", fileName: "P01.txt", caseIds: [] },
    ];
    const one = table("file,participant\nP01,P01\n");
    const p = buildImportPlan({ table: one, choices: suggestChoices(one, []), sources: twin, cases: [], attributes: [] });
    expect(p.unmatchedRows[0]?.reason).toMatch(/matches 2 sources/);
    expect(
      buildImportPlan({
        table: table("file,participant\nP01.txt,P01\n"),
        choices: suggestChoices(one, []),
        sources: twin,
        cases: [],
        attributes: [],
      }).matchedRows,
    ).toBe(1);
  });
});
