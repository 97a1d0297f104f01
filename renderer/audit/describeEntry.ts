/**
 * The audit trail in words: "updated code “Usability”", "name: Usability → Ease of use".
 * Pure (no React, no database) so it is unit-tested and reused by the CSV export.
 */
import { plural } from "../../shared/text/plural";
import type { JournalEntry, JournalOp, JournaledTable } from "../../shared/model/records";

/** Names for ids found in records (parent codes, a coding's code and source, cases). */
export interface NameLookup {
  code(id: string): string | undefined;
  source(id: string): string | undefined;
  case(id: string): string | undefined;
}

export const NO_NAMES: NameLookup = { code: () => undefined, source: () => undefined, case: () => undefined };

const SINGULAR: Record<JournaledTable, string> = {
  sources: "source",
  codes: "code",
  codings: "coding",
  memos: "memo",
  cases: "case",
  attributes: "attribute",
  coders: "coder",
  savedSearches: "saved search",
  speakers: "speaker",
  casePassages: "case passage",
};

const OP_WORDS: Record<JournalOp, string> = { create: "created", update: "updated", delete: "deleted", restore: "restored" };

/** Fields that change with every write, or that the researcher never sees. */
const HIDDEN = new Set([
  "id",
  "createdAt",
  "updatedAt",
  "updatedBy",
  "deleted",
  "contentHash",
  "authorId",
  "coderId",
  "publicKey",
  "targetKind",
  "targetId",
  "codedAs",
]);

const FIELD_LABELS: Record<string, string> = {
  caseIds: "cases",
  parentId: "parent code",
  order: "position",
  isCategory: "category",
  codeId: "code",
  sourceId: "source",
  note: "annotation",
  body: "text",
  values: "attribute values",
  charCount: "characters",
  wordCount: "words",
  fileName: "file name",
  importedAt: "imported",
  mergedInto: "merged into",
  caseId: "case",
  matchCase: "match case",
  wholeWords: "whole words",
};

/** Text fields whose values are too long for a one-line detail: the trail says they changed. */
const LONG_TEXT = new Set(["description", "memo", "body", "note"]);

const MAX_VALUE = 60;

export function tableWord(table: JournaledTable, count = 1): string {
  const one = SINGULAR[table];
  return count === 1 ? one : `${one.replace(/search$/, "searche")}s`;
}

export function opWord(op: JournalOp): string {
  return OP_WORDS[op];
}

type Fields = Record<string, unknown>;

function fields(value: unknown): Fields | null {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Fields) : null;
}

function short(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > MAX_VALUE ? `${clean.slice(0, MAX_VALUE - 1)}…` : clean;
}

function quoted(text: string): string {
  return `“${short(text)}”`;
}

/** The record's own name for the trail, e.g. a code's name, a memo's title. */
export function recordName(entry: JournalEntry, names: NameLookup = NO_NAMES): string | null {
  const record = fields(entry.after) ?? fields(entry.before);
  if (!record) return null;
  if (entry.table === "codings") {
    const code = typeof record.codeId === "string" ? names.code(record.codeId) : undefined;
    return code ?? null;
  }
  if (entry.table === "memos") return typeof record.title === "string" && record.title.trim() ? record.title : "Untitled memo";
  // A case passage is named by its case; a speaker by its label as the transcripts write it.
  if (entry.table === "casePassages") return (typeof record.caseId === "string" ? names.case(record.caseId) : undefined) ?? null;
  if (entry.table === "speakers") return typeof record.label === "string" ? record.label : null;
  return typeof record.name === "string" ? record.name : null;
}

/** "created code “Usability”" */
export function describeWhat(entry: JournalEntry, names: NameLookup = NO_NAMES): string {
  const name = recordName(entry, names);
  return `${opWord(entry.op)} ${tableWord(entry.table)}${name ? ` ${quoted(name)}` : ""}`;
}

function formatValue(field: string, value: unknown, names: NameLookup): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    const named =
      field === "parentId" || field === "codeId" || field === "mergedInto"
        ? names.code(value)
        : field === "sourceId"
          ? names.source(value)
          : field === "caseId"
            ? names.case(value)
            : undefined;
    return short(named ?? value);
  }
  if (Array.isArray(value)) {
    if (field === "caseIds") return value.length ? value.map((id) => names.case(String(id)) ?? "a deleted case").join(", ") : "none";
    return value.length ? value.map(String).join(", ") : "none";
  }
  return "changed";
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export interface FieldChange {
  field: string;
  label: string;
  text: string;
}

/** What an update changed, field by field, in words. */
export function changedFields(entry: JournalEntry, names: NameLookup = NO_NAMES): FieldChange[] {
  const before = fields(entry.before);
  const after = fields(entry.after);
  if (!before || !after) return [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !HIDDEN.has(k));
  return keys.flatMap((field): FieldChange[] => {
    const from = before[field];
    const to = after[field];
    if (same(from, to)) return [];
    const label = FIELD_LABELS[field] ?? field;
    if (LONG_TEXT.has(field)) return [{ field, label, text: `${label} edited` }];
    if (field === "values") {
      const a = fields(from) ?? {};
      const b = fields(to) ?? {};
      const count = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !same(a[k], b[k])).length;
      return [{ field, label, text: `${plural(count, "attribute value")} changed` }];
    }
    return [{ field, label, text: `${label}: ${formatValue(field, from, names)} → ${formatValue(field, to, names)}` }];
  });
}

/** The short detail after the "what": changed fields for updates, the coded span for codings. */
export function describeDetail(entry: JournalEntry, names: NameLookup = NO_NAMES): string {
  if (entry.op === "update")
    return changedFields(entry, names)
      .map((c) => c.text)
      .join("; ");
  const record = fields(entry.after) ?? fields(entry.before);
  if ((entry.table === "codings" || entry.table === "casePassages") && record) {
    const source = typeof record.sourceId === "string" ? names.source(record.sourceId) : undefined;
    const span = typeof record.start === "number" && typeof record.end === "number" ? `characters ${record.start}–${record.end}` : "";
    return [source ? `in ${quoted(source)}` : "", span].filter(Boolean).join(", ");
  }
  return "";
}

/** "3 changes: created 2 codes, updated 1 coding" for a batch shown as one row. */
export function describeBatch(entries: readonly JournalEntry[]): string {
  const counts = new Map<string, { op: JournalOp; table: JournaledTable; n: number }>();
  for (const e of entries) {
    const key = `${e.op}:${e.table}`;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { op: e.op, table: e.table, n: 1 });
  }
  const parts = [...counts.values()].map((c) => `${opWord(c.op)} ${c.n} ${tableWord(c.table, c.n)}`);
  return `${entries.length} changes: ${parts.join(", ")}`;
}

/** Wall-clock time of an HLC stamp (its first 13 characters are milliseconds since 1970). */
export function stampTime(at: string): Date {
  return new Date(Number(at.slice(0, 13)));
}

export interface BatchGroup {
  batchId: string;
  label: string;
  coderId: string;
  at: string;
  entries: JournalEntry[];
}

/** Consecutive entries of one batch (they are written together, so they are adjacent by seq). */
export function groupBatches(entries: readonly JournalEntry[]): BatchGroup[] {
  const groups: BatchGroup[] = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last && last.batchId === entry.batchId) last.entries.push(entry);
    else groups.push({ batchId: entry.batchId, label: entry.label, coderId: entry.coderId, at: entry.at, entries: [entry] });
  }
  return groups;
}
