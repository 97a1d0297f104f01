/**
 * Builds Margin records from parsed REFI data: coders, codes, attributes, cases, memos. Sources and
 * codings (where positions matter) are in ./importSources.ts.
 */
import { normaliseDescription } from "../codebook/description";
import { CodeColourTally } from "../coding/palette";
import type {
  AttributeRecord,
  AttributeType,
  AttributeValue,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  MemoRecord,
  MemoTargetKind,
  RecordMeta,
} from "../model/records";
import type { RefiCode, RefiProject, RefiSkipped, RefiVariable, RefiVariableValue } from "./types";
import { plural } from "../text/plural";
import type { AnyId, CodeId } from "../ids";

/** Makes record metadata and ids; one per import so every record gets a fresh clock stamp. */
export interface RecordFactory {
  meta(guid: string | null, createdAt?: string): RecordMeta<AnyId>;
  /** Margin id already given to a REFI guid, if any. */
  idOf(guid: string | undefined): AnyId | undefined;
  idMap: Record<string, AnyId>;
}

export const guidKey = (guid: string): string => guid.trim().toLowerCase();

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? (words[0]?.[0] ?? "") + (words[words.length - 1]?.[0] ?? "") : name.trim().slice(0, 2);
  return letters.toUpperCase() || "?";
}

export function buildCoders(project: RefiProject, f: RecordFactory): CoderRecord[] {
  const colours = new CodeColourTally();
  return project.users.map((u) => {
    const colour = colours.take();
    const name = u.name.trim() || `Coder ${u.id ?? u.guid.slice(0, 8)}`;
    return { ...f.meta(u.guid), name, initials: initialsOf(name), colour, publicKey: null };
  });
}

const HEX = /^#?([0-9a-f]{6})$/i;

export function buildCodes(codes: readonly RefiCode[], f: RecordFactory, skipped: RefiSkipped[]): CodeRecord[] {
  const out: CodeRecord[] = [];
  const colours = new CodeColourTally();
  const walk = (list: readonly RefiCode[], parentId: CodeId | null) => {
    list.forEach((c, order) => {
      const hex = c.color !== undefined ? HEX.exec(c.color.trim()) : null;
      if (c.color !== undefined && !hex)
        skipped.push({ kind: "code colour", name: c.name, reason: `“${c.color}” is not a #RRGGBB colour; a palette colour was used` });
      const colour = hex ? `#${(hex[1] ?? "").toUpperCase()}` : colours.next();
      colours.add(colour);
      const record: CodeRecord = {
        ...f.meta(c.guid),
        parentId,
        name: c.name.trim() || "(unnamed code)",
        description: normaliseDescription(c.description ?? ""),
        colour,
        order,
        isCategory: !c.isCodable,
      };
      out.push(record);
      walk(c.children, record.id);
    });
  };
  walk(codes, null);
  return out;
}

const TYPE_MAP: Record<RefiVariable["typeOfVariable"], AttributeType> = {
  Text: "text",
  Boolean: "category",
  Integer: "number",
  Float: "number",
  Date: "date",
  DateTime: "date",
};

export function buildAttributes(project: RefiProject, f: RecordFactory): AttributeRecord[] {
  return project.variables.map((v, order) => ({
    ...f.meta(v.guid),
    name: v.name.trim() || "(unnamed attribute)",
    type: TYPE_MAP[v.typeOfVariable],
    options: v.typeOfVariable === "Boolean" ? ["true", "false"] : [],
    order,
  }));
}

function convertValue(v: RefiVariable, raw: string | null): { ok: true; value: AttributeValue } | { ok: false } {
  if (raw === null || raw.trim() === "") return { ok: true, value: null };
  const text = raw.trim();
  switch (v.typeOfVariable) {
    case "Text":
      return { ok: true, value: raw };
    case "Boolean":
      if (/^(true|1)$/i.test(text)) return { ok: true, value: "true" };
      if (/^(false|0)$/i.test(text)) return { ok: true, value: "false" };
      return { ok: false };
    case "Integer":
    case "Float": {
      const n = Number(text);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false };
    }
    case "Date":
    case "DateTime": {
      // Margin's dates are yyyy-mm-dd; the time of a DateTime is dropped (reported by the caller).
      const m = /^(\d{4}-\d{2}-\d{2})/.exec(text);
      return m?.[1] ? { ok: true, value: m[1] } : { ok: false };
    }
  }
}

