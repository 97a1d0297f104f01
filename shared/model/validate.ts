/**
 * One schema per record type (records.ts), checked on every path that takes records from outside the
 * project's own database: bundles and backups (shared/bundle), REFI-QDA import and merge. A record that
 * does not match is reported by table, id and field — never passed on to code that would crash on it
 * (`name.normalize is not a function`) or copy it to every replica.
 *
 * Hand-written rather than a validation library: eleven small shapes, and every check must be shallow or
 * iterative (a memo body of 100k nested arrays must not blow the stack). Adding an optional field to a
 * record is one line: `mergedInto: optional(id)`.
 *
 * Unknown extra fields are tolerated (a newer Margin of the same format version may add an optional
 * field) when they are plain JSON no deeper than MAX_EXTRA_DEPTH; the keys `__proto__`, `constructor`
 * and `prototype` are refused, so nothing downstream can copy them onto a prototype.
 */
import { isStamp } from "../clock/hlc";
import { SOURCE_KINDS, SPEAKER_ROLES } from "./records";
import type { ProjectTableName } from "./tables";

/** What is wrong with one field, or null when it is fine. */
export type FieldCheck = (value: unknown) => string | null;

export interface RecordProblem {
  table: ProjectTableName;
  /** The record's id when it has a usable one. */
  id: string | null;
  field: string;
  problem: string;
}

export interface RecordSchema {
  fields: Readonly<Record<string, FieldCheck>>;
  /** Checks across fields of the same record, run only when every field passed. */
  whole?: (record: Record<string, unknown>) => { field: string; problem: string } | null;
}

export const MAX_ID_LENGTH = 200;
/** Depth allowed inside an unknown (newer) field: enough for any plain value, far from any stack limit. */
export const MAX_EXTRA_DEPTH = 16;
/** Fields a record may carry in all, known and unknown. */
export const MAX_FIELDS = 64;
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

// ------------------------------------------------------------------ field checks

const describe = (v: unknown): string =>
  v === null ? "null" : Array.isArray(v) ? "a list" : typeof v === "object" ? "an object" : typeof v === "string" ? "text" : `${typeof v}`;

export const text: FieldCheck = (v) => (typeof v === "string" ? null : `is ${v === undefined ? "missing" : describe(v)}, not text`);

export const id: FieldCheck = (v) => {
  if (typeof v !== "string") return `is ${v === undefined ? "missing" : describe(v)}, not an id`;
  if (v.length === 0 || v.length > MAX_ID_LENGTH) return `is not an id (${v.length} characters)`;
  return null;
};

/** An id that may be empty: a project memo's target before the project id is known (REFI-QDA import). */
export const idOrEmpty: FieldCheck = (v) => (v === "" ? null : id(v));

export const stamp: FieldCheck = (v) =>
  isStamp(v) ? null : `is not a clock stamp (${typeof v === "string" ? `“${v.slice(0, 40)}”` : describe(v)})`;

export const bool: FieldCheck = (v) =>
  typeof v === "boolean" ? null : `is ${v === undefined ? "missing" : describe(v)}, not true or false`;

export const finite: FieldCheck = (v) =>
  typeof v === "number" && Number.isFinite(v) ? null : `is ${v === undefined ? "missing" : describe(v)}, not a number`;

/** A whole number from 0: counts and text offsets. */
export const count: FieldCheck = (v) =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 0
    ? null
    : `is ${typeof v === "number" ? v : v === undefined ? "missing" : describe(v)}, not a whole number from 0`;

export function oneOf(values: readonly string[]): FieldCheck {
  return (v) =>
    typeof v === "string" && values.includes(v)
      ? null
      : `is ${typeof v === "string" ? `“${v.slice(0, 40)}”` : describe(v)}, not one of ${values.join(", ")}`;
}

export function nullable(check: FieldCheck): FieldCheck {
  return (v) => (v === null ? null : check(v));
}

/** A field older records lack: absent is fine, present must pass `check`. */
export function optional(check: FieldCheck): FieldCheck {
  return (v) => (v === undefined ? null : check(v));
}

