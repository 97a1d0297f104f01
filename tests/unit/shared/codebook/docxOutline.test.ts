import { Document, FootnoteReferenceRun, HeadingLevel, LevelFormat, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { planCodebookDocx, readCodebookDocx } from "../../../../shared/codebook/docxOutline";
import type { CodebookEntry, PlanCode } from "../../../../shared/codebook/plan";
import { makeDocx, pack } from "../../../fixtures/docx/generate";

const h = (level: 1 | 2 | 3, text: string) =>
  new Paragraph({ text, heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][level - 1] });
const bullet = (level: number, text: string) => new Paragraph({ text, bullet: { level } });
const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });

async function entries(bytes: Uint8Array): Promise<Array<[string, string]>> {
  const read = await readCodebookDocx(bytes, "codebook.docx");
  if (!read.ok) throw new Error(read.message);
  return read.entries.map((e: CodebookEntry) => [e.path.join("/"), e.description]);
}

describe("readCodebookDocx", () => {
  it("reads a framework written as headings, descriptions from the paragraphs below each", async () => {
    const bytes = await makeDocx([
      new Paragraph({ text: "Shared Care Record evaluation: codebook", heading: HeadingLevel.TITLE }),
      "Version 3, agreed at the team meeting.",
      h(1, "Technology"),
      "Digital tools used by staff.",
      "When to use: any device or system.",
      h(2, "Usability"),
      "Ease of use.",
      "Example: “it takes two clicks”",
      h(2, "Access"),
      h(1, "Staff"),
      h(3, "Workload"),
      "Time pressure.",
      "Second paragraph.",
    ]);
    expect(await entries(bytes)).toEqual([
      ["Technology", "Digital tools used by staff.\n\nWhen to use: any device or system."],
      ["Technology/Usability", "Ease of use.\n\nExample: “it takes two clicks”"],
      ["Technology/Access", ""],
      ["Staff", ""],
      ["Staff/Workload", "Time pressure.\nSecond paragraph."],
    ]);
    const read = await readCodebookDocx(bytes, "codebook.docx");
    expect(read.ok && read.entries.map((e) => e.line)).toEqual([2, 5, 8, 9, 10]);
  });

  it("reads a framework written as a nested bulleted list", async () => {
    const bytes = await makeDocx([
      bullet(0, "Barriers"),
      bullet(1, "Cost"),
      bullet(1, "Time"),
      bullet(2, "Travel time"),
      bullet(0, "Facilitators"),
      "Anything that helps staff use the record.",
      bullet(1, "Training"),
    ]);
    expect(await entries(bytes)).toEqual([
      ["Barriers", ""],
      ["Barriers/Cost", ""],
      ["Barriers/Time", ""],
      ["Barriers/Time/Travel time", ""],
      ["Facilitators", "Anything that helps staff use the record."],
      ["Facilitators/Training", ""],
    ]);
  });

  it("mixes headings and lists; a list after a part label is description, not codes", async () => {
    const bytes = await pack(
      new Document({
        numbering: {
          config: [{ reference: "n", levels: [0, 1].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.` })) }],
        },
        sections: [
          {
            children: [
              h(1, "Barriers"),
              new Paragraph("Anything that hinders use."),
              new Paragraph("Examples:"),
              bullet(0, "“no wifi on the ward”"),
              bullet(0, "“no time”"),
              h(1, "Facilitators"),
              new Paragraph({ text: "Training", numbering: { reference: "n", level: 0 } }),
              new Paragraph({ text: "Face to face", numbering: { reference: "n", level: 1 } }),
              new Paragraph({ text: "Champions", numbering: { reference: "n", level: 0 } }),
              h(2, "Leadership"),
            ],
          },
        ],
      }),
    );
    expect(await entries(bytes)).toEqual([
      ["Barriers", "Anything that hinders use.\n\nExample:\n- “no wifi on the ward”\n- “no time”"],
      ["Facilitators", ""],
      ["Facilitators/Training", ""],
      ["Facilitators/Training/Face to face", ""],
      ["Facilitators/Champions", ""],
      ["Facilitators/Leadership", ""],
    ]);
  });

  it("reads a codebook table (NVivo's Name, Description, Files, References) under its heading", async () => {
    const bytes = await makeDocx([
      h(1, "Economy"),
      new Table({
        rows: [
          new TableRow({ children: ["Name", "Description", "Files", "References"].map(cell) }),
          new TableRow({ children: ["Tourism", "Visitors and spending", "2", "4"].map(cell) }),
          new TableRow({ children: ["Jobs", "", "1", "1"].map(cell) }),
        ],
      }),
      h(1, "Notes on method"),
      new Table({
        rows: [new TableRow({ children: ["Site", "Interviews"].map(cell) }), new TableRow({ children: ["North", "12"].map(cell) })],
      }),
    ]);
    expect(await entries(bytes)).toEqual([
      ["Economy", ""],
      ["Economy/Tourism", "Visitors and spending"],
      ["Economy/Jobs", ""],
      ["Notes on method", "Site\nInterviews\nNorth\n12"],
    ]);
  });

  it("leaves footnotes out instead of making a “Notes” code", async () => {
    const bytes = await makeDocx(
      [h(1, "Access"), new Paragraph({ children: [new TextRun("Getting to care"), new FootnoteReferenceRun(1)] })],
      { footnotes: { 1: "Includes transport." } },
    );
    expect((await entries(bytes)).map(([path]) => path)).toEqual(["Access"]);
  });

  it("fails with a clear message for an empty document, one with no outline, and a non-Word file", async () => {
    expect(await readCodebookDocx(await makeDocx([]), "empty.docx")).toEqual({
      ok: false,
      message: "“empty.docx” is empty: it has no text to read codes from.",
    });
    expect(await readCodebookDocx(await makeDocx(["Just a paragraph.", "And another."]), "prose.docx")).toEqual({
      ok: false,
      message:
        "“prose.docx” has no headings, list items or codebook table, so no codes could be read. " +
        "Put each code in a heading (Heading 1 for top-level codes, Heading 2 for their sub-codes…) or in a bulleted list, then import it again.",
    });
    const notDocx = await readCodebookDocx(new TextEncoder().encode("Name,Description\n"), "codebook.docx");
    expect(notDocx.ok).toBe(false);
    expect(!notDocx.ok && notDocx.message).toMatch(/^“codebook\.docx” could not be read/);
  });
});

describe("planCodebookDocx", () => {
  it("plans against existing codes like a CSV, reporting duplicates by paragraph", async () => {
    const existing: PlanCode[] = [
      { id: "t", parentId: null, name: "technology", order: 0, isCategory: false, deleted: false, description: "", colour: "#888888" },
    ];
    const bytes = await makeDocx([h(1, "Technology"), "Digital tools.", h(2, "Usability"), h(2, "usability")]);
    const result = await planCodebookDocx(bytes, "codebook.docx", existing);
    if (!result.ok) throw new Error(result.message);
    expect(result.plan.matched).toEqual([{ id: "t", path: ["technology"], line: 1 }]);
    expect(result.plan.update).toEqual([{ id: "t", path: ["technology"], line: 1, description: "Digital tools." }]);
    expect(result.plan.create.map((c) => [c.path.join("/"), c.parent])).toEqual([["Technology/Usability", { existingId: "t" }]]);
    expect(result.plan.problems).toEqual([
      { line: 4, message: "Paragraph 4: “Technology/usability” is already given on paragraph 3; this one was skipped.", skipped: true },
    ]);
  });
});
