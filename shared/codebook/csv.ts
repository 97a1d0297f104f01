/**
 * Codebook CSV: import (to an import plan) and export. Column rules and examples:
 * docs/codebook-formats.md. The RFC 4180 reader is the cases importer's (../cases/csv), so both
 * imports accept the same Excel quirks (BOM, semicolons, sep= line, Windows-1252, UTF-16).
 */
import { decodeCsvBytes, parseCsv, type CsvRecord } from "../cases/csv";
import { flattenTree, indexCodes, pathNames } from "../coding/codeTree";
import { formatDescription, parseDescription, type DescriptionParts, type DescriptionSection } from "./description";
import { cleanName, formatCodePath, looksLikeNvivoName, parseCodePath, parseNvivoName, type PathParse } from "./path";
import { startsLikeFormula } from "../retrieval/csv";
import { planCodebook, tooManyCodes, type CodebookEntry, type CodebookPlan, type PlanCode, type PlanProblem } from "./plan";

export type CodebookColumn = "path" | "name" | "parent" | "definition" | DescriptionSection | "colour";

const HEADER_SYNONYMS: ReadonlyMap<string, CodebookColumn> = new Map(
  (
    [
      [
        "path",
        ["path", "code path", "full path", "full name", "hierarchy", "code hierarchy", "node path", "tag path", "hierarchical name"],
      ],
      ["name", ["name", "code", "code name", "code label", "label", "node", "node name", "tag", "tag name", "codes", "nodes"]],
      ["parent", ["parent", "parent code", "parent name", "parent node", "parent path"]],
      ["definition", ["description", "definition", "code description", "code definition", "meaning", "descriptor"]],
      ["whenToUse", ["when to use", "use when", "inclusion", "inclusion criteria", "inclusions", "include", "includes"]],
      ["whenNotToUse", ["when not to use", "do not use when", "exclusion", "exclusion criteria", "exclusions", "exclude", "excludes"]],
      [
        "example",
        ["example", "examples", "example quote", "example quotes", "typical example", "exemplar", "exemplars", "illustrative quote"],
      ],
      ["colour", ["colour", "color", "colour hex", "color hex", "hex", "hex colour", "hex color"]],
    ] as const
  ).flatMap(([column, names]) => names.map((n) => [n, column] as [string, CodebookColumn])),
);

/** What a header cell means: case, punctuation and extra spaces ignored ("When to use?" → whenToUse). */
export function matchCodebookHeader(header: string): CodebookColumn | null {
  const key = header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return HEADER_SYNONYMS.get(key) ?? null;
}

/** NVivo's named code colours (its codebook and list exports write names, not hex). */
const NAMED_COLOURS: ReadonlyMap<string, string | null> = new Map([
  ["none", null],
  ["red", "#e3463b"],
  ["orange", "#f39a2b"],
  ["yellow", "#f5d63d"],
  ["green", "#55a84f"],
  ["blue", "#3b7dd8"],
  ["purple", "#8d5cc4"],
]);

/** "#rrggbb" (lower case) from "#RRGGBB", "#rgb", "rrggbb" or an NVivo colour name; null for empty or "None". */
export function parseColour(text: string): { ok: true; colour: string | null } | { ok: false } {
  const t = text.trim().toLowerCase();
  if (t === "") return { ok: true, colour: null };
  const named = NAMED_COLOURS.get(t);
  if (named !== undefined) return { ok: true, colour: named };
  const hex = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/.exec(t)?.[1];
  if (!hex) return { ok: false };
  return { ok: true, colour: `#${hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex}` };
}

/** Undoes the export's spreadsheet-formula guard (a leading ' before = + - @, tab or carriage return). */
const unguard = (cell: string): string => (/^'+/.test(cell) && startsLikeFormula(cell.replace(/^'+/, "")) ? cell.slice(1) : cell);

export interface ColumnUse {
  header: string;
  use: CodebookColumn | null;
}

/** Turns one table row into an entry (or a problem). Shared with DOCX tables. */
export function entryFromRow(
  cell: (column: CodebookColumn) => string,
  line: number,
  unit: "Line" | "Paragraph",
  options: { nvivoPaths?: boolean; parentPath?: readonly string[] } = {},
): { entry: CodebookEntry | null; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const where = `${unit} ${line}`;
  const readPath = (text: string): PathParse =>
    options.nvivoPaths || looksLikeNvivoName(text) ? parseNvivoName(text) : parseCodePath(text);

  const skip = (message: string) => ({
    entry: null,
    problems: [{ line, message: `${where}${message}; the row was skipped.`, skipped: true }],
  });
  const pathText = cell("path");
  const name = cell("name");
  let parsed: PathParse;
  if (pathText.trim()) {
    parsed = readPath(pathText);
    if (!parsed.ok) return skip(`: the path ${parsed.message}`);
  } else if (looksLikeNvivoName(name)) {
    parsed = parseNvivoName(name);
    if (!parsed.ok) return skip(`: the name ${parsed.message}`);
  } else if (cleanName(name)) {
    const parentText = cell("parent");
    const parent: PathParse = parentText.trim() ? readPath(parentText) : { ok: true, names: [] };
    if (!parent.ok) return skip(`: the parent ${parent.message}`);
    parsed = { ok: true, names: [...parent.names, cleanName(name)] };
  } else {
    return skip(" has no code path or name");
  }
  const names = parsed.names;

  const parts: DescriptionParts = parseDescription(cell("definition"));
  for (const section of ["whenToUse", "whenNotToUse", "example"] as const) {
    const text = cell(section).trim();
    if (text) parts[section] = text;
  }
  const colourText = cell("colour");
  const colour = parseColour(colourText);
  if (!colour.ok) {
    problems.push({
      line,
      message: `${where}: “${colourText.trim()}” is not a colour like #1f77b4; the code was imported without it.`,
      skipped: false,
    });
  }
  const path = [...(options.parentPath ?? []), ...names];
  return { entry: { path, description: formatDescription(parts), colour: colour.ok ? colour.colour : null, line }, problems };
}

