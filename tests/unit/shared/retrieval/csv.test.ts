import { describe, expect, it } from "vitest";
import { csvBytes, csvField, segmentsCsv, segmentsPlainText, toCsv, type SegmentExportRow } from "../../../../shared/retrieval/csv";
import { parseCsv, readCsvText } from "../../../../shared/cases/csv";

const row: SegmentExportRow = {
  codes: ["Technology/Usability", "People/Workload"],
  source: 'P01, ward "A"',
  cases: ["P01"],
  coders: ["Amira Patel (AP)"],
  date: "2025-03-04",
  start: 120,
  end: 251,
  text: 'Line one, with a comma\nline two “quoted” and "straight"\n国民保健サービス — مرحبا 👩‍⚕️',
};

describe("CSV writer", () => {
  it("quotes every field, doubles quotes and keeps line breaks inside fields", () => {
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(
      toCsv(
        [
          ["a", 1],
          ["b,c", 2],
        ],
        { bom: false },
      ),
    ).toBe('"a","1"\r\n"b,c","2"\r\n');
  });

  it("guards against formula injection in text but not in numbers", () => {
    for (const danger of ["=SUM(A1)", "+44 7700", "-1+2", "@cmd", "\tx", "\rx"]) expect(csvField(danger)).toBe(`"'${danger}"`);
    expect(csvField(-5)).toBe('"-5"');
    expect(csvField("safe = text")).toBe('"safe = text"');
  });

  it("writes UTF-8 with a BOM and reads back to the same cells, non-Latin text included", () => {
    const csv = segmentsCsv([row, { ...row, text: '=HYPERLINK("http://x")', codes: ["Wider context/Policy"] }]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const bytes = csvBytes(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const read = readCsvText("segments.csv", new TextDecoder().decode(bytes));
    if (!read.ok) throw new Error(read.message);
    expect(read.table.header).toEqual(["Code", "Source", "Cases", "Coder", "Date coded", "Start", "End", "Text"]);
    expect(read.table.rows[0]?.cells).toEqual([
      "Technology/Usability; People/Workload",
      'P01, ward "A"',
      "P01",
      "Amira Patel (AP)",
      "2025-03-04",
      "120",
      "251",
      row.text,
    ]);
    expect(read.table.rows[1]?.cells[7]).toBe('\'=HYPERLINK("http://x")');
    expect(parseCsv(csv.slice(1)).problems).toEqual([]);
  });
});

describe("clipboard text", () => {
  it("gives each segment's words and where they came from", () => {
    const text = segmentsPlainText([
      { ...row, text: "  Logging in takes three minutes.  " },
      { ...row, source: "P02", cases: [], codes: ["People/Workload"] },
    ]);
    expect(text).toBe(
      [
        "“Logging in takes three minutes.”",
        '— P01, ward "A" (P01), characters 120–251 · Technology/Usability, People/Workload · coded by Amira Patel (AP)',
        "",
        `“${row.text}”`,
        "— P02, characters 120–251 · People/Workload · coded by Amira Patel (AP)",
      ].join("\n"),
    );
  });
});
