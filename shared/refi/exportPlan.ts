/**
 * What a REFI-QDA export holds: the live records (tombstones left out) of the whole project or of
 * chosen sources and codes, with the GUIDs they get and the variable types their values need.
 * ./export.ts writes the XML from this; ./qdcExport.ts writes a codebook from the same code tree.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { isIsoDate } from "../cases/values";
import { parseStamp } from "../clock/hlc";
import type {
  AttributeRecord,
  AttributeValue,
  CaseRecord,
  CodeRecord,
  CoderRecord,
  CodingRecord,
  MemoRecord,
  SourceRecord,
} from "../model/records";
import type { ProjectTables } from "../model/tables";
import type { RefiTableName } from "./types";
import type { RefiVariableType } from "./types";
import { decimalString } from "./xmlWrite";
import { plural } from "../text/plural";
import { isLive } from "../model/live";

const GUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

/**
 * The GUID an element gets. Margin's ids are UUIDs already and are used as they are, so exporting
 * twice gives the same GUIDs; anything else (and elements Margin has no record for, such as the
 * selection under a coding) gets a stable name-based UUID (version 8) derived from `salt` and the id.
 */
export function guidFor(id: string, salt = ""): string {
  if (salt === "" && GUID.test(id)) return id.toLowerCase();
  const h = sha256(new TextEncoder().encode(`${salt}:${id}`));
  const hex = Array.from(h.subarray(0, 16), (b, i) =>
    (i === 6 ? (b & 0x0f) | 0x80 : i === 8 ? (b & 0x3f) | 0x80 : b).toString(16).padStart(2, "0"),
  ).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** xsd:dateTime from an ISO string, or undefined when it is not a real time. */
export function isoDateTime(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** The wall time of a hybrid-logical-clock stamp, as xsd:dateTime. */
export function stampDateTime(stamp: string): string | undefined {
  try {
    return new Date(parseStamp(stamp).wallTime).toISOString();
  } catch {
    return undefined;
  }
}

export interface CodeNode {
  code: CodeRecord;
  guid: string;
  children: CodeNode[];
}

export interface ValueOut {
  element: "TextValue" | "BooleanValue" | "IntegerValue" | "FloatValue" | "DateValue";
  text: string;
}

export interface VariableOut {
  attribute: AttributeRecord;
  guid: string;
  type: RefiVariableType;
  description?: string;
}

export interface CaseOut {
  record: CaseRecord;
  guid: string;
  values: { variableGuid: string; value: ValueOut }[];
  sourceGuids: string[];
}

export interface ExportSelection {
  /** Only these sources (and their codings); all when absent. */
  sourceIds?: readonly string[];
  /** Only codings of these codes; the codes' parent codes come along to keep their paths. All when absent. */
  codeIds?: readonly string[];
}

export interface ExportPlan {
  users: { guid: string; name: string }[];
  /** The user GUID of a coder; a coder the project no longer lists becomes a user too, so no reference dangles. */
  userGuid(coderId: string): string;
  /** The user GUID of a listed coder or one already written; undefined otherwise (for optional attributes). */
  knownUserGuid(coderId: string): string | undefined;
  codeTree: CodeNode[];
  codeCount: number;
  codeGuid: ReadonlyMap<string, string>;
  sources: SourceRecord[];
  codingsBySource: ReadonlyMap<string, CodingRecord[]>;
  codingCount: number;
  variables: VariableOut[];
  cases: CaseOut[];
  /** Memos that are exported, by target. */
  memos: MemoRecord[];
  memosFor(kind: MemoRecord["targetKind"], targetId: string): MemoRecord[];
  /** Human-readable remarks for the export summary. */
  remarks: string[];
}

const live = <T extends { deleted: boolean }>(rows: readonly T[]): T[] => rows.filter(isLive);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Codes as a tree ordered as the codebook shows it; a code whose parent is gone goes to the top. */
export function codeForest(codes: readonly CodeRecord[], keep: (c: CodeRecord) => boolean = () => true): CodeNode[] {
  const kept = codes.filter((c) => !c.deleted && keep(c));
  const ids = new Set(kept.map((c) => c.id));
  const byParent = new Map<string | null, CodeRecord[]>();
  for (const c of kept) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    push(byParent, parent, c);
  }
  const seen = new Set<string>();
  const build = (parent: string | null): CodeNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
      // A parent cycle (damaged data) would recurse forever: each code is placed once.
      .filter((c) => !seen.has(c.id) && (seen.add(c.id), true))
      .map((c) => ({ code: c, guid: guidFor(c.id), children: build(c.id) }));
  const roots = build(null);
  // Codes caught in a cycle never hang under a root: put them at the top so none is lost.
  for (const c of kept) if (!seen.has(c.id)) roots.push({ code: c, guid: guidFor(c.id), children: build((seen.add(c.id), c.id)) });
  return roots;
}

/** The chosen codes plus every ancestor, so each exported code keeps its path. */
function withAncestors(codes: readonly CodeRecord[], chosen: ReadonlySet<string>): Set<string> {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const out = new Set<string>();
  for (const id of chosen) {
    let c = byId.get(id);
    while (c && !out.has(c.id)) {
      out.add(c.id);
      c = c.parentId === null ? undefined : byId.get(c.parentId);
    }
  }
  return out;
}

const countNodes = (nodes: readonly CodeNode[]): number => nodes.reduce((n, c) => n + 1 + countNodes(c.children), 0);

function variableType(a: AttributeRecord, values: readonly AttributeValue[]): RefiVariableType {
  switch (a.type) {
    case "text":
      return "Text";
    case "date":
      return "Date";
    case "number":
      return values.every((v) => typeof v !== "number" || Number.isInteger(v)) ? "Integer" : "Float";
    case "category": {
      const options = a.options.map((o) => o.toLowerCase()).sort();
      return options.length === 2 && options[0] === "false" && options[1] === "true" ? "Boolean" : "Text";
    }
  }
}

const MAX_DECIMAL_DIGITS = 24;

function valueOut(type: RefiVariableType, value: AttributeValue): ValueOut | null {
  if (value === null) return null;
  switch (type) {
    case "Text":
      return { element: "TextValue", text: String(value) };
    case "Boolean": {
      const t = String(value).trim().toLowerCase();
      return t === "true" || t === "false" ? { element: "BooleanValue", text: t } : null;
    }
    case "Integer":
    case "Float": {
      const n = typeof value === "number" ? value : Number(value.trim());
      if (!Number.isFinite(n) || (typeof value === "string" && value.trim() === "")) return null;
      const text = decimalString(n);
      // Schema processors need only handle 18 digits, libxml2 takes 24: a longer number (1e-30) is written exactly, as text.
      if (text.replace(/[^0-9]/g, "").length > MAX_DECIMAL_DIGITS) return { element: "TextValue", text: String(n) };
      return { element: type === "Integer" && Number.isInteger(n) ? "IntegerValue" : "FloatValue", text };
    }
    case "Date":
    case "DateTime":
      return typeof value === "string" && isIsoDate(value.trim()) ? { element: "DateValue", text: value.trim() } : null;
  }
}

export function planExport(tables: Pick<ProjectTables, RefiTableName>, selection: ExportSelection = {}): ExportPlan {
  const remarks: string[] = [];
  const wantSources = selection.sourceIds ? new Set(selection.sourceIds) : null;
  const wantCodes = selection.codeIds ? new Set(selection.codeIds) : null;
  const allCodes = live(tables.codes);
  const codeIdsOut = wantCodes ? withAncestors(allCodes, wantCodes) : new Set(allCodes.map((c) => c.id));
  const codeTree = codeForest(allCodes, (c) => codeIdsOut.has(c.id));
  const codeGuid = new Map<string, string>();
  const walk = (nodes: readonly CodeNode[]) => nodes.forEach((n) => (codeGuid.set(n.code.id, n.guid), walk(n.children)));
  walk(codeTree);
  if (wantCodes) {
    const added = [...codeIdsOut].filter((id) => !wantCodes.has(id)).length;
    if (added > 0)
      remarks.push(
        `${plural(added, "parent code")} ${added === 1 ? "was" : "were"} included so every chosen code keeps its place in the hierarchy; their own codings were not.`,
      );
  }

  const sources = live(tables.sources).filter((s) => !wantSources || wantSources.has(s.id));
  const sourceIds = new Set(sources.map((s) => s.id));
  const codingsBySource = new Map<string, CodingRecord[]>();
  let codingCount = 0;
  for (const c of live(tables.codings)) {
    if (!sourceIds.has(c.sourceId) || !codeGuid.has(c.codeId) || (wantCodes && !wantCodes.has(c.codeId))) continue;
    push(codingsBySource, c.sourceId, c);
    codingCount++;
  }
  for (const list of codingsBySource.values()) list.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));

  // Cases: all of them for the whole project; with chosen sources, the cases those sources belong to.
  const caseSources = new Map<string, string[]>();
  for (const s of sources) for (const id of s.caseIds) push(caseSources, id, guidFor(s.id));
  const cases = live(tables.cases).filter((c) => !wantSources || caseSources.has(c.id));
  const attributes = live(tables.attributes).sort((a, b) => a.order - b.order);
  const variables: VariableOut[] = attributes.map((a) => {
    const type = variableType(
      a,
      cases.map((c) => c.values[a.id] ?? null),
    );
    const description = a.type === "category" && type === "Text" && a.options.length > 0 ? `One of: ${a.options.join("; ")}` : undefined;
    return { attribute: a, guid: guidFor(a.id), type, ...(description ? { description } : {}) };
  });
  let badValues = 0;
  let longNumbers = 0;
  const casesOut: CaseOut[] = cases.map((c) => {
    const values: CaseOut["values"] = [];
    for (const v of variables) {
      const raw = c.values[v.attribute.id] ?? null;
      const out = valueOut(v.type, raw);
      if (out) values.push({ variableGuid: v.guid, value: out });
      if (out?.element === "TextValue" && v.type !== "Text") longNumbers++;
      else if (raw !== null) badValues++;
    }
    return { record: c, guid: guidFor(c.id), values, sourceGuids: caseSources.get(c.id) ?? [] };
  });
  if (longNumbers > 0) remarks.push(`${plural(longNumbers, "number")} had too many digits for an XML decimal and were written as text.`);
  if (badValues > 0) remarks.push(`${plural(badValues, "attribute value")} did not fit their attribute's type and were left out.`);

  const codingIds = new Set<string>();
  for (const list of codingsBySource.values()) for (const c of list) codingIds.add(c.id);
  const caseIds = new Set(cases.map((c) => c.id));
  const targetExported = (m: MemoRecord): boolean => {
    switch (m.targetKind) {
      case "project":
        return true;
      case "source":
        return sourceIds.has(m.targetId);
      case "code":
        return codeGuid.has(m.targetId);
      case "coding":
        return codingIds.has(m.targetId);
      case "case":
        return caseIds.has(m.targetId);
    }
  };
  const memos = live(tables.memos).filter(targetExported);
  const byTarget = new Map<string, MemoRecord[]>();
  for (const m of memos) push(byTarget, `${m.targetKind}:${m.targetId}`, m);

  // Every coder a coding or memo names is a <User>, so no creatingUser points at nothing.
  const coders = new Map<string, CoderRecord>(live(tables.coders).map((c) => [c.id, c]));
  const users = new Map<string, { guid: string; name: string }>();
  const userGuid = (coderId: string): string => {
    let u = users.get(coderId);
    if (!u) {
      const known = coders.get(coderId) ?? tables.coders.find((c) => c.id === coderId);
      u = { guid: guidFor(coderId), name: known?.name ?? `Coder ${coderId.slice(0, 8)}` };
      users.set(coderId, u);
    }
    return u.guid;
  };
  for (const c of coders.values()) userGuid(c.id);
  for (const list of codingsBySource.values()) for (const c of list) userGuid(c.coderId);
  for (const m of memos) userGuid(m.authorId);

  return {
    get users() {
      return [...users.values()];
    },
    userGuid,
    knownUserGuid: (coderId) => users.get(coderId)?.guid,
    codeTree,
    codeCount: countNodes(codeTree),
    codeGuid,
    sources,
    codingsBySource,
    codingCount,
    variables,
    cases: casesOut,
    memos,
    memosFor: (kind, targetId) => byTarget.get(`${kind}:${targetId}`) ?? [],
    remarks,
  };
}
