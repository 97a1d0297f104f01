import { describe, expect, it } from "vitest";
import { buildReport, reportOptions, reportSourceFromTables } from "../../../../shared/reports";
import { reportCsv } from "../../../../shared/reports/csv";
import { fixtureTables } from "../import/fixture";

/**
 * A strict RFC 4180 reader for what we write: every field must be quoted, rows end in CRLF. It
 * throws on anything else, so the test also proves the format, not just the round trip.
 */
function parseStrict(csv: string): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let i = 1;
  while (i < csv.length) {
    const row: string[] = [];
    for (;;) {
      if (csv[i] !== '"') throw new Error(`unquoted field at ${i}`);
      let field = "";
      i++;
      for (;;) {
        const c = csv[i];
        if (c === undefined) throw new Error("unclosed quote");
        if (c === '"') {
          if (csv[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
      row.push(field);
      if (csv[i] === ",") {
        i++;
        continue;
      }
      if (csv.slice(i, i + 2) === "\r\n") {
        i += 2;
        break;
      }
      throw new Error(`expected , or CRLF at ${i}`);
    }
    rows.push(row);
  }
  return rows;
}

describe("report CSV", () => {
  it("parses back to the codings: commas, quotes, newlines, Arabic, Chinese, emoji, formula guard", async () => {
    const tables = fixtureTables();
    // A coding across two paragraphs: its text holds a line break.
    const obs = tables.sourceContent.find((c) => c.id === "src-obs")!.text;
    tables.codings.push({ ...tables.codings[5]!, id: "cod-two-lines", start: obs.indexOf("huddle"), end: obs.indexOf(" was"), note: "" });
    const report = await buildReport(
      reportSourceFromTables(tables, "Ward study"),
      reportOptions({ kind: "code", attributeIds: ["attr-site", "attr-role"], groupBy: "case" }),
    );
    const rows = parseStrict(reportCsv(report));
    expect(rows[0]).toEqual([
      "Code",
      "Source",
      "Case",
      "Site",
      "Role",
      "Coder",
      "Start",
      "End",
      "Text",
      "Location",
      "Annotation",
      "Date coded",
    ]);
    const body = rows.slice(1);
    const live = tables.codings.filter((c) => !c.deleted && c.codeId !== "code-gone" && c.sourceId !== "src-gone");
    expect(body).toHaveLength(live.length); // grouped by case, yet each coding once
    const text = new Map(tables.sourceContent.map((c) => [c.id, c.text]));
    const sourceName = new Map(tables.sources.map((s) => [s.id, s.name]));
    for (const coding of live) {
      const row = body.find(
        (r) =>
          r[1] === sourceName.get(coding.sourceId) && r[6] === String(coding.start) && r[7] === String(coding.end) && r[10] === coding.note,
      );
      expect(row, coding.id).toBeDefined();
      const expected = text.get(coding.sourceId)!.slice(coding.start, coding.end);
      expect(row![8]).toBe(/^[=+\-@]/.test(expected) ? `'${expected}` : expected);
    }
    const byText = (t: string) => body.find((r) => r[8] === t)!;
    expect(byText("Logging in takes three minutes, every time.")).toEqual([
      "Technology/Usability",
      "P01 interview",
      "Case A",
      "North",
      "Nurse",
      "Amira Patel",
      "61",
      "104",
      "Logging in takes three minutes, every time.",
      "speaker turn 2 (P01)",
      'Echoes P02, "slow" again',
      "2026-03-04",
    ]);
    expect(byText("قال الصيدلي: النظام بطيء جداً")[2]).toBe("Case B");
    expect(byText("药剂师说：系统太慢了 😩")[5]).toBe("Amira Patel");
    expect(body.find((r) => r[10] === "Line one\nline two")![8]).toBe('The "obs chart" is buried; we print it instead.');
    expect(byText("'=SUM(A1) was written")[2]).toBe(""); // no case; formula guarded
    expect(byText("huddle.\n=SUM(A1)")[9]).toBe("paragraph 1");
  });

  it("writes the codebook, memos and overview tables", async () => {
    const source = reportSourceFromTables(fixtureTables(), "Ward study");
    const codebook = parseStrict(reportCsv(await buildReport(source, reportOptions({ kind: "codebook" }))));
    expect(codebook[1]).toEqual([
      "Technology",
      "How the system itself helps or hinders.",
      "about the software.",
      "about staffing.",
      "“the log-in is slow”",
      "1",
      "1",
      "5",
      "3",
    ]);
    const memos = parseStrict(reportCsv(await buildReport(source, reportOptions({ kind: "memos" }))));
    expect(memos.map((r) => r[0])).toEqual(["Title", "Analysis plan", "Usability memo", "About the log-in quote"]);
    const overview = parseStrict(reportCsv(await buildReport(source, reportOptions({ kind: "overview" }))));
    expect(overview[0]).toEqual(["Codings per code"]);
    expect(overview.find((r) => r[0] === "Technology/Usability")).toEqual(["Technology/Usability", "3", "2"]);
  });
});
