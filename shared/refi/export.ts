/**
 * REFI-QDA project export: Margin records -> a .qdpx (zip of project.qde and sources/<guid>.txt)
 * valid against Project-mrt2019.xsd. Pure and streaming: source texts are read one at a time and
 * zipped as they go, so a whole study is never held twice in memory.
 *
 * Positions (docs/refi-qda.md "Export"): QDA-XML says code points; NVivo counts UTF-16 code units
 * over the stored text. Margin writes either, over the text file exactly as it writes it (line
 * breaks LF or CRLF), and says which in <Project origin> so Margin reads its own files back right.
 */
import { Zip, ZipDeflate } from "fflate";
import type { CodingRecord, MemoRecord, SourceContentRecord, SourceRecord } from "../model/records";
import type { ProjectTables } from "../model/tables";
import type { RefiTableName } from "./types";
import { guidFor, isoDateTime, planExport, stampDateTime, type CodeNode, type ExportPlan, type ExportSelection } from "./exportPlan";
import { MARGIN_UTF16_ORIGIN_NOTE } from "./positions";
import { XmlLines } from "./xmlWrite";
import { plural } from "../text/plural";

export const PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0";

/** "utf16": UTF-16 code units, as NVivo counts. "codepoints": Unicode code points, as QDA-XML 1.0 says. */
export type PositionConvention = "utf16" | "codepoints";
export type LineBreaks = "crlf" | "lf";

export interface RefiExportOptions extends ExportSelection {
  projectName: string;
  /** Margin's version: origin="Margin <version>". */
  appVersion: string;
  /** Default "utf16" (what NVivo reads correctly). */
  convention?: PositionConvention;
  /** Line breaks in the exported text files. Default "crlf" (NVivo for Windows' own form, with a UTF-8 BOM); "lf" writes no BOM. */
  lineBreaks?: LineBreaks;
  /** Coder doing the export (Project creatingUserGUID/modifyingUserGUID). */
  exporterId?: string;
  projectCreatedAt?: string;
  now?: () => Date;
}

export interface RefiExportSummary {
  sources: number;
  codes: number;
  codings: number;
  memos: number;
  cases: number;
  attributes: number;
  coders: number;
  origin: string;
  /** What a researcher should know: things left out, characters replaced, how case memos travel. */
  remarks: string[];
}

export interface RefiExportResult {
  bytes: Uint8Array;
  summary: RefiExportSummary;
}

/** The tables without source texts, which are read one source at a time; only those REFI-QDA has a place for. */
export type ExportTables = Pick<ProjectTables, RefiTableName> & { sourceContent?: readonly SourceContentRecord[] };
export type ContentReader = (sourceId: string) => Promise<SourceContentRecord | undefined> | SourceContentRecord | undefined;

export function originFor(appVersion: string, convention: PositionConvention): string {
  return `Margin ${appVersion}${convention === "utf16" ? ` (${MARGIN_UTF16_ORIGIN_NOTE}, as NVivo counts)` : ""}`;
}

/**
 * Position of every Margin offset (UTF-16 code units over "\n" text) in the exported file's units,
 * over the text as written (a CRLF counts 2). One pass per source.
 */
export function positionTable(text: string, convention: PositionConvention, lineBreaks: LineBreaks): Int32Array {
  const table = new Int32Array(text.length + 1);
  let pos = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = pos;
    const c = text.charCodeAt(i);
    if (c === 0x0a) pos += lineBreaks === "crlf" ? 2 : 1;
    // The low half of a surrogate pair is not a code point of its own.
    else if (convention === "codepoints" && (c & 0xfc00) === 0xdc00 && i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800) continue;
    else pos += 1;
  }
  table[text.length] = pos;
  return table;
}

/** A short label for a selection: its text, on one line (ATLAS.ti shows it as the quotation name). */
function snippet(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > 80 ? `${[...one.slice(0, 80)].slice(0, -1).join("")}…` : one;
}