/** A list whose every item passes `item` (checked in a loop: no recursion). */
export function listOf(item: FieldCheck, what: string): FieldCheck {
  return (v) => {
    if (!Array.isArray(v)) return `is ${v === undefined ? "missing" : describe(v)}, not a list of ${what}`;
    for (let i = 0; i < v.length; i++) {
      const bad = item(v[i]);
      if (bad) return `item ${i + 1} ${bad}`;
    }
    return null;
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A case's attribute values: attribute id → text, number or nothing. */
const attributeValues: FieldCheck = (v) => {
  if (!isPlainObject(v)) return `is ${v === undefined ? "missing" : describe(v)}, not a set of attribute values`;
  for (const key of Object.keys(v)) {
    if (FORBIDDEN_KEYS.has(key)) return `has the forbidden key “${key}”`;
    const value = v[key];
    if (value !== null && typeof value !== "string" && !(typeof value === "number" && Number.isFinite(value)))
      return `“${key.slice(0, 40)}” is ${describe(value)}, not text or a number`;
  }
  return null;
};

/** Text ranges (blocks, marks, turns, timestamps): objects with whole-number start ≤ end. */
const span: FieldCheck = (v) => {
  if (!isPlainObject(v)) return `is ${describe(v)}, not a range of the text`;
  const bad = count(v.start) ?? count(v.end);
  if (bad) return `has a start or end that ${bad}`;
  return (v.start as number) > (v.end as number) ? "starts after it ends" : null;
};

/** An object whose known fields pass their checks (absent ones are asked too: wrap them in `optional`). */
function shapeOf(what: string, checks: Readonly<Record<string, FieldCheck>>): FieldCheck {
  return (v) => {
    if (!isPlainObject(v)) return `is ${v === undefined ? "missing" : describe(v)}, not ${what}`;
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) return `has the forbidden key “${key}”`;
      if (!Object.hasOwn(checks, key) && deeperThan(v[key], MAX_EXTRA_DEPTH)) return `has “${key.slice(0, 40)}” nested too deep`;
    }
    for (const [key, check] of Object.entries(checks)) {
      const bad = check(Object.hasOwn(v, key) ? v[key] : undefined);
      if (bad) return `${key} ${bad}`;
    }
    return null;
  };
}

const attributeValue: FieldCheck = (v) =>
  v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) ? null : `is ${describe(v)}, not text or a number`;

/** A saved search's scope (shared/search/scope.ts SearchScope), stored as plain JSON. */
const searchScope: FieldCheck = shapeOf("a search scope", {
  sourceKinds: optional(listOf(oneOf(SOURCE_KINDS), "source kinds")),
  sourceIds: optional(listOf(id, "source ids")),
  cases: optional(
    shapeOf("a case filter", {
      caseIds: optional(listOf(id, "case ids")),
      attribute: optional(shapeOf("an attribute condition", { attributeId: id, value: attributeValue })),
    }),
  ),
  speakers: optional(oneOf(["all", "participants", "withoutInterviewers"])),
  interviewerLabels: optional(listOf(text, "speaker labels")),
  coding: optional(
    shapeOf("a coding condition", { codeIds: listOf(id, "code ids"), inside: bool, coderIds: optional(listOf(id, "coder ids")) }),
  ),
});

// ------------------------------------------------------------------ schemas

const META: Record<string, FieldCheck> = { id, createdAt: text, updatedAt: stamp, updatedBy: id, deleted: bool };

const hash: FieldCheck = (v) =>
  typeof v === "string" && (v === "" || /^[0-9a-f]{64}$/.test(v))
    ? null
    : `is not a SHA-256 in hex (${typeof v === "string" ? `“${v.slice(0, 70)}”` : describe(v)})`;

