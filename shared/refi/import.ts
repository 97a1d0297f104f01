/**
 * REFI-QDA project import: a .qdpx (or a bare .qde) -> Margin records ready to write in one
 * transaction, plus a report of what came in, what could not and why. Pure: the caller writes.
 *
 * Ids: every record gets a new UUIDv7 (Margin's id form; REFI guids are mostly v4), and the result
 * carries the guid -> id map. Importing the same file twice therefore makes two independent
 * projects, which is what "Import" into a new project means.
 */
import { HybridLogicalClock } from "../clock/hlc";
import { tooManyCodes } from "../codebook/plan";
import { clockNodeFor, newId } from "../ids";
import { sha256Hex } from "../import/stats";
import { checkTables, describeProblems } from "../model/checkTables";
import { emptyProjectTables } from "../model/tables";
import type { CoderRecord, MemoRecord, RecordMeta } from "../model/records";
import { RefiError, quoted } from "./errors";
import {
  buildAttributes,
  buildCases,
  buildCodes,
  buildCoders,
  buildMemos,
  guidKey,
  initialsOf,
  setsMemoBody,
  type NoteTarget,
  type RecordFactory,
} from "./importRecords";
import { importTextSource, locate, sourceLabel } from "./importSources";
import { describeUnit, unitForOrigin, type PositionUnit } from "./positions";
import type { RefiCode, RefiImportReport, RefiImportResult, RefiProject } from "./types";
import { decodeXml, readProject } from "./xml";
import { openQdpx, type RefiArchive } from "./zip";
import { plural } from "../text/plural";
import type { AnyId, CoderId } from "../ids";

export interface RefiImportOptions {
  /** Margin project id project memos attach to; the app fills it in when it is known. */
  projectId?: string;
  /** Coder id the records are stamped with (updatedBy). */
  importerId?: string;
  now?: () => Date;
  /** Override the position unit (otherwise chosen from the exporting tool). */
  unit?: PositionUnit;
}

const MEDIA: Record<string, string> = { pdf: "PDF source", picture: "picture source", audio: "audio source", video: "video source" };

/** A .qdpx file: zip with a .qde and sources. */
export async function importQdpx(bytes: Uint8Array, fileName: string, options: RefiImportOptions = {}): Promise<RefiImportResult> {
  const archive = openQdpx(bytes, fileName);
  const qdeName = `${fileName} › ${archive.qdePath}`;
  const project = readProject(decodeXml(archive.qde, qdeName), qdeName);
  return buildImport(project, archive, fileName, options);
}

/** A bare .qde (sources only inline): what a .qdpx holds without its zip. */
export async function importQde(bytes: Uint8Array, fileName: string, options: RefiImportOptions = {}): Promise<RefiImportResult> {
  return buildImport(readProject(decodeXml(bytes, fileName), fileName), null, fileName, options);
}

function factoryFor(importerId: string, now: () => Date): RecordFactory {
  const clock = new HybridLogicalClock(clockNodeFor(importerId), () => now().getTime());
  const idMap: Record<string, AnyId> = {};
  const validIso = (s: string | undefined) =>
    s !== undefined && !Number.isNaN(Date.parse(s)) ? new Date(Date.parse(s)).toISOString() : undefined;
  return {
    idMap,
    idOf: (guid) => (guid === undefined ? undefined : idMap[guidKey(guid)]),
    meta(guid, createdAt): RecordMeta<AnyId> {
      const id = newId();
      if (guid !== null) idMap[guidKey(guid)] = id;
      return { id, createdAt: validIso(createdAt) ?? now().toISOString(), updatedAt: clock.tick(), updatedBy: importerId, deleted: false };
    },
  };
}

function countCodes(codes: readonly RefiCode[]): number {
  return codes.reduce((n, c) => n + 1 + countCodes(c.children), 0);
}

