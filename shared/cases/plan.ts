/**
 * The cases-CSV import plan: what Apply would do, worked out before anything is written, so the
 * preview can show it and the repository can apply it in one transaction.
 */
import type { AttributeRecord, AttributeType, AttributeValue, CaseRecord, SourceRecord } from "../model/records";
import type { CsvProblem, CsvTable } from "./csv";
import { cleanName, cleanOptions, inferAttributeType, nameKey, parseAttributeValue, sortOptions } from "./values";

export type ColumnUse = "source" | "case" | "attribute" | "ignore";

export interface ColumnChoice {
  use: ColumnUse;
  /** The type for a NEW attribute; a column named like an existing attribute keeps that attribute's type. */
  type: AttributeType;
}

export interface ImportChoices {
  columns: ColumnChoice[];
  /** Add values not yet in an existing category attribute's list, instead of reporting them as invalid. */
  extendCategories: boolean;
}

export type PlanSource = Pick<SourceRecord, "id" | "name" | "fileName" | "caseIds">;
export type PlanCase = Pick<CaseRecord, "id" | "name" | "values">;
export type PlanAttribute = Pick<AttributeRecord, "id" | "name" | "type" | "options" | "order">;

export interface PlanInput {
  table: CsvTable;
  choices: ImportChoices;
  sources: readonly PlanSource[];
  cases: readonly PlanCase[];
  attributes: readonly PlanAttribute[];
}

export interface PlannedAttribute {
  column: number;
  name: string;
  /** Null: the attribute is created. */
  existingId: string | null;
  type: AttributeType;
  /** The full option list after the import (category only). */
  options: string[];
  /** Options an existing category attribute gains. */
  addedOptions: string[];
}

export interface PlannedCase {
  name: string;
  /** Null: the case is created. */
  existingId: string | null;
  lines: number[];
  /** Attribute column -> value to set (only values that change). */
  values: Map<number, AttributeValue>;
  /** Sources this import links to the case (not already linked). */
  newSourceIds: string[];
}

export interface RowNote {
  line: number;
  value: string;
  reason: string;
}

export interface InvalidValue {
  line: number;
  column: string;
  value: string;
  message: string;
}

export interface ImportPlan {
  /** Problems with the column choices; the plan cannot be applied while there are any. */
  choiceErrors: string[];
  /** Rows whose file or source name found a source. */
  matchedRows: number;
  /** Rows whose file or source name found no source (their case is still created, with no source). */
  unmatchedRows: RowNote[];
  /** Rows left out: no case name. */
  skippedRows: RowNote[];
  /** Rows the CSV reader could not read (ragged). */
  unreadableRows: CsvProblem[];
  sourcesWithoutRow: { id: string; name: string }[];
  cases: PlannedCase[];
  attributes: PlannedAttribute[];
  invalidValues: InvalidValue[];
  /** Values that will change, over all cases. */
  valueCount: number;
  linkCount: number;
}

const EXTENSION = /\.[A-Za-z][A-Za-z0-9]{0,4}$/;

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/** A file name's match keys, ignoring folders and case: the whole name, and the name without its extension. */
function fileKeys(fileName: string): { full: string; stem: string } {
  const full = nameKey(baseName(fileName));
  return { full, stem: full.replace(EXTENSION, "") || full };
}

const SOURCE_HEADERS = new Set([
  "file",
  "filename",
  "files",
  "source",
  "sourcename",
  "sources",
  "document",
  "transcript",
  "filepath",
  "path",
]);
const CASE_HEADERS = new Set([
  "case",
  "casename",
  "caseid",
  "participant",
  "participantid",
  "participantname",
  "pid",
  "name",
  "id",
  "site",
  "organisation",
  "organization",
  "person",
  "interviewee",
]);

function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function columnValues(table: CsvTable, column: number): string[] {
  return table.rows.map((r) => r.cells[column] ?? "");
}

/**
 * First guess at what each column is: a file-like header (or else the first column) names the source,
 * a participant-like header names the case, the rest are attributes with inferred types (or the type
 * of the existing attribute of that name).
 */
