/**
 * Writing retrieved segments as CSV and as plain text for the clipboard. Pure.
 *
 * CSV: RFC 4180 with every field quoted, CRLF between rows (line breaks inside a segment are kept
 * inside its quotes), UTF-8 with a byte-order mark so Excel on Windows reads accents and non-Latin
 * scripts correctly. A text field starting with = + - @ or a tab/carriage return is prefixed with '
 * so a spreadsheet never runs it as a formula (OWASP "CSV injection"); numbers are written as numbers.
 */

export type CsvValue = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet would read a cell starting like this as a formula: every CSV export guards these. */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** One quoted field, with the formula guard for text. */
export function csvField(value: CsvValue): string {
  const text = typeof value === "number" ? String(value) : startsLikeFormula(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: readonly (readonly CsvValue[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map(csvField).join(",")).join("\r\n");
  return `${options.bom === false ? "" : "\uFEFF"}${body}\r\n`;
}

/** One exported segment, already turned into words. */
export interface SegmentExportRow {
  /** Code paths ("Technology/Usability"); several for an ALL-of overlap. */
  codes: readonly string[];
  source: string;
  cases: readonly string[];
  /** Coders' names ("Amira Patel (AP)"). */
  coders: readonly string[];
  /** Date coded, YYYY-MM-DD. */
  date: string;
  start: number;
  end: number;
  text: string;
}

export const SEGMENT_CSV_HEADER = ["Code", "Source", "Cases", "Coder", "Date coded", "Start", "End", "Text"] as const;

export function segmentsCsv(rows: readonly SegmentExportRow[]): string {
  return toCsv([
    SEGMENT_CSV_HEADER,
    ...rows.map((r) => [r.codes.join("; "), r.source, r.cases.join("; "), r.coders.join("; "), r.date, r.start, r.end, r.text]),
  ]);
}

/** UTF-8 bytes of a CSV string (the BOM is part of the string). */
export function csvBytes(csv: string): Uint8Array {
  return new TextEncoder().encode(csv);
}

/**
 * Plain text for the clipboard: each segment's text, then where it came from, blank line between.
 *
 *     “It takes me three clicks to find the obs chart.”
 *     — P01 interview, characters 1,204–1,251 · Technology/Usability · coded by Amira Patel (AP)
 */
export function segmentsPlainText(rows: readonly SegmentExportRow[]): string {
  const number = new Intl.NumberFormat("en-GB");
  return rows
    .map((r) => {
      const where = `${r.source}${r.cases.length > 0 ? ` (${r.cases.join(", ")})` : ""}, characters ${number.format(r.start)}–${number.format(r.end)}`;
      return `“${r.text.trim()}”\n— ${where} · ${r.codes.join(", ")} · coded by ${r.coders.join(", ")}`;
    })
    .join("\n\n");
}