function writeCodes(out: XmlLines, nodes: readonly CodeNode[], depth: number, plan: ExportPlan | null): void {
  for (const n of nodes) {
    const attrs = {
      guid: n.guid,
      name: n.code.name,
      isCodable: !n.code.isCategory,
      color: /^#[0-9a-f]{6}$/i.test(n.code.colour) ? n.code.colour.toUpperCase() : undefined,
    };
    const notes = plan ? plan.memosFor("code", n.code.id) : [];
    if (!n.code.description && notes.length === 0 && n.children.length === 0) {
      out.empty(depth, "Code", attrs);
      continue;
    }
    out.open(depth, "Code", attrs);
    if (n.code.description) out.leaf(depth + 1, "Description", n.code.description);
    for (const m of notes) out.empty(depth + 1, "NoteRef", { targetGUID: guidFor(m.id) });
    writeCodes(out, n.children, depth + 1, plan);
    out.close(depth, "Code");
  }
}

/** The <Codes> of a codebook (project or .qdc); with a plan, code memos are referenced too. */
export function writeCodeBook(out: XmlLines, tree: readonly CodeNode[], depth: number, plan: ExportPlan | null): void {
  out.open(depth, "Codes");
  writeCodes(out, tree, depth + 1, plan);
  out.close(depth, "Codes");
}

interface SourceWrite {
  plan: ExportPlan;
  convention: PositionConvention;
  lineBreaks: LineBreaks;
  remarks: { outOfRange: number; missingText: number };
}

/** One <TextSource>; returns the bytes of its text file. */
function writeSource(out: XmlLines, w: SourceWrite, s: SourceRecord, content: SourceContentRecord | undefined): Uint8Array | null {
  if (!content) {
    w.remarks.missingText++;
    return null;
  }
  const text = content.text;
  const guid = guidFor(s.id);
  const positions = positionTable(text, w.convention, w.lineBreaks);
  const codings = (w.plan.codingsBySource.get(s.id) ?? []).filter((c) => {
    const ok = Number.isInteger(c.start) && Number.isInteger(c.end) && c.start >= 0 && c.end <= text.length && c.start < c.end;
    if (!ok) w.remarks.outOfRange++;
    return ok;
  });
  const sourceNotes = w.plan.memosFor("source", s.id);
  out.open(2, "TextSource", {
    guid,
    name: s.name,
    plainTextPath: `internal://${guid}.txt`,
    creationDateTime: isoDateTime(s.createdAt),
    modifyingUser: w.plan.knownUserGuid(s.updatedBy),
    modifiedDateTime: stampDateTime(s.updatedAt),
  });
  if (s.memo.trim()) out.leaf(3, "Description", s.memo);
  for (const c of codings) writeSelection(out, w, c, text, positions);
  for (const m of sourceNotes) out.empty(3, "NoteRef", { targetGUID: guidFor(m.id) });
  out.close(2, "TextSource");
  const body = w.lineBreaks === "crlf" ? `\uFEFF${text.replace(/\n/g, "\r\n")}` : text;
  return new TextEncoder().encode(body);
}

function writeSelection(out: XmlLines, w: SourceWrite, c: CodingRecord, text: string, positions: Int32Array): void {
  const user = w.plan.userGuid(c.coderId);
  const created = isoDateTime(c.createdAt);
  out.open(3, "PlainTextSelection", {
    guid: guidFor(c.id, "selection"),
    name: snippet(text.slice(c.start, Math.min(c.end, c.start + 240))),
    startPosition: positions[c.start] ?? 0,
    endPosition: positions[c.end] ?? 0,
    creatingUser: user,
    creationDateTime: created,
    modifyingUser: w.plan.knownUserGuid(c.updatedBy),
    modifiedDateTime: stampDateTime(c.updatedAt),
  });
  // A coding's annotation is the selection's description: where NVivo and ATLAS.ti keep a comment.
  if (c.note.trim()) out.leaf(4, "Description", c.note);
  out.open(4, "Coding", { guid: guidFor(c.id), creatingUser: user, creationDateTime: created });
  out.empty(5, "CodeRef", { targetGUID: w.plan.codeGuid.get(c.codeId) ?? guidFor(c.codeId) });
  out.close(4, "Coding");
  for (const m of w.plan.memosFor("coding", c.id)) out.empty(4, "NoteRef", { targetGUID: guidFor(m.id) });
  out.close(3, "PlainTextSelection");
}