export const SCHEMAS: Readonly<Record<ProjectTableName, RecordSchema>> = {
  sources: {
    fields: {
      ...META,
      name: text,
      kind: oneOf(SOURCE_KINDS),
      fileName: text,
      format: oneOf(["docx", "txt"]),
      importedAt: text,
      charCount: count,
      wordCount: count,
      contentHash: hash,
      caseIds: listOf(id, "case ids"),
      memo: text,
    },
  },
  sourceContent: {
    fields: {
      id,
      text,
      blocks: listOf(span, "blocks"),
      marks: listOf(span, "marks"),
      turns: listOf(span, "turns"),
      timestamps: listOf(span, "timestamps"),
      warnings: listOf(text, "warnings"),
    },
    whole: (r) => {
      const length = (r.text as string).length;
      for (const field of ["blocks", "marks", "turns", "timestamps"]) {
        for (const s of r[field] as { end: number }[])
          if (s.end > length) return { field, problem: `has a range ending at ${s.end}, past the end of the text (${length})` };
      }
      return null;
    },
  },
  codes: {
    fields: {
      ...META,
      parentId: nullable(id),
      name: text,
      description: text,
      colour: text,
      order: finite,
      isCategory: bool,
      mergedInto: optional(id),
    },
  },
  codings: {
    fields: { ...META, sourceId: id, codeId: id, start: count, end: count, coderId: id, note: text, codedAs: optional(id) },
    whole: (r) =>
      (r.start as number) > (r.end as number)
        ? { field: "start", problem: `is after the end (${String(r.start)} > ${String(r.end)})` }
        : null,
  },
  memos: {
    fields: {
      ...META,
      targetKind: oneOf(["project", "source", "code", "coding", "case"]),
      targetId: idOrEmpty,
      title: text,
      body: text,
      authorId: id,
    },
  },
  cases: {
    fields: { ...META, name: text, description: text, values: attributeValues },
  },
  attributes: {
    fields: { ...META, name: text, type: oneOf(["text", "number", "date", "category"]), options: listOf(text, "options"), order: finite },
  },
  coders: {
    fields: { ...META, name: text, initials: text, colour: text, publicKey: nullable(text) },
  },
  savedSearches: {
    fields: {
      ...META,
      name: text,
      query: text,
      regex: bool,
      matchCase: bool,
      wholeWords: bool,
      scope: searchScope,
      notes: shapeOf("a choice of notes to search", { memos: bool, annotations: bool }),
    },
  },
  speakers: {
    fields: { ...META, label: text, name: text, role: nullable(oneOf(SPEAKER_ROLES)) },
  },
  casePassages: {
    fields: { ...META, caseId: id, sourceId: id, start: count, end: count, coderId: id },
    whole: (r) =>
      (r.start as number) > (r.end as number)
        ? { field: "start", problem: `is after the end (${String(r.start)} > ${String(r.end)})` }
        : null,
  },
};

// ------------------------------------------------------------------ checking a record

/** Each schema's fields as a list, made once: checking runs over every record of a bundle. */
const FIELD_CHECKS = Object.fromEntries(Object.entries(SCHEMAS).map(([table, schema]) => [table, Object.entries(schema.fields)])) as Record<
  ProjectTableName,
  [string, FieldCheck][]
>;

/** How deep `value` nests, looking no deeper than `limit` (a loop over a stack of its own: no recursion). */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== "object" || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The first problem with one record of `table`, or null when it matches its schema. The id is reported
 * when it is usable, so the researcher (or the sender) can find the record.
 */
export function checkRecord(table: ProjectTableName, record: unknown): RecordProblem | null {
  const bad = (field: string, problem: string, recordId: string | null = null): RecordProblem => ({ table, id: recordId, field, problem });
  if (!isPlainObject(record)) return bad("(record)", `is ${describe(record)}, not a record`);
  const recordId = id(record.id) === null ? (record.id as string) : null;
  const schema = SCHEMAS[table];
  const keys = Object.keys(record);
  if (keys.length > MAX_FIELDS) return bad("(record)", `has ${keys.length} fields (at most ${MAX_FIELDS})`, recordId);
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) return bad(key, "is a forbidden field name", recordId);
    if (!Object.hasOwn(schema.fields, key) && deeperThan(record[key], MAX_EXTRA_DEPTH))
      return bad(key, `is an unknown field nested more than ${MAX_EXTRA_DEPTH} deep`, recordId);
  }
  for (const [field, check] of FIELD_CHECKS[table]) {
    const problem = check(Object.hasOwn(record, field) ? record[field] : undefined);
    if (problem) return bad(field, problem, recordId);
  }
  const whole = schema.whole?.(record);
  return whole ? bad(whole.field, whole.problem, recordId) : null;
}

/** "codings “01ab…”: start is after the end (9 > 3)": one problem, for a message. */
export function describeProblem(p: RecordProblem): string {
  const who = p.id === null ? "a record" : `“${p.id.length > 40 ? `${p.id.slice(0, 40)}…` : p.id}”`;
  return `${p.table} ${who}: ${p.field} ${p.problem}`;
}
