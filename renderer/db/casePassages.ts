/**
 * Case passages (passage-level cases): passages of sources coded to a case, e.g. every turn of P07 in a
 * focus group coded to the case P07. Coding passages to a case works as coding does: a passage that
 * overlaps or touches this coder's passage of the same case in the same source joins it (the plan is
 * shared/search/autocode.ts planCodingRanges, with the case in the code's place).
 */
import type { Range } from "../../shared/coding/ranges";
import type { CaseId, CasePassageId, SourceId } from "../../shared/ids";
import { isLive, type Live } from "../../shared/model/live";
import type { CasePassageRecord, CaseRecord, SourceRecord } from "../../shared/model/records";
import { planCodingRanges, type AutocodePlan } from "../../shared/search/autocode";
import { cleanName } from "../../shared/text/names";
import { nameKey } from "../../shared/cases/values";
import { plural } from "../../shared/text/plural";
import { writeChanges, type ChangeWriter } from "./changes";
import { MAX_CASE_NAME } from "./cases";
import type { OpenProject } from "./projects";

/** Live passages (of one case, or all), in live sources, by source then position. */
export async function listCasePassages(project: OpenProject, caseId?: CaseId): Promise<Live<CasePassageRecord>[]> {
  const [rows, sources] = await Promise.all([
    caseId === undefined ? project.db.casePassages.toArray() : project.db.casePassages.where("caseId").equals(caseId).toArray(),
    liveSourceIds(project),
  ]);
  return rows.filter((p): p is Live<CasePassageRecord> => isLive(p) && sources.has(p.sourceId)).sort(byPlace);
}

/** Live passages of live cases in one source: what the source viewer lists. */
export async function listCasePassagesForSource(project: OpenProject, sourceId: SourceId): Promise<Live<CasePassageRecord>[]> {
  const [rows, cases] = await Promise.all([project.db.casePassages.where("sourceId").equals(sourceId).toArray(), liveCaseIds(project)]);
  return rows.filter((p): p is Live<CasePassageRecord> => isLive(p) && cases.has(p.caseId)).sort(byPlace);
}

/** Live passages per case (in live sources): the case list's count. */
export async function casePassageCounts(project: OpenProject): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const p of await listCasePassages(project)) counts.set(p.caseId, (counts.get(p.caseId) ?? 0) + 1);
  return counts;
}

function byPlace(a: CasePassageRecord, b: CasePassageRecord): number {
  return a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.start - b.start || a.end - b.end;
}

async function liveSourceIds(project: OpenProject): Promise<Set<string>> {
  return new Set((await project.db.sources.toArray()).filter(isLive).map((s) => s.id));
}

async function liveCaseIds(project: OpenProject): Promise<Set<string>> {
  return new Set((await project.db.cases.toArray()).filter(isLive).map((c) => c.id));
}

/** A case to code passages to: one that exists, or one to make (an existing live case of that name is used). */
export type CaseTarget = { caseId: CaseId } | { newCaseName: string };

export interface CasePassageRequest {
  target: CaseTarget;
  /** Ranges to code, by source. */
  ranges: ReadonlyMap<string, readonly Range[]>;
}

/** What coding one request would do: the plan per source, and the case (made if `caseId` is null). */
export interface CasePassagePreview {
  caseName: string;
  /** Null when the case is new. */
  caseId: CaseId | null;
  plan: AutocodePlan;
}

function cleanCaseName(name: string): string {
  const clean = cleanName(name);
  if (!clean) throw new Error("A case needs a name.");
  if (clean.length > MAX_CASE_NAME) throw new Error(`Keep case names under ${MAX_CASE_NAME} characters.`);
  return clean;
}

/** The case a target names, as the project has it now (null id: it will be made). */
function resolveTarget(target: CaseTarget, cases: readonly CaseRecord[]): { caseId: CaseId | null; caseName: string } {
  if ("caseId" in target) {
    const found = cases.find((c) => c.id === target.caseId && !c.deleted);
    if (!found) throw new Error("That case no longer exists.");
    return { caseId: found.id, caseName: found.name };
  }
  const name = cleanCaseName(target.newCaseName);
  const same = cases.find((c) => !c.deleted && nameKey(c.name) === nameKey(name));
  return same ? { caseId: same.id, caseName: same.name } : { caseId: null, caseName: name };
}

/** Ranges inside their live sources (others refused: the text moved on or the source went). */
function checkRanges(ranges: ReadonlyMap<string, readonly Range[]>, sources: ReadonlyMap<string, SourceRecord>): void {
  for (const [sourceId, list] of ranges) {
    const source = sources.get(sourceId);
    if (!source || source.deleted) throw new Error("A source to code no longer exists.");
    for (const r of list)
      if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end > source.charCount || r.start >= r.end)
        throw new Error(`A passage (${r.start}–${r.end}) is not inside “${source.name}”.`);
  }
}

/** Plans every request against the passages as they are now: nothing is written (the preview). */
export async function planCasePassages(project: OpenProject, requests: readonly CasePassageRequest[]): Promise<CasePassagePreview[]> {
  const [cases, sources, passages] = await Promise.all([
    project.db.cases.toArray(),
    project.db.sources.toArray(),
    project.db.casePassages.toArray(),
  ]);
  return planWith(project, requests, cases, new Map(sources.map((s) => [s.id, s])), passages);
}

