/**
 * Reading a cases CSV: RFC 4180 plus what Excel really writes (BOM, CRLF, semicolons in European
 * locales, Windows-1252 from "CSV (Comma delimited)", UTF-16 from "Unicode Text", a `sep=;` line).
 * Pure: bytes or text in, a table or one researcher-readable message out.
 */
import { plural } from "../text/plural";

export type CsvDelimiter = "," | ";" | "\t";

/** One record, with the 1-based line of the file where it starts (as a text editor numbers lines). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface CsvProblem {
  line: number;
  kind: "ragged" | "unclosedQuote";
  message: string;
}

export interface CsvParseOutput {
  delimiter: CsvDelimiter;
  records: CsvRecord[];
  problems: CsvProblem[];
}

/** A header plus rows that all have the header's width. Rows that could not be read are in `problems`. */
export interface CsvTable {
  fileName: string;
  delimiter: CsvDelimiter;
  header: string[];
  rows: CsvRecord[];
  problems: CsvProblem[];
}

export type CsvReadResult = { ok: true; table: CsvTable } | { ok: false; message: string };

const DELIMITERS: readonly CsvDelimiter[] = [",", ";", "\t"];

/** The biggest cases CSV we read: a 1,000-case sheet with many attributes is well under 5 MB. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

const q = (fileName: string): string => `“${fileName}”`;

/**
 * Picks the delimiter from the first line (outside quotes): the most frequent of , ; tab.
 * Ties go to the comma, the RFC default.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (const c of text) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === "\n" || c === "\r")) break;
    else if (!inQuotes && counts.has(c as CsvDelimiter)) counts.set(c as CsvDelimiter, (counts.get(c as CsvDelimiter) ?? 0) + 1);
  }
  let best: CsvDelimiter = ",";
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/**
 * Splits text into records. Quoted fields may hold delimiters, `""` and line breaks (CRLF inside a
 * value becomes LF). Blank lines are skipped. Lenient where Excel is: a quote inside an unquoted value
 * is kept as text, and spaces before an opening quote are dropped.
 */