export function caseValues(
  values: readonly RefiVariableValue[],
  variables: ReadonlyMap<string, RefiVariable>,
  f: RecordFactory,
  owner: string,
  skipped: RefiSkipped[],
): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const vv of values) {
    const v = variables.get(guidKey(vv.variableGuid));
    const id = f.idOf(vv.variableGuid);
    if (!v || !id) {
      skipped.push({
        kind: "attribute value",
        name: owner,
        reason: `it refers to variable ${vv.variableGuid}, which is not in the project`,
      });
      continue;
    }
    const converted = convertValue(v, vv.value);
    if (converted.ok) out[id] = converted.value;
    else
      skipped.push({
        kind: "attribute value",
        name: `${owner} / ${v.name}`,
        reason: `“${vv.value ?? ""}” is not a valid ${v.typeOfVariable} value`,
      });
  }
  return out;
}

export function buildCases(project: RefiProject, f: RecordFactory, skipped: RefiSkipped[]): CaseRecord[] {
  const variables = new Map(project.variables.map((v) => [guidKey(v.guid), v]));
  return project.cases.map((c) => {
    const name = c.name.trim() || "(unnamed case)";
    if (c.codeRefs.length > 0)
      skipped.push({
        kind: "case coding",
        name,
        reason: `${plural(c.codeRefs.length, "code")} applied to the whole case; Margin codes text, not cases`,
      });
    return { ...f.meta(c.guid), name, description: c.description ?? "", values: caseValues(c.variableValues, variables, f, name, skipped) };
  });
}

export interface NoteTarget {
  kind: MemoTargetKind;
  id: string;
}

/** Memos from notes: each note goes to the first thing that refers to it; unattached notes are project memos. */
export function buildMemos(
  project: RefiProject,
  targets: ReadonlyMap<string, NoteTarget[]>,
  projectTarget: NoteTarget,
  f: RecordFactory,
  fallbackAuthor: () => string,
  problems: string[],
): MemoRecord[] {
  return project.notes.map((n) => {
    const found = targets.get(guidKey(n.guid)) ?? [];
    const target = found[0] ?? projectTarget;
    const title = n.name?.trim() || "Note";
    if (found.length > 1)
      problems.push(
        `Note “${title}” is attached to ${found.length} items; Margin attaches a memo to one, so it was attached to the first (a ${target.kind}).`,
      );
    const body = [n.description?.trim() ? `${n.description.trim()}\n\n` : "", n.text.replace(/\r\n?/g, "\n")].join("");
    return {
      ...f.meta(n.guid, n.creationDateTime),
      targetKind: target.kind,
      targetId: target.id,
      title,
      body,
      authorId: f.idOf(n.creatingUser) ?? fallbackAuthor(),
    };
  });
}

/** Margin has no sets: they are kept, readable, as one project memo. */
export function setsMemoBody(project: RefiProject, names: ReadonlyMap<string, string>): string {
  const name = (guid: string) => names.get(guidKey(guid)) ?? `(not in the project: ${guid})`;
  return project.sets
    .map((s) => {
      const lines = [`## ${s.name || "(unnamed set)"}`];
      if (s.description?.trim()) lines.push("", s.description.trim());
      const members = [
        ...s.memberCodes.map((g) => `- Code: ${name(g)}`),
        ...s.memberSources.map((g) => `- Source: ${name(g)}`),
        ...s.memberNotes.map((g) => `- Memo: ${name(g)}`),
      ];
      lines.push("", ...(members.length > 0 ? members : ["- (no members)"]));
      return lines.join("\n");
    })
    .join("\n\n");
}