export function suggestChoices(table: CsvTable, attributes: readonly PlanAttribute[]): ImportChoices {
  const keys = table.header.map(headerKey);
  let source: number | null = keys.findIndex((k) => SOURCE_HEADERS.has(k));
  let caseColumn = keys.findIndex((k, i) => i !== source && CASE_HEADERS.has(k));
  if (source === -1) source = table.header.length > 1 && caseColumn !== 0 ? 0 : null;
  if (caseColumn === -1) caseColumn = table.header.findIndex((_, i) => i !== source);
  const decimalComma = table.delimiter === ";";
  const columns = table.header.map((name, i): ColumnChoice => {
    if (i === source) return { use: "source", type: "text" };
    if (i === caseColumn) return { use: "case", type: "text" };
    const existing = attributes.find((a) => nameKey(a.name) === nameKey(name));
    return { use: "attribute", type: existing?.type ?? inferAttributeType(columnValues(table, i), { decimalComma }).type };
  });
  return { columns, extendCategories: false };
}

/** Makes `column` the only one with `use` (source or case), turning the previous one into an attribute. */
export function chooseColumnUse(choices: ImportChoices, column: number, use: ColumnUse): ImportChoices {
  const columns = choices.columns.map((c, i): ColumnChoice => {
    if (i === column) return { ...c, use };
    if ((use === "source" || use === "case") && c.use === use) return { ...c, use: "attribute" };
    return c;
  });
  return { ...choices, columns };
}

function sourceMatcher(sources: readonly PlanSource[]) {
  const byFull = new Map<string, PlanSource[]>();
  const byStem = new Map<string, PlanSource[]>();
  const byName = new Map<string, PlanSource[]>();
  const add = (map: Map<string, PlanSource[]>, key: string, s: PlanSource) => map.set(key, [...(map.get(key) ?? []), s]);
  for (const s of sources) {
    const keys = fileKeys(s.fileName);
    add(byFull, keys.full, s);
    add(byStem, keys.stem, s);
    add(byName, nameKey(s.name), s);
  }
  /** The exact file name first, then the file name without extension, then the source name. */
  return (value: string): PlanSource[] => {
    const keys = fileKeys(value);
    return byFull.get(keys.full) ?? byStem.get(keys.stem) ?? byName.get(nameKey(value)) ?? byName.get(keys.stem) ?? [];
  };
}