export type CodebookCsvRead =
  { ok: true; entries: CodebookEntry[]; problems: PlanProblem[]; columns: ColumnUse[] } | { ok: false; message: string };

const q = (fileName: string): string => `“${fileName}”`;

/** Reads a codebook CSV's text into entries, with row problems by line. */
export function readCodebookCsv(fileName: string, text: string): CodebookCsvRead {
  const parsed = parseCsv(text);
  const unclosed = parsed.problems.find((p) => p.kind === "unclosedQuote");
  if (unclosed) {
    return { ok: false, message: `${q(fileName)} could not be read: line ${unclosed.line} opens a quoted value (") that is never closed.` };
  }
  const records = parsed.records.filter((r) => r.cells.some((c) => c.trim() !== ""));
  const [head, ...rows] = records;
  if (!head) return { ok: false, message: `${q(fileName)} is empty.` };

  const columns: ColumnUse[] = head.cells.map((h) => ({ header: h.trim(), use: matchCodebookHeader(h) }));
  const at = new Map<CodebookColumn, number>();
  columns.forEach((c, i) => {
    if (c.use && !at.has(c.use)) at.set(c.use, i);
    else if (c.use) c.use = null; // a second "Description" column is ignored, not merged
  });
  if (!at.has("path") && !at.has("name")) {
    const found = columns.map((c) => `“${c.header}”`).join(", ");
    return {
      ok: false,
      message: `${q(fileName)} has no column of code names. Name one column “Path” (e.g. Technology/Usability) or “Name”; the columns found were ${found}.`,
    };
  }
  if (rows.length === 0) return { ok: false, message: `${q(fileName)} has a header row but no codes below it.` };

  const nvivoPaths = /hierarchical name/i.test(columns[at.get("path") ?? -1]?.header ?? "");
  const entries: CodebookEntry[] = [];
  const problems: PlanProblem[] = [];
  for (const record of rows) {
    if (hasExtraValues(record, columns.length)) {
      problems.push({
        line: record.line,
        message: `Line ${record.line} has more values than there are columns (a comma inside a value that is not in quotes?); the row was skipped.`,
        skipped: true,
      });
      continue;
    }
    const cell = (column: CodebookColumn): string => {
      const i = at.get(column);
      return i === undefined ? "" : unguard(record.cells[i] ?? "");
    };
    const row = entryFromRow(cell, record.line, "Line", { nvivoPaths });
    problems.push(...row.problems);
    if (row.entry) entries.push(row.entry);
  }
  return { ok: true, entries, problems, columns };
}

function hasExtraValues(record: CsvRecord, width: number): boolean {
  return record.cells.slice(width).some((c) => c.trim() !== "");
}

export type CodebookCsvPlan = { ok: true; plan: CodebookPlan; columns: ColumnUse[] } | { ok: false; message: string };

/** Text of a codebook CSV to an import plan against the existing codes. */
export function planCodebookCsv(fileName: string, text: string, existing: readonly PlanCode[]): CodebookCsvPlan {
  const read = readCodebookCsv(fileName, text);
  if (!read.ok) return read;
  const tooMany = tooManyCodes(fileName, read.entries.length);
  if (tooMany) return { ok: false, message: tooMany };
  const plan = planCodebook(read.entries, existing, { unit: "Line" });
  plan.problems = [...read.problems, ...plan.problems].sort((a, b) => a.line - b.line);
  return { ok: true, plan, columns: read.columns };
}

/** Bytes of a picked file to text (same decoding as the cases CSV: UTF-8, Windows-1252, UTF-16). */
export function decodeCodebookCsv(fileName: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  if (bytes.length > 5 * 1024 * 1024) return { ok: false, message: `${q(fileName)} is too large for a codebook (over 5 MB).` };
  return decodeCsvBytes(fileName, bytes);
}

export const CODEBOOK_CSV_HEADER = ["Path", "Definition", "When to use", "When not to use", "Example", "Colour"] as const;

/**
 * The live codes as CSV, parents before children, in the columns import reads. Cells a spreadsheet
 * would run as a formula (= + - @, tab or carriage return first; the same test as the other CSVs) get a
 * leading ' that import removes again; a cell already starting with ' before one gets another.
 */
export function exportCodebookCsv(codes: readonly PlanCode[], options: { bom?: boolean } = {}): string {
  const index = indexCodes(codes);
  const lines = [CODEBOOK_CSV_HEADER.map(csvCell).join(",")];
  for (const { code } of flattenTree(index)) {
    const parts = parseDescription(code.description);
    const row = [
      formatCodePath(pathNames(index, code.id)),
      parts.definition,
      parts.whenToUse,
      parts.whenNotToUse,
      parts.example,
      code.colour,
    ];
    lines.push(row.map(csvCell).join(","));
  }
  return `${options.bom === false ? "" : "\uFEFF"}${lines.join("\r\n")}\r\n`;
}

function csvCell(value: string): string {
  const guarded = startsLikeFormula(value.replace(/^'+/, "")) ? `'${value}` : value;
  return /[",\r\n;\t]|^\s|\s$/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}