export async function buildImport(
  project: RefiProject,
  archive: RefiArchive | null,
  fileName: string,
  options: RefiImportOptions,
): Promise<RefiImportResult> {
  const now = options.now ?? (() => new Date());
  const importerId = options.importerId ?? newId();
  const f = factoryFor(importerId, now);
  const tables = emptyProjectTables();
  const skipped: RefiImportReport["skipped"] = [];
  const problems: string[] = [];
  const unit = options.unit ?? unitForOrigin(project.origin);
  const codeCount = countCodes(project.codes);
  const tooMany = tooManyCodes(fileName, codeCount);
  if (tooMany) throw new RefiError(fileName, tooMany, "Code");

  // Duplicate guids would silently merge two things into one record.
  const seen = new Set<string>();
  const checkGuid = (guid: string, element: string) => {
    const k = guidKey(guid);
    if (seen.has(k))
      throw new RefiError(
        fileName,
        `${quoted(fileName)} has two elements with guid ${guid} (the second is a <${element}>); each guid must be unique.`,
        element,
      );
    seen.add(k);
  };
  const walkCodes = (cs: readonly RefiCode[]) => cs.forEach((c) => (checkGuid(c.guid, "Code"), walkCodes(c.children)));
  project.users.forEach((u) => checkGuid(u.guid, "User"));
  walkCodes(project.codes);
  project.sources.forEach((s) => checkGuid(s.guid, "Source"));

  tables.coders = buildCoders(project, f);
  let fallbackCoder: CoderRecord | null = null;
  // Unattributed work belongs to the project's creator, else its only user, else a stand-in coder.
  const owner = f.idOf(project.creatingUserGuid) ?? (tables.coders.length === 1 ? tables.coders[0]?.id : undefined);
  const fallback = (): CoderId => {
    if (owner) return owner;
    if (!fallbackCoder) {
      const name = `Imported from ${project.origin?.trim() || "another tool"}`.slice(0, 80);
      fallbackCoder = { ...f.meta(null), name, initials: initialsOf(project.origin ?? "IM"), colour: "#666666", publicKey: null };
      tables.coders.push(fallbackCoder);
    }
    return fallbackCoder.id;
  };
  const coderFor = (guid: string | undefined) => f.idOf(guid) ?? fallback();
  tables.codes = buildCodes(project.codes, f, skipped);
  tables.attributes = buildAttributes(project, f);
  tables.cases = buildCases(project, f, skipped);

  const projectTarget: NoteTarget = { kind: "project", id: options.projectId ?? "" };
  const noteTargets = new Map<string, NoteTarget[]>();
  const addTarget = (noteGuid: string, t: NoteTarget) => {
    const k = guidKey(noteGuid);
    noteTargets.set(k, [...(noteTargets.get(k) ?? []), t]);
  };
  for (const g of project.projectNoteRefs) addTarget(g, projectTarget);
  const codeNotes = (cs: readonly RefiCode[]) =>
    cs.forEach((c) => {
      for (const g of c.noteRefs ?? []) addTarget(g, { kind: "code", id: f.idOf(c.guid) ?? "" });
      codeNotes(c.children);
    });
  codeNotes(project.codes);

  const variables = new Map(project.variables.map((v) => [guidKey(v.guid), v]));
  const names = new Map<string, string>();
  for (const c of tables.codes) names.set(c.id, c.name);
  // Cases and variables are not checked for uniqueness above, but a coding must not take their guid over either.
  for (const x of [...project.cases, ...project.variables]) seen.add(guidKey(x.guid));
  const ctx = { archive, basePath: project.basePath, unit, factory: f, now: now().toISOString(), coderFor, skipped, problems, guids: seen };
  for (const [position, s] of project.sources.entries()) {
    const label = sourceLabel(s, position, problems);
    if (s.kind !== "text") {
      const codings = s.codings.length + s.otherSelections.reduce((n, o) => n + o.codings.length, 0);
      skipped.push({
        kind: MEDIA[s.kind] ?? s.kind,
        name: label,
        reason: `Margin holds text sources only${codings > 0 ? `; its ${plural(codings, "coding")} ${codings === 1 ? "was" : "were"} left out too` : ""}${s.path && !locate(archive, s.path, project.basePath).ok ? " (its file is not in the .qdpx either)" : ""}`,
      });
      continue;
    }
    for (const o of s.otherSelections)
      skipped.push({
        kind: "selection",
        name: `${label}: ${o.name ?? o.guid}`,
        reason: `a <${o.element}> is not a text selection Margin can hold`,
      });
    const done = await importTextSource(s, ctx, label);
    if (!done) continue;
    tables.sources.push(done.source);
    tables.sourceContent.push(done.content);
    tables.codings.push(...done.codings);
    for (const g of s.noteRefs) addTarget(g, { kind: "source", id: done.source.id });
    for (const sel of s.selections) {
      const codingId = done.selectionCoding.get(sel.guid.toLowerCase());
      for (const g of sel.noteRefs) addTarget(g, codingId ? { kind: "coding", id: codingId } : { kind: "source", id: done.source.id });
    }
    if (s.variableValues.length > 0) {
      const values = s.variableValues
        .map((v) => `${variables.get(guidKey(v.variableGuid))?.name ?? v.variableGuid} = ${v.value ?? ""}`)
        .join("; ");
      skipped.push({ kind: "source attribute values", name: label, reason: `Margin keeps attributes on cases, not sources (${values})` });
    }
  }

  // Case membership: cases list their sources.
  const sourceById = new Map(tables.sources.map((s) => [s.id, s]));
  for (const c of project.cases) {
    const caseId = f.idOf(c.guid);
    for (const g of c.memberSources) {
      const src = sourceById.get(f.idOf(g) ?? "");
      if (src && caseId && !src.caseIds.includes(caseId)) src.caseIds.push(caseId);
    }
  }

  for (const n of project.notes) {
    if (n.text === "" && n.plainTextPath) {
      const found = locate(archive, n.plainTextPath, project.basePath);
      if (found.ok) n.text = decodeXml(found.bytes, found.path);
      else skipped.push({ kind: "memo text", name: n.name ?? n.guid, reason: found.reason });
    }
  }
  // A <Case> has no <NoteRef>: Margin's export ties a case memo to its case with a note -> case <Link>.
  const noteGuids = new Set(project.notes.map((n) => guidKey(n.guid)));
  const caseIds = new Set(tables.cases.map((c) => c.id));
  for (const l of project.links ?? []) {
    const caseId = f.idOf(l.targetGuid);
    if (l.originGuid === undefined || !noteGuids.has(guidKey(l.originGuid)) || caseId === undefined || !caseIds.has(caseId)) continue;
    addTarget(l.originGuid, { kind: "case", id: caseId });
    if ((project.unsupported.Link = (project.unsupported.Link ?? 1) - 1) === 0) delete project.unsupported.Link;
  }
  tables.memos = buildMemos(project, noteTargets, projectTarget, f, fallback, problems);
  for (const s of tables.sources) names.set(s.id, s.name);
  for (const m of tables.memos) names.set(m.id, m.title);
  if (project.sets.length > 0) {
    const byGuid = new Map(Object.entries(f.idMap).map(([g, id]) => [g, names.get(id) ?? g]));
    const memo: MemoRecord = {
      ...f.meta(null),
      targetKind: "project",
      targetId: projectTarget.id,
      title: `Sets from ${fileName}`,
      body: `Margin has no sets, so the ${plural(project.sets.length, "set")} in ${fileName} are listed here.\n\n${setsMemoBody(project, byGuid)}`,
      authorId: fallback(),
    };
    tables.memos.push(memo);
    problems.push(
      `Margin has no sets: the ${plural(project.sets.length, "set")} ${project.sets.length === 1 ? "is" : "are"} listed in the project memo “${memo.title}”.`,
    );
  }
  for (const [element, count] of Object.entries(project.unsupported)) {
    skipped.push({
      kind: element,
      name: plural(count, "element"),
      reason:
        element === "Link"
          ? "Margin has no links between items"
          : element === "Graph"
            ? "Margin has no graphs (networks)"
            : "Margin cannot hold this",
    });
  }
  if (codeCount !== tables.codes.length) problems.push(`${codeCount} codes in the file, ${tables.codes.length} imported.`);
  // The same schemas and checks as a bundle's (a content hash is of the text as imported): whatever the
  // file held, nothing that would not open as a bundle is written.
  const checked = await checkTables(tables, { kind: "whole", hashText: sha256Hex });
  if (checked.total > 0)
    throw new RefiError(
      fileName,
      `${quoted(fileName)} gave records Margin cannot use, so nothing was imported: ${describeProblems(checked)}.`,
    );

  return {
    projectName: project.name.trim() && project.name.trim() !== "Untitled" ? project.name.trim() : fileName.replace(/\.(qdpx|qde)$/i, ""),
    idMap: f.idMap,
    tables,
    report: {
      fileName,
      origin: project.origin?.trim() || "unknown",
      positionConvention: describeUnit(unit),
      imported: {
        sources: tables.sources.length,
        codes: tables.codes.length,
        codings: tables.codings.length,
        memos: tables.memos.length,
        cases: tables.cases.length,
        attributes: tables.attributes.length,
        coders: tables.coders.length,
        sets: project.sets.length,
      },
      skipped,
      problems,
    },
  };
}