function planWith(
  project: OpenProject,
  requests: readonly CasePassageRequest[],
  cases: readonly CaseRecord[],
  sources: ReadonlyMap<string, SourceRecord>,
  passages: readonly CasePassageRecord[],
): CasePassagePreview[] {
  const coderId = project.ctx.coderId;
  // A passage is planned as a coding of its case would be (the case in the code's place, no annotation).
  const asCodings = passages.map((p) => ({
    id: p.id as string,
    sourceId: p.sourceId as string,
    codeId: p.caseId as string,
    coderId: p.coderId,
    start: p.start,
    end: p.end,
    deleted: p.deleted,
    note: "",
  }));
  // Two requests naming the same new case are one case.
  const merged = new Map<string, { caseId: CaseId | null; caseName: string; ranges: Map<string, Range[]> }>();
  for (const request of requests) {
    checkRanges(request.ranges, sources);
    const target = resolveTarget(request.target, cases);
    const key = target.caseId ?? `new:${nameKey(target.caseName)}`;
    const entry = merged.get(key) ?? { ...target, ranges: new Map<string, Range[]>() };
    for (const [sourceId, list] of request.ranges) entry.ranges.set(sourceId, [...(entry.ranges.get(sourceId) ?? []), ...list]);
    merged.set(key, entry);
  }
  return [...merged.values()].map(({ caseId, caseName, ranges }) => ({
    caseId,
    caseName,
    plan: planCodingRanges(ranges, caseId === null ? [] : asCodings, caseId ?? "new", coderId),
  }));
}

/** Writes one planned case's passages inside a batch (the plan was made in the same transaction). */
async function writePlan(w: ChangeWriter, caseId: CaseId, plan: AutocodePlan, coderId: string): Promise<void> {
  for (const source of plan.sources) {
    for (const id of source.removeIds) await w.remove<CasePassageRecord>("casePassages", id);
    for (const u of source.updates) await w.update<CasePassageRecord>("casePassages", u.id, { start: u.start, end: u.end });
    for (const r of source.creates)
      await w.create<CasePassageRecord>("casePassages", { caseId, sourceId: source.sourceId, start: r.start, end: r.end, coderId });
  }
}

export interface CasePassageResult {
  /** The cases coded, in request order (new ones made in the same batch). */
  caseIds: CaseId[];
  casesCreated: number;
  /** Passages asked for, and how many were already inside a passage of their case. */
  ranges: number;
  alreadyCoded: number;
}

/**
 * Codes passages to cases, making the new cases, as ONE journaled batch (one undo step) with `label`
 * in the audit trail (default: “Coded 42 passages to cases “P1”, “P2””). Planned again inside the
 * transaction, so what is written matches the passages as they are at that moment.
 */
export async function codePassagesToCases(
  project: OpenProject,
  requests: readonly CasePassageRequest[],
  label?: string,
): Promise<CasePassageResult> {
  if (requests.length === 0) throw new Error("Choose a case to code to.");
  const preview = await planCasePassages(project, requests);
  const ranges = preview.reduce((n, p) => n + p.plan.totals.ranges, 0);
  const names = preview.map((p) => `“${p.caseName}”`);
  const what =
    label ??
    `Coded ${plural(ranges, "passage")} to ${names.length === 1 ? "case" : "cases"} ${names.slice(0, 3).join(", ")}${names.length > 3 ? ` and ${names.length - 3} more` : ""}`;
  return writeChanges(project.db, project.ctx, what, (w) => codePassagesWith(w, project, requests));
}

/** codePassagesToCases inside a batch the caller opened (e.g. one that also codes the turns to a code). */
export async function codePassagesWith(
  w: ChangeWriter,
  project: OpenProject,
  requests: readonly CasePassageRequest[],
): Promise<CasePassageResult> {
  const [cases, sources, passages] = await Promise.all([
    project.db.cases.toArray(),
    project.db.sources.toArray(),
    project.db.casePassages.toArray(),
  ]);
  const planned = planWith(project, requests, cases, new Map(sources.map((s) => [s.id, s])), passages);
  const result: CasePassageResult = { caseIds: [], casesCreated: 0, ranges: 0, alreadyCoded: 0 };
  for (const p of planned) {
    let caseId = p.caseId;
    if (caseId === null) {
      caseId = (await w.create<CaseRecord>("cases", { name: p.caseName, description: "", values: {} })).id;
      result.casesCreated++;
    }
    await writePlan(w, caseId, p.plan, project.ctx.coderId);
    result.caseIds.push(caseId);
    result.ranges += p.plan.totals.ranges;
    result.alreadyCoded += p.plan.totals.alreadyCoded;
  }
  return result;
}

/** Removes one passage from its case (tombstoned; undo brings it back). */
export async function removeCasePassage(project: OpenProject, id: CasePassageId): Promise<void> {
  const passage = await project.db.casePassages.get(id);
  if (!passage || passage.deleted) throw new Error("That passage is no longer coded to the case.");
  const name = (await project.db.cases.get(passage.caseId))?.name ?? "case";
  await writeChanges(project.db, project.ctx, `Removed a passage from case “${name}”`, (w) =>
    w.remove<CasePassageRecord>("casePassages", id),
  );
}
