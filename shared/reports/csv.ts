/**
 * Reports as CSV, for Excel and for analysis elsewhere. Written with the retrieval CSV writer
 * (shared/retrieval/csv.ts): UTF-8 byte-order mark, every field quoted, CRLF between rows, and a
 * formula guard (text starting = + - @ gets a leading '). Code reports and transcripts: one row per
 * coding (a coding listed under two cases is written once). Codebook: one row per code. Memos: one
 * row per memo. Overview: each table in turn, a blank row between them.
 */
import { toCsv, type CsvValue } from "../retrieval/csv";
import type { Report, ReportSegment } from "./model";

export const CODING_CSV_COLUMNS = [
  "Code",
  "Source",
  "Case",
  "Coder",
  "Start",
  "End",
  "Text",
  "Location",
  "Annotation",
  "Date coded",
] as const;

/** Header row for the coding CSV: the chosen attributes go between Case and Coder. */
export function codingCsvHeader(attributeNames: readonly string[]): string[] {
  return ["Code", "Source", "Case", ...attributeNames, "Coder", "Start", "End", "Text", "Location", "Annotation", "Date coded"];
}

export function codingCsvRow(s: ReportSegment): CsvValue[] {
  return [
    s.codePath,
    s.sourceName,
    s.cases.join("; "),
    ...s.attributeValues,
    s.coder,
    s.start,
    s.end,
    s.text,
    s.location.label,
    s.note,
    s.date,
  ];
}

/** The report's rows (header first), before quoting. */
export function reportCsvRows(report: Report): CsvValue[][] {
  const { header, sections } = report;
  switch (header.kind) {
    case "code": {
      const seen = new Set<string>();
      const rows: CsvValue[][] = [codingCsvHeader(header.attributeNames)];
      for (const s of sections) {
        if (s.type !== "segment" || seen.has(s.segment.codingId)) continue;
        seen.add(s.segment.codingId);
        rows.push(codingCsvRow(s.segment));
      }
      return rows;
    }
    case "transcript": {
      const rows: CsvValue[][] = [["Paragraph", "Speaker", "Text", "Codes"]];
      for (const s of sections) {
        if (s.type === "block") rows.push([s.number, s.speaker ?? "", s.text, s.stripes.map((x) => x.codePath).join("; ")]);
      }
      return rows;
    }
    case "codebook": {
      const rows: CsvValue[][] = [
        [
          "Code",
          "Definition",
          "When to use",
          "When not to use",
          "Example",
          "Codings",
          "Sources",
          "Codings with sub-codes",
          "Sources with sub-codes",
        ],
      ];
      for (const s of sections) {
        if (s.type !== "codebookEntry") continue;
        const { path, description: d, counts: n } = s.code;
        rows.push([
          path,
          d.definition,
          d.whenToUse,
          d.whenNotToUse,
          d.example,
          n.codings,
          n.sources,
          n.codingsWithSubcodes,
          n.sourcesWithSubcodes,
        ]);
      }
      return rows;
    }
    case "memos": {
      const rows: CsvValue[][] = [["Title", "Linked to", "Author", "Date", "Memo"]];
      for (const s of sections) if (s.type === "memo") rows.push([s.memo.title, s.target, s.memo.author, s.memo.date, s.memo.body]);
      return rows;
    }
    case "overview": {
      const rows: CsvValue[][] = [];
      for (const s of sections) {
        if (s.type !== "table") continue;
        if (rows.length > 0) rows.push([""]);
        rows.push([s.title], [s.rowHeader, ...s.columns], ...s.rows.map((r) => [r.label, ...r.values]));
      }
      return rows;
    }
  }
}

export function reportCsv(report: Report): string {
  return toCsv(reportCsvRows(report));
}