export function parseCsv(input: string, options: { delimiter?: CsvDelimiter } = {}): CsvParseOutput {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let line = 1;
  // Excel's "sep=;" first line names the delimiter and is not data.
  const sep = /^sep=([,;\t])[ \t]*(\r\n|\n|\r|$)/i.exec(text);
  let delimiter = options.delimiter ?? detectDelimiter(text);
  if (sep) {
    delimiter = options.delimiter ?? (sep[1] as CsvDelimiter);
    text = text.slice(sep[0].length);
    line = 2;
  }

  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let cells: string[] = [];
  let field = "";
  let quoted = false; // the current field started with a quote
  let quotedRecord = false; // a record of one quoted empty value is not a blank line
  let inQuotes = false;
  let recordLine = line;
  let quoteLine = line;

  const endField = () => {
    cells.push(field);
    field = "";
    quoted = false;
  };
  const endRecord = () => {
    endField();
    const blank = cells.length === 1 && cells[0] === "" && !quotedRecord;
    if (!blank) records.push({ line: recordLine, cells });
    cells = [];
    quotedRecord = false;
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else if (c === "\r" || c === "\n") {
        if (c === "\r" && text[i + 1] === "\n") i++;
        field += "\n";
        line++;
      } else field += c;
      continue;
    }
    if (c === '"' && !quoted && field.trim() === "") {
      field = "";
      quoted = true;
      quotedRecord = true;
      inQuotes = true;
      quoteLine = line;
    } else if (c === delimiter) {
      endField();
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (inQuotes) {
    problems.push({
      line: quoteLine,
      kind: "unclosedQuote",
      message: `Line ${quoteLine}: a quoted value starts here and is never closed.`,
    });
  } else if (field !== "" || cells.length > 0 || quoted) {
    endRecord();
  }
  return { delimiter, records, problems };
}

function isEmptyRecord(record: CsvRecord): boolean {
  return record.cells.every((c) => c.trim() === "");
}

/** Header names as the researcher will see them: trimmed, never empty, never repeated. */
function cleanHeader(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const base = raw.replace(/\s+/g, " ").trim() || `Column ${i + 1}`;
    const key = base.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/**
 * Text to table: the first non-empty record is the header. Rows with a different number of values are
 * reported (line numbers) and left out; rows of nothing but empty cells (Excel's `;;;;`) are skipped.
 * Fails with one message naming the file when there is no usable table at all.
 */
export function readCsvText(fileName: string, text: string): CsvReadResult {
  if (text.replace(/^\uFEFF/, "").trim() === "") return { ok: false, message: `${q(fileName)} is empty.` };
  const parsed = parseCsv(text);
  const unclosed = parsed.problems.find((p) => p.kind === "unclosedQuote");
  if (unclosed) {
    return {
      ok: false,
      message: `${q(fileName)} could not be read: line ${unclosed.line} opens a quoted value (") that is never closed. Fix that line and import again.`,
    };
  }
  const records = parsed.records.filter((r) => !isEmptyRecord(r));
  const [headerRecord, ...data] = records;
  if (!headerRecord) return { ok: false, message: `${q(fileName)} is empty.` };
  const header = cleanHeader(headerRecord.cells);
  const width = header.length;
  const rows: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  for (const record of data) {
    let cells = record.cells;
    // Trailing empty cells past the header are a spreadsheet artefact, not data.
    if (cells.length > width && cells.slice(width).every((c) => c.trim() === "")) cells = cells.slice(0, width);
    if (cells.length !== width) {
      problems.push({
        line: record.line,
        kind: "ragged",
        message: `Line ${record.line} has ${plural(cells.length, "value")} but the header has ${width} columns.`,
      });
      continue;
    }
    rows.push({ line: record.line, cells });
  }
  if (rows.length === 0 && problems.length === 0) {
    return { ok: false, message: `${q(fileName)} has a header row but no rows of cases below it.` };
  }
  if (problems.length > rows.length) {
    const first = problems[0];
    return {
      ok: false,
      message:
        `${q(fileName)} does not look like a table: ${problems.length} of ${problems.length + rows.length} rows have a different number of values from the header` +
        (first ? ` (${first.message.replace(/\.$/, "")})` : "") +
        ". Check it is a CSV file saved from a spreadsheet.",
    };
  }
  return { ok: true, table: { fileName, delimiter: parsed.delimiter, header, rows, problems } };
}

function hasNul(bytes: Uint8Array, limit = 4096): boolean {
  const end = Math.min(bytes.length, limit);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Bytes to text, or a message. Excel writes UTF-8 with a BOM ("CSV UTF-8"), Windows-1252 ("CSV (Comma
 * delimited)" on UK Windows) or UTF-16 with a BOM ("Unicode Text"); anything with NUL bytes and no
 * UTF-16 BOM is not text.
 */
export function decodeCsvBytes(fileName: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (bytes.length === 0) return { ok: false, message: `${q(fileName)} is empty.` };
  if (bytes.length > MAX_CSV_BYTES) return { ok: false, message: `${q(fileName)} is too large for a cases CSV (over 20 MB).` };
  if (b0 === 0x50 && b1 === 0x4b) {
    return {
      ok: false,
      message: `${q(fileName)} is an Excel workbook or another zipped file, not a CSV. In Excel choose File › Save As › “CSV UTF-8”, then import that file.`,
    };
  }
  if (b0 === 0xd0 && b1 === 0xcf) {
    return {
      ok: false,
      message: `${q(fileName)} is an old Excel (.xls) or Office file, not a CSV. In Excel choose File › Save As › “CSV UTF-8”.`,
    };
  }
  if (b0 === 0xff && b1 === 0xfe) return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (b0 === 0xfe && b1 === 0xff) return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  if (hasNul(bytes)) return { ok: false, message: `${q(fileName)} is not a text file, so it cannot be a CSV.` };
  const body = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(body) };
  } catch {
    return { ok: true, text: new TextDecoder("windows-1252").decode(body) };
  }
}

/** Bytes of a picked file to a table, or one message naming the file. */
export function readCsvFile(fileName: string, bytes: Uint8Array): CsvReadResult {
  const decoded = decodeCsvBytes(fileName, bytes);
  return decoded.ok ? readCsvText(fileName, decoded.text) : decoded;
}
