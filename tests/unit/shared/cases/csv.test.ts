import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeCsvBytes, detectDelimiter, parseCsv, readCsvFile, readCsvText } from "../../../../shared/cases/csv";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../../fixtures/csv/${name}`, import.meta.url)));
const cells = (text: string) => parseCsv(text).records.map((r) => r.cells);

describe("parseCsv (RFC 4180)", () => {
  it("splits fields and records, LF or CRLF or CR", () => {
    expect(cells("a,b\n1,2\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(cells("a,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(cells("a,b\r1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("keeps delimiters, escaped quotes and line breaks inside quotes", () => {
    expect(cells('name,note\n"Trust A, North","said ""no"""\n')).toEqual([
      ["name", "note"],
      ["Trust A, North", 'said "no"'],
    ]);
    expect(cells('a,b\n"line one\r\nline two",x\n')).toEqual([
      ["a", "b"],
      ["line one\nline two", "x"],
    ]);
  });

  it("numbers records by the line they start on, counting line breaks inside quotes", () => {
    const parsed = parseCsv('h1,h2\n"a\nb",c\n\nd,e\n');
    expect(parsed.records.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it("keeps empty fields, skips blank lines, keeps a last line without a newline", () => {
    expect(cells("a,,c\n\n\n1,2,3")).toEqual([
      ["a", "", "c"],
      ["1", "2", "3"],
    ]);
    expect(cells('a\n""\n')).toEqual([["a"], [""]]);
  });

  it("is lenient where Excel is: stray quotes in a value are text, spaces before a quote are dropped", () => {
    expect(cells('a,b\n5" tall,x\n')).toEqual([
      ["a", "b"],
      ['5" tall', "x"],
    ]);
    expect(cells('a,b\n1, "x, y"\n')).toEqual([
      ["a", "b"],
      ["1", "x, y"],
    ]);
  });

  it("strips a BOM and reports an unclosed quote with its line", () => {
    const parsed = parseCsv('\uFEFFa,b\n1,"open\n2,3\n');
    expect(parsed.records[0]?.cells).toEqual(["a", "b"]);
    expect(parsed.problems).toEqual([expect.objectContaining({ kind: "unclosedQuote", line: 2 })]);
  });

  it("detects semicolon and tab delimiters from the header, and honours Excel's sep= line", () => {
    expect(detectDelimiter("file;participant;role\n")).toBe(";");
    expect(detectDelimiter("file\tparticipant\n")).toBe("\t");
    expect(detectDelimiter('"a;b",c\n')).toBe(",");
    const parsed = parseCsv("sep=;\na;b\n1,5;2\n");
    expect(parsed.delimiter).toBe(";");
    expect(parsed.records).toEqual([
      { line: 2, cells: ["a", "b"] },
      { line: 3, cells: ["1,5", "2"] },
    ]);
  });
});

describe("readCsvText", () => {
  it("takes the first row as a tidy, unique header", () => {
    const result = readCsvText("x.csv", " file , Role,,role\nP01,a,b,c\n");
    expect(result.ok && result.table.header).toEqual(["file", "Role", "Column 3", "role (2)"]);
  });

  it("reports ragged rows by line number and keeps the others", () => {
    const result = readCsvFile("ragged.csv", fixture("ragged.csv"));
    if (!result.ok) throw new Error(result.message);
    expect(result.table.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(result.table.problems.map((p) => [p.line, p.message])).toEqual([
      [3, "Line 3 has 2 values but the header has 3 columns."],
      [4, "Line 4 has 4 values but the header has 3 columns."],
    ]);
  });

  it("ignores trailing empty cells and rows of empty cells", () => {
    const result = readCsvText("x.csv", "a,b\n1,2,,\n,,\n3,4\n");
    expect(result.ok && result.table.rows.map((r) => r.cells)).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(result.ok && result.table.problems).toEqual([]);
  });

  it("fails with a message naming the file for an unclosed quote", () => {
    const result = readCsvFile("unclosed-quote.csv", fixture("unclosed-quote.csv"));
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/^“unclosed-quote\.csv” could not be read: line 3 opens a quoted value/),
    });
  });

  it("fails for empty files, header-only files and text that is not a table", () => {
    expect(readCsvText("e.csv", " \n\n")).toEqual({ ok: false, message: "“e.csv” is empty." });
    expect(readCsvText("h.csv", "file,participant\n")).toEqual({
      ok: false,
      message: expect.stringContaining("“h.csv” has a header row but no rows"),
    });
    const prose = "Dear team, thanks for coming.\nHere is the agenda\nItem one, two, three and four\n";
    expect(readCsvText("notes.csv", prose)).toEqual({
      ok: false,
      message: expect.stringContaining("“notes.csv” does not look like a table"),
    });
  });
});

describe("decoding Excel's CSV files", () => {
  it("reads UTF-8 with BOM and CRLF, quoted commas, escaped quotes and embedded line breaks", () => {
    const result = readCsvFile("excel.csv", fixture("excel-utf8-bom-crlf.csv"));
    if (!result.ok) throw new Error(result.message);
    const { header, rows } = result.table;
    expect(header).toEqual(["file", "participant", "organisation", "role", "site_type"]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(rows[0]?.cells[2]).toBe("Trust A, North");
    expect(rows[1]?.cells[3]).toBe('Consultant "lead"');
    expect(rows[2]?.cells[2]).toBe("Trust B\n(merged 2021)");
  });

  it("reads Windows-1252 semicolon files from European Excel", () => {
    const result = readCsvFile("eu.csv", fixture("excel-semicolon-1252.csv"));
    if (!result.ok) throw new Error(result.message);
    expect(result.table.delimiter).toBe(";");
    expect(result.table.rows.map((r) => r.cells[1])).toEqual(["P01", "Zoë"]);
    expect(result.table.rows[0]?.cells[2]).toBe("34,5");
  });

  it("reads UTF-16 (Excel's Unicode Text)", () => {
    const text = "file\tparticipant\nP01.docx\tSiân\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    const result = readCsvFile("u.txt", bytes);
    expect(result.ok && result.table.rows[0]?.cells).toEqual(["P01.docx", "Siân"]);
  });

  it("refuses workbooks and binary files, naming the file", () => {
    expect(decodeCsvBytes("cases.xlsx", new Uint8Array([0x50, 0x4b, 3, 4, 0]))).toEqual({
      ok: false,
      message: expect.stringMatching(/^“cases\.xlsx” is an Excel workbook/),
    });
    expect(decodeCsvBytes("b.csv", new Uint8Array([1, 2, 0, 4]))).toEqual({
      ok: false,
      message: "“b.csv” is not a text file, so it cannot be a CSV.",
    });
    expect(decodeCsvBytes("z.csv", new Uint8Array())).toEqual({ ok: false, message: "“z.csv” is empty." });
  });
});