function writeNote(out: XmlLines, plan: ExportPlan, m: MemoRecord): void {
  out.open(2, "Note", {
    guid: guidFor(m.id),
    name: m.title,
    creatingUser: plan.userGuid(m.authorId),
    creationDateTime: isoDateTime(m.createdAt),
    modifiedDateTime: stampDateTime(m.updatedAt),
  });
  out.leaf(3, "PlainTextContent", m.body);
  out.close(2, "Note");
}

/**
 * Writes the project: `addFile` receives each source text as it is made (the caller zips it), and
 * the .qde text is returned last because it needs every source's selections.
 */
export async function writeRefiProject(
  tables: ExportTables,
  options: RefiExportOptions,
  readContent: ContentReader,
  addFile: (path: string, bytes: Uint8Array) => void,
): Promise<{ qde: string; summary: RefiExportSummary }> {
  const convention = options.convention ?? "utf16";
  const lineBreaks = options.lineBreaks ?? "crlf";
  const now = (options.now ?? (() => new Date()))();
  const plan = planExport(tables, options);
  const origin = originFor(options.appVersion, convention);
  const w: SourceWrite = { plan, convention, lineBreaks, remarks: { outOfRange: 0, missingText: 0 } };

  const sourcesXml = new XmlLines();
  let sourceCount = 0;
  for (const s of plan.sources) {
    const bytes = writeSource(sourcesXml, w, s, await readContent(s.id));
    if (bytes) {
      addFile(`sources/${guidFor(s.id)}.txt`, bytes);
      sourceCount++;
    }
  }

  const out = new XmlLines();
  out.raw('<?xml version="1.0" encoding="utf-8"?>');
  const exporter = options.exporterId ? plan.knownUserGuid(options.exporterId) : undefined;
  out.open(0, "Project", {
    xmlns: PROJECT_NAMESPACE,
    name: options.projectName,
    origin,
    creatingUserGUID: exporter,
    creationDateTime: isoDateTime(options.projectCreatedAt),
    modifyingUserGUID: exporter,
    modifiedDateTime: now.toISOString(),
  });
  const users = plan.users;
  if (users.length > 0) {
    out.open(1, "Users");
    for (const u of users) out.empty(2, "User", { guid: u.guid, name: u.name });
    out.close(1, "Users");
  }
  if (plan.codeTree.length > 0) {
    out.open(1, "CodeBook");
    writeCodeBook(out, plan.codeTree, 2, plan);
    out.close(1, "CodeBook");
  }
  if (plan.variables.length > 0) {
    out.open(1, "Variables");
    for (const v of plan.variables) {
      const attrs = { guid: v.guid, name: v.attribute.name, typeOfVariable: v.type };
      if (v.description) {
        out.open(2, "Variable", attrs);
        out.leaf(3, "Description", v.description);
        out.close(2, "Variable");
      } else out.empty(2, "Variable", attrs);
    }
    out.close(1, "Variables");
  }
  if (plan.cases.length > 0) {
    out.open(1, "Cases");
    for (const c of plan.cases) {
      out.open(2, "Case", { guid: c.guid, name: c.record.name });
      if (c.record.description) out.leaf(3, "Description", c.record.description);
      for (const v of c.values) {
        out.open(3, "VariableValue");
        out.empty(4, "VariableRef", { targetGUID: v.variableGuid });
        out.leaf(4, v.value.element, v.value.text);
        out.close(3, "VariableValue");
      }
      for (const g of c.sourceGuids) out.empty(3, "SourceRef", { targetGUID: g });
      out.close(2, "Case");
    }
    out.close(1, "Cases");
  }
  if (sourceCount > 0) {
    out.open(1, "Sources");
    out.append(sourcesXml);
    out.close(1, "Sources");
  }
  if (plan.memos.length > 0) {
    out.open(1, "Notes");
    for (const m of plan.memos) writeNote(out, plan, m);
    out.close(1, "Notes");
  }
  // A <Case> cannot hold a <NoteRef> in QDA-XML 1.0, so a case memo is tied to its case by a link.
  const caseMemos = plan.memos.filter((m) => m.targetKind === "case");
  if (caseMemos.length > 0) {
    out.open(1, "Links");
    for (const m of caseMemos) {
      out.empty(2, "Link", {
        guid: guidFor(m.id, "link"),
        name: "Case memo",
        direction: "OneWay",
        originGUID: guidFor(m.id),
        targetGUID: guidFor(m.targetId),
      });
    }
    out.close(1, "Links");
  }
  for (const m of plan.memos) if (m.targetKind === "project") out.empty(1, "NoteRef", { targetGUID: guidFor(m.id) });
  out.close(0, "Project");

  const remarks = [...plan.remarks];
  if (w.remarks.missingText > 0) remarks.push(`${plural(w.remarks.missingText, "source")} had no text in the project and were left out.`);
  if (w.remarks.outOfRange > 0)
    remarks.push(`${plural(w.remarks.outOfRange, "coding")} lay outside their source's text and were left out.`);
  if (caseMemos.length > 0)
    remarks.push(
      `${plural(caseMemos.length, "case memo")} ${caseMemos.length === 1 ? "is a note" : "are notes"} linked to their cases (QDA-XML has no other way to attach a note to a case).`,
    );
  if (out.tally.replaced > 0)
    remarks.push(
      `${plural(out.tally.replaced, "character")} that XML cannot hold (control characters) ${out.tally.replaced === 1 ? "was" : "were"} replaced with �.`,
    );
  return {
    qde: out.join(),
    summary: {
      sources: sourceCount,
      codes: plan.codeCount,
      codings: [...plan.codingsBySource.values()].reduce((n, l) => n + l.length, 0) - w.remarks.outOfRange,
      memos: plan.memos.length,
      cases: plan.cases.length,
      attributes: plan.variables.length,
      coders: users.length,
      origin,
      remarks,
    },
  };
}

