import { beforeAll, describe, expect, it } from "vitest";
import { convertDocx, convertFile, type ConvertedSource } from "../../../../shared/import";
import {
  FEATURE,
  MERGED_TABLE,
  NOTES,
  TRACKED,
  makeCommentsAndImagesDocx,
  makeDocx,
  makeFeatureDocx,
  makeMergedTableDocx,
  makeNotesDocx,
  makeTrackedChangesDocx,
} from "../../../fixtures/docx/generate";
import { blockText, expectWellFormed, outline, texts } from "./helpers";

describe("convertDocx on a feature document", () => {
  let source: ConvertedSource;
  beforeAll(async () => {
    source = await convertDocx(await makeFeatureDocx(), "features.docx");
  });

  it("keeps the invariants (contiguous blocks, plain data, hash)", () => {
    expectWellFormed(source);
    expect(source.format).toBe("docx");
    expect(source.fileName).toBe("features.docx");
  });

  it("maps Title, Subtitle and Heading 1-3 to heading levels", () => {
    const headings = outline(source).filter((b) => b.kind === "heading");
    expect(headings).toEqual([
      { kind: "heading", level: 1, text: FEATURE.title },
      { kind: "heading", level: 2, text: FEATURE.subtitle },
      { kind: "heading", level: 1, text: FEATURE.h1 },
      { kind: "heading", level: 2, text: FEATURE.h2 },
      { kind: "heading", level: 3, text: FEATURE.h3 },
      { kind: "heading", level: 1, text: "Notes" },
    ]);
  });

  it("gives nested bulleted and numbered list items their level and ordering", () => {
    expect(outline(source).filter((b) => b.kind === "listItem")).toEqual([
      { kind: "listItem", level: 0, ordered: false, text: FEATURE.bullets[0] },
      { kind: "listItem", level: 1, ordered: false, text: FEATURE.nestedBullets[0] },
      { kind: "listItem", level: 1, ordered: false, text: FEATURE.nestedBullets[1] },
      { kind: "listItem", level: 0, ordered: false, text: FEATURE.bullets[1] },
      { kind: "listItem", level: 0, ordered: false, text: FEATURE.bullets[2] },
      { kind: "listItem", level: 0, ordered: true, text: FEATURE.numbered[0] },
      { kind: "listItem", level: 1, ordered: true, text: FEATURE.nestedNumbered[0] },
      { kind: "listItem", level: 1, ordered: true, text: FEATURE.nestedNumbered[1] },
      { kind: "listItem", level: 0, ordered: true, text: FEATURE.numbered[1] },
    ]);
  });

  it("makes one tableCell block per non-empty cell, with row and column", () => {
    const cells = outline(source).filter((b) => b.kind === "tableCell");
    const expected = FEATURE.table.flatMap((row, r) =>
      row.flatMap((text, c) => (text ? [{ kind: "tableCell", table: 0, row: r, column: c, text }] : [])),
    );
    expect(cells).toEqual(expected);
    expect(cells).toHaveLength(8); // the empty "Notes" cell of North has no block
  });

  it("records bold and italic as marks over the right characters", () => {
    expect(source.marks.map((m) => [m.kind, source.text.slice(m.start, m.end)])).toEqual([
      ["bold", FEATURE.bold],
      ["italic", FEATURE.italic],
    ]);
  });

  it('keeps the footnote marker in the body and appends the note under "Notes"', () => {
    const all = texts(source);
    expect(all).toContain(`${FEATURE.footnoteBody}${FEATURE.footnoteMark}`);
    expect(all[all.length - 2]).toBe("Notes");
    expect(all[all.length - 1]).toBe(`${FEATURE.footnoteMark} ${FEATURE.footnote}`);
    expect(source.text).not.toContain("↑");
    expect(source.warnings).toContain("1 footnote or endnote was placed at the end, under “Notes”.");
  });

  it("keeps Chinese, Arabic and emoji text with exact UTF-16 offsets", () => {
    for (const expected of [FEATURE.chinese, FEATURE.arabic, FEATURE.emoji]) {
      const block = source.blocks.find((b) => blockText(source, b) === expected);
      expect(block, expected).toBeDefined();
      if (!block) continue;
      expect(block.end - block.start).toBe(expected.length);
      expect(source.text.indexOf(expected)).toBe(block.start);
    }
    // Surrogate pairs and the ZWJ sequence are intact, not split or replaced.
    expect(source.text).toContain("👩‍⚕️");
    expect(source.text).not.toContain("\uFFFD");
  });

  it("counts Chinese characters as words, and whitespace-separated words elsewhere", async () => {
    const cjk = await convertDocx(await makeDocx([FEATURE.chinese]), "cjk.docx");
    expect(cjk.wordCount).toBe(10); // 10 ideographs; "：" and "。" are punctuation
    const english = await convertDocx(await makeDocx(["Three plain words", "- … 4th"]), "en.docx");
    expect(english.wordCount).toBe(4);
  });

  it("keeps hyperlink text but not the address", () => {
    expect(texts(source)).toContain(`${FEATURE.linkBefore}${FEATURE.linkText}${FEATURE.linkAfter}`);
    expect(source.text).not.toContain("example.org");
  });

  it("splits a soft line break into two blocks of the same kind", () => {
    const all = outline(source);
    const first = all.findIndex((b) => b.text === FEATURE.lineBreak[0]);
    expect(first).toBeGreaterThan(-1);
    expect(all[first + 1]).toEqual({ kind: "paragraph", text: FEATURE.lineBreak[1] });
  });

  it("leaves out headers and footers", () => {
    expect(source.text).not.toContain(FEATURE.headerText);
    expect(source.text).not.toContain(FEATURE.footerText);
  });

  it("is deterministic: the same file gives the same text and hash", async () => {
    const again = await convertDocx(await makeFeatureDocx(), "features.docx");
    expect(again.text).toBe(source.text);
    expect(again.contentHash).toBe(source.contentHash);
    expect(again.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("convertDocx: revisions, comments, pictures, notes, tables", () => {
  it("keeps tracked insertions and drops tracked deletions, with a warning", async () => {
    const source = await convertDocx(await makeTrackedChangesDocx(), "tracked.docx");
    expectWellFormed(source);
    expect(source.text).toBe(`${TRACKED.kept}${TRACKED.inserted}${TRACKED.after}`);
    expect(source.text).not.toContain(TRACKED.deleted);
    expect(source.warnings).toEqual(["Tracked deletions were not included: the text reads as if all changes were accepted."]);
  });

  it("leaves out comments and pictures and says how many", async () => {
    const source = await convertDocx(await makeCommentsAndImagesDocx(), "comments.docx");
    expectWellFormed(source);
    expect(texts(source)).toEqual(["Waiting times were the main complaint.", "The app crashed twice."]);
    expect(source.text).not.toContain("Theme: access");
    expect(source.warnings).toEqual(["2 pictures were left out.", "2 comments were left out."]);
  });

  it("numbers footnotes and endnotes in one sequence, as the body markers do", async () => {
    const source = await convertDocx(await makeNotesDocx(), "notes.docx");
    expectWellFormed(source);
    expect(outline(source)).toEqual([
      { kind: "paragraph", text: `${NOTES.body}[1].[2]` },
      { kind: "heading", level: 1, text: "Notes" },
      { kind: "paragraph", text: `[1] ${NOTES.footnote}` },
      { kind: "paragraph", text: `[2] ${NOTES.endnote}` },
    ]);
    expect(source.warnings).toEqual(["2 footnotes and endnotes were placed at the end, under “Notes”."]);
  });

  it("places merged, multi-paragraph and nested-table cells on the grid", async () => {
    const source = await convertDocx(await makeMergedTableDocx(), "merged.docx");
    expectWellFormed(source);
    const t = MERGED_TABLE;
    expect(outline(source)).toEqual([
      { kind: "paragraph", text: "Before the table" },
      { kind: "tableCell", table: 0, row: t.header.row, column: t.header.column, text: t.header.text },
      { kind: "tableCell", table: 0, row: t.rowspan.row, column: t.rowspan.column, text: t.rowspan.text },
      { kind: "tableCell", table: 0, row: t.right1.row, column: t.right1.column, text: t.right1.text },
      // Row 2's only cell sits in column 1: column 0 is still covered by "Access" (rowspan 2).
      { kind: "tableCell", table: 0, row: t.right2.row, column: t.right2.column, text: t.right2.text },
      { kind: "tableCell", table: 1, row: t.nested.row, column: t.nested.column, text: t.nested.text },
      { kind: "tableCell", table: 0, row: 3, column: 1, text: t.twoParagraphs.text[0] },
      { kind: "tableCell", table: 0, row: 3, column: 1, text: t.twoParagraphs.text[1] },
      { kind: "paragraph", text: "After the table" },
    ]);
  });

  it("trims blocks, drops blank paragraphs and keeps marks on the trimmed text", async () => {
    const { Paragraph, TextRun } = await import("docx");
    const bytes = await makeDocx([
      "   ",
      new Paragraph({ children: [new TextRun("  lead "), new TextRun({ text: "bold tail  ", bold: true })] }),
    ]);
    const source = await convertDocx(bytes, "spaces.docx");
    expectWellFormed(source);
    expect(source.text).toBe("lead bold tail");
    expect(source.marks).toEqual([{ kind: "bold", start: 5, end: 14 }]);
  });

  it("keeps checkbox content controls as ☒ / ☐", async () => {
    const { CheckBox, Paragraph, TextRun } = await import("docx");
    const bytes = await makeDocx([
      new Paragraph({
        children: [new CheckBox({ checked: true }), new TextRun(" Yes "), new CheckBox({ checked: false }), new TextRun(" No")],
      }),
    ]);
    expect((await convertDocx(bytes, "form.docx")).text).toBe("☒ Yes ☐ No");
  });

  it("convertFile reads a .docx by its content even when renamed .doc", async () => {
    const bytes = await makeTrackedChangesDocx();
    const source = await convertFile(bytes, "renamed.doc");
    expect(source.format).toBe("docx");
    expect(source.text).toContain(TRACKED.inserted);
  });
});
