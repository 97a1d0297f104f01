import type { JournalEntry } from "../../shared/model/records";
import { describeDetail, describeWhat, opWord, stampTime, tableWord, type NameLookup } from "./describeEntry";

export const AUDIT_CSV_HEADER = [
  "When (UTC)",
  "Coder",
  "Initials",
  "Change",
  "What",
  "Detail",
  "Kind of record",
  "Action",
  "Record id",
  "Batch id",
];

/** A spreadsheet opens a cell starting with = + - @ as a formula: a leading ' keeps it text. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The filtered trail as CSV for Excel (UTF-8 with BOM, CRLF), newest first as on screen. */
export function auditCsv(
  entries: readonly JournalEntry[],
  coders: ReadonlyMap<string, { name: string; initials: string }>,
  names: NameLookup,
): string {
  const lines = [AUDIT_CSV_HEADER.map(cell).join(",")];
  for (const e of entries) {
    const coder = coders.get(e.coderId);
    const row = [
      stampTime(e.at).toISOString(),
      coder?.name ?? "Unknown coder",
      coder?.initials ?? "",
      e.label,
      describeWhat(e, names),
      describeDetail(e, names),
      tableWord(e.table),
      opWord(e.op),
      e.recordId,
      e.batchId,
    ];
    lines.push(row.map(cell).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