/** The whole export as .qdpx bytes. Without `readContent`, texts come from `tables.sourceContent`. */
export async function exportQdpx(tables: ExportTables, options: RefiExportOptions, readContent?: ContentReader): Promise<RefiExportResult> {
  const contents = new Map((tables.sourceContent ?? []).map((c) => [c.id, c]));
  const read: ContentReader = readContent ?? ((id) => contents.get(id));
  const chunks: Uint8Array[] = [];
  const failures: Error[] = [];
  const zip = new Zip((error, data) => {
    if (error) failures.push(error);
    else chunks.push(data);
  });
  const add = (path: string, bytes: Uint8Array) => {
    const entry = new ZipDeflate(path, { level: 6 });
    zip.add(entry);
    entry.push(bytes, true);
  };
  const { qde, summary } = await writeRefiProject(tables, options, read, add);
  // A seed-scale .qde is tens of MB: compress it in slices, letting the page breathe between them.
  const entry = new ZipDeflate("project.qde", { level: 6 });
  zip.add(entry);
  const bytes = new TextEncoder().encode(qde);
  const SLICE = 1 << 20;
  for (let at = 0; at < bytes.length || at === 0; at += SLICE) {
    entry.push(bytes.subarray(at, at + SLICE), at + SLICE >= bytes.length);
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  zip.end();
  if (failures[0]) throw failures[0];
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { bytes: out, summary };
}