export function buildImportPlan({ table, choices, sources, cases, attributes }: PlanInput): ImportPlan {
  const uses = choices.columns.map((c) => c.use);
  const sourceColumn = uses.indexOf("source");
  const caseColumn = uses.indexOf("case");
  const choiceErrors: string[] = [];
  if (caseColumn === -1) choiceErrors.push("Choose the column that holds the case names.");
  if (uses.filter((u) => u === "case").length > 1) choiceErrors.push("Only one column can hold the case names.");
  if (uses.filter((u) => u === "source").length > 1) choiceErrors.push("Only one column can hold the file or source names.");
  const decimalComma = table.delimiter === ";";

  // Attributes: an existing one of the same name, else a new one of the chosen type.
  const planned: PlannedAttribute[] = [];
  choices.columns.forEach((choice, column) => {
    if (choice.use !== "attribute") return;
    const name = cleanName(table.header[column] ?? "") || `Column ${column + 1}`;
    const existing = attributes.find((a) => nameKey(a.name) === nameKey(name));
    const values = columnValues(table, column);
    const options = existing ? [...existing.options] : choice.type === "category" ? sortOptions(cleanOptions(values)) : [];
    planned.push({
      column,
      name: existing?.name ?? name,
      existingId: existing?.id ?? null,
      type: existing?.type ?? choice.type,
      options,
      addedOptions: [],
    });
  });
  const newAttributeNames = new Set<string>();
  for (const a of planned) {
    if (a.existingId) continue;
    if (newAttributeNames.has(nameKey(a.name))) choiceErrors.push(`Two columns would make an attribute called “${a.name}”.`);
    newAttributeNames.add(nameKey(a.name));
  }

  const match = sourceMatcher(sources);
  const casesByKey = new Map(cases.map((c) => [nameKey(c.name), c]));
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const plannedCases = new Map<string, PlannedCase>();
  const firstSeen = new Map<string, { line: number; value: AttributeValue }>(); // case key + column -> first value
  const unmatchedRows: RowNote[] = [];
  const skippedRows: RowNote[] = [];
  const invalidValues: InvalidValue[] = [];
  const matchedSourceIds = new Set<string>();
  let matchedRows = 0;

  for (const row of caseColumn === -1 ? [] : table.rows) {
    const caseName = cleanName(row.cells[caseColumn] ?? "");
    let rowSources: PlanSource[] = [];
    if (sourceColumn !== -1) {
      const value = (row.cells[sourceColumn] ?? "").trim();
      const found = value ? match(value) : [];
      if (found.length === 1) {
        rowSources = found;
        matchedRows++;
        matchedSourceIds.add(found[0]?.id ?? "");
      } else {
        const reason =
          value === ""
            ? "has no file or source name"
            : found.length > 1
              ? `matches ${found.length} sources; rename one so the names differ`
              : "matches no source";
        unmatchedRows.push({ line: row.line, value, reason });
      }
    }
    if (!caseName) {
      skippedRows.push({ line: row.line, value: "", reason: "has no case name, so it was left out" });
      continue;
    }
    const key = nameKey(caseName);
    const existing = casesByKey.get(key);
    let pc = plannedCases.get(key);
    if (!pc) {
      pc = { name: existing?.name ?? caseName, existingId: existing?.id ?? null, lines: [], values: new Map(), newSourceIds: [] };
      plannedCases.set(key, pc);
    }
    pc.lines.push(row.line);
    for (const s of rowSources) {
      const alreadyLinked = existing !== undefined && (sourceById.get(s.id)?.caseIds.includes(existing.id) ?? false);
      if (!alreadyLinked && !pc.newSourceIds.includes(s.id)) pc.newSourceIds.push(s.id);
    }
    for (const attr of planned) {
      const raw = (row.cells[attr.column] ?? "").trim();
      // An empty cell leaves the value as it is: an import never clears what a researcher entered.
      if (raw === "") continue;
      const check = parseAttributeValue(raw, attr, { decimalComma, allowNewOption: attr.existingId === null || choices.extendCategories });
      if (!check.ok) {
        invalidValues.push({ line: row.line, column: attr.name, value: raw, message: check.message });
        continue;
      }
      if (check.newOption !== undefined && !attr.options.some((o) => nameKey(o) === nameKey(check.newOption ?? ""))) {
        attr.options.push(check.newOption);
        if (attr.existingId) attr.addedOptions.push(check.newOption);
      }
      const seenKey = `${key}\u0000${attr.column}`;
      const seen = firstSeen.get(seenKey);
      if (seen) {
        if (seen.value !== check.value) {
          invalidValues.push({
            line: row.line,
            column: attr.name,
            value: raw,
            message: `Differs from line ${seen.line} (“${String(seen.value)}”) for the same case; line ${seen.line} is used.`,
          });
        }
        continue;
      }
      firstSeen.set(seenKey, { line: row.line, value: check.value });
      const attributeId = attr.existingId;
      const current = attributeId && existing ? existing.values[attributeId] : undefined;
      if (current !== check.value) pc.values.set(attr.column, check.value);
    }
  }

  const plannedList = [...plannedCases.values()];
  return {
    choiceErrors,
    matchedRows,
    unmatchedRows,
    skippedRows,
    unreadableRows: table.problems,
    sourcesWithoutRow:
      sourceColumn === -1 ? [] : sources.filter((s) => !matchedSourceIds.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
    cases: plannedList,
    attributes: planned,
    invalidValues,
    valueCount: plannedList.reduce((n, c) => n + c.values.size, 0),
    linkCount: plannedList.reduce((n, c) => n + c.newSourceIds.length, 0),
  };
}

/** Whether Apply would change anything. */
export function planHasChanges(plan: ImportPlan): boolean {
  return (
    plan.cases.some((c) => c.existingId === null) ||
    plan.attributes.some((a) => a.existingId === null || a.addedOptions.length > 0) ||
    plan.valueCount > 0 ||
    plan.linkCount > 0
  );
}
