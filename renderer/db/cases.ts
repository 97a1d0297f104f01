import type {
  AttributeRecord,
  AttributeType,
  AttributeValue,
  CasePassageRecord,
  CaseRecord,
  SourceRecord,
} from "../../shared/model/records";
import type { CsvTable } from "../../shared/cases/csv";
import { caseMatchesFilter } from "../../shared/cases/filter";
import { buildImportPlan, type ImportChoices, type ImportPlan } from "../../shared/cases/plan";
import { cleanName, cleanOptions, compareNames, formatAttributeValue, nameKey, parseAttributeValue } from "../../shared/cases/values";
import { writeChanges, type ChangeWriter } from "./changes";
import type { OpenProject } from "./projects";
import { isLive, type Live } from "../../shared/model/live";
import type { AttributeId, CaseId, SourceId } from "../../shared/ids";

export const MAX_CASE_NAME = 200;

/** Live cases, in natural name order (P2 before P10). */
export async function listCases(project: OpenProject): Promise<Live<CaseRecord>[]> {
  const all = await project.db.cases.toArray();
  return all.filter(isLive).sort((a, b) => compareNames(a.name, b.name));
}

/** Live attributes, in the researcher's column order. */
export async function listAttributes(project: OpenProject): Promise<Live<AttributeRecord>[]> {
  const all = await project.db.attributes.toArray();
  return all.filter(isLive).sort((a, b) => a.order - b.order || compareNames(a.name, b.name));
}

export interface CaseWithSources {
  record: CaseRecord;
  sourceCount: number;
  /** Live passages coded to the case (passage-level cases), in live sources. */
  passageCount: number;
}

/** Live cases with how many live sources and case passages each has. */
export async function listCasesWithSourceCounts(project: OpenProject): Promise<CaseWithSources[]> {
  const [cases, sources, passages] = await Promise.all([
    listCases(project),
    project.db.sources.toArray(),
    project.db.casePassages.toArray(),
  ]);
  const counts = new Map<string, number>();
  const live = new Set<string>();
  for (const s of sources) {
    if (s.deleted) continue;
    live.add(s.id);
    s.caseIds.forEach((id) => counts.set(id, (counts.get(id) ?? 0) + 1));
  }
  const passageCounts = new Map<string, number>();
  for (const p of passages) if (!p.deleted && live.has(p.sourceId)) passageCounts.set(p.caseId, (passageCounts.get(p.caseId) ?? 0) + 1);
  return cases.map((record) => ({ record, sourceCount: counts.get(record.id) ?? 0, passageCount: passageCounts.get(record.id) ?? 0 }));
}

function cleanCaseName(name: string): string {
  const clean = cleanName(name);
  if (!clean) throw new Error("A case needs a name.");
  if (clean.length > MAX_CASE_NAME) throw new Error(`Keep case names under ${MAX_CASE_NAME} characters.`);
  return clean;
}

async function assertCaseNameFree(project: OpenProject, name: string, exceptId: string | null): Promise<void> {
  const clash = await project.db.cases.filter((c) => !c.deleted && c.id !== exceptId && nameKey(c.name) === nameKey(name)).first();
  if (clash) throw new Error(`There is already a case called “${clash.name}”.`);
}

async function liveRecord<T extends { deleted: boolean }>(record: Promise<T | undefined>, what: string): Promise<T> {
  const found = await record;
  if (!found || found.deleted) throw new Error(`That ${what} no longer exists.`);
  return found;
}

export async function createCase(project: OpenProject, name: string, description = ""): Promise<CaseRecord> {
  const clean = cleanCaseName(name);
  return writeChanges(project.db, project.ctx, "Added case", async (w) => {
    await assertCaseNameFree(project, clean, null);
    return w.create<CaseRecord>("cases", { name: clean, description, values: {} });
  });
}

export async function renameCase(project: OpenProject, id: CaseId, name: string): Promise<void> {
  const clean = cleanCaseName(name);
  await writeChanges(project.db, project.ctx, "Renamed case", async (w) => {
    const current = await liveRecord(project.db.cases.get(id), "case");
    if (current.name === clean) return;
    await assertCaseNameFree(project, clean, id);
    await w.update<CaseRecord>("cases", id, { name: clean });
  });
}

export async function setCaseDescription(project: OpenProject, id: CaseId, description: string): Promise<void> {
  await writeChanges(project.db, project.ctx, "Edited case description", (w) => w.update<CaseRecord>("cases", id, { description }));
}

/**
 * Tombstones cases and unlinks their sources in the same batch, so sources never point at a deleted
 * case and one undo brings both back. Returns the batch id.
 */
export async function deleteCases(project: OpenProject, ids: readonly CaseId[]): Promise<string> {
  return writeChanges(project.db, project.ctx, ids.length > 1 ? `Deleted ${ids.length} cases` : "Deleted case", async (w) => {
    const gone = new Set(ids);
    const linked = await project.db.sources
      .where("caseIds")
      .anyOf([...gone])
      .distinct()
      .toArray();
    for (const s of linked) await w.update<SourceRecord>("sources", s.id, { caseIds: s.caseIds.filter((c) => !gone.has(c)) });
    // Its passages go with the case (and come back with it on undo).
    const passages = await project.db.casePassages
      .where("caseId")
      .anyOf([...gone])
      .toArray();
    for (const p of passages) if (!p.deleted) await w.remove<CasePassageRecord>("casePassages", p.id);
    for (const id of gone) await w.remove<CaseRecord>("cases", id);
    return w.batchId;
  });
}

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  options?: readonly string[];
}

function cleanAttributeName(name: string): string {
  const clean = cleanName(name);
  if (!clean) throw new Error("An attribute needs a name.");
  if (clean.length > MAX_CASE_NAME) throw new Error(`Keep attribute names under ${MAX_CASE_NAME} characters.`);
  return clean;
}

async function assertAttributeNameFree(project: OpenProject, name: string, exceptId: string | null): Promise<void> {
  const clash = await project.db.attributes.filter((a) => !a.deleted && a.id !== exceptId && nameKey(a.name) === nameKey(name)).first();
  if (clash) throw new Error(`There is already an attribute called “${clash.name}”.`);
}

async function nextAttributeOrder(project: OpenProject): Promise<number> {
  const all = await project.db.attributes.filter(isLive).toArray();
  return all.reduce((max, a) => Math.max(max, a.order), -1) + 1;
}

export async function createAttribute(project: OpenProject, definition: AttributeDefinition): Promise<AttributeRecord> {
  const name = cleanAttributeName(definition.name);
  const options = definition.type === "category" ? cleanOptions(definition.options ?? []) : [];
  return writeChanges(project.db, project.ctx, "Added attribute", async (w) => {
    await assertAttributeNameFree(project, name, null);
    return w.create<AttributeRecord>("attributes", { name, type: definition.type, options, order: await nextAttributeOrder(project) });
  });
}

function listNames(names: string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", ");
}

/**
 * Renames an attribute, changes its type or its options, in one batch. Existing values are converted
 * to a new type (text to "one of a list" adds each value as an option); if any value would not fit,
 * nothing changes and the message names the cases. Options still in use cannot be removed.
 */
export async function updateAttribute(
  project: OpenProject,
  id: AttributeId,
  patch: { name?: string; type?: AttributeType; options?: readonly string[] },
): Promise<void> {
  await writeChanges(project.db, project.ctx, "Changed attribute", async (w) => {
    const current = await liveRecord(project.db.attributes.get(id), "attribute");
    const name = patch.name === undefined ? current.name : cleanAttributeName(patch.name);
    if (nameKey(name) !== nameKey(current.name)) await assertAttributeNameFree(project, name, id);
    const type = patch.type ?? current.type;
    let options = type === "category" ? cleanOptions(patch.options ?? current.options) : [];
    const cases = await project.db.cases.filter((c) => !c.deleted && c.values[id] !== undefined && c.values[id] !== null).toArray();
    const changed: { c: CaseRecord; value: AttributeValue }[] = [];
    const misfits: string[] = [];
    const converting = type !== current.type;
    for (const c of cases) {
      const check = parseAttributeValue(
        formatAttributeValue(c.values[id]),
        { type, options },
        { allowNewOption: converting && type === "category" },
      );
      if (!check.ok) misfits.push(`${c.name} (“${formatAttributeValue(c.values[id])}”)`);
      else {
        if (check.newOption !== undefined) options = cleanOptions([...options, check.newOption]);
        if (check.value !== c.values[id]) changed.push({ c, value: check.value });
      }
    }
    if (misfits.length > 0) {
      const what = converting
        ? `cannot become ${type === "category" ? "one of a list" : `a ${type}`}`
        : "use options that would be removed";
      throw new Error(
        `${misfits.length} ${misfits.length === 1 ? "case has a value that" : "cases have values that"} ${what}: ${listNames(misfits)}. Change or clear those values first.`,
      );
    }
    for (const { c, value } of changed) await w.update<CaseRecord>("cases", c.id, { values: withValue(c.values, id, value) });
    await w.update<AttributeRecord>("attributes", id, { name, type, options });
  });
}

/** Moves an attribute's column to `toIndex` in the current order, renumbering only what moved. */
export async function moveAttribute(project: OpenProject, id: AttributeId, toIndex: number): Promise<void> {
  await writeChanges(project.db, project.ctx, "Moved attribute", async (w) => {
    const list = await listAttributes(project);
    const from = list.findIndex((a) => a.id === id);
    if (from === -1) throw new Error("That attribute no longer exists.");
    const [moved] = list.splice(from, 1);
    if (!moved) return;
    list.splice(Math.max(0, Math.min(toIndex, list.length)), 0, moved);
    for (const [order, a] of list.entries()) if (a.order !== order) await w.update<AttributeRecord>("attributes", a.id, { order });
  });
}

/** Tombstones an attribute. Cases keep their values for it, so undo restores the column whole. */
export async function deleteAttribute(project: OpenProject, id: AttributeId): Promise<string> {
  return writeChanges(project.db, project.ctx, "Deleted attribute", async (w) => {
    await w.remove<AttributeRecord>("attributes", id);
    return w.batchId;
  });
}

function withValue(
  values: Record<string, AttributeValue>,
  attributeId: AttributeId,
  value: AttributeValue,
): Record<string, AttributeValue> {
  const { [attributeId]: _old, ...rest } = values;
  return value === null ? rest : { ...rest, [attributeId]: value };
}

/**
 * Sets one case's value for one attribute from what the researcher typed. Throws a readable message
 * when it does not fit the type; `addOption` adds a new category value to the attribute's list.
 * Empty text clears the value.
 */
export async function setCaseValue(
  project: OpenProject,
  caseId: CaseId,
  attributeId: AttributeId,
  raw: string,
  options: { addOption?: boolean } = {},
): Promise<AttributeValue> {
  return writeChanges(project.db, project.ctx, "Set attribute value", async (w) => {
    const attribute = await liveRecord(project.db.attributes.get(attributeId), "attribute");
    const target = await liveRecord(project.db.cases.get(caseId), "case");
    const check = parseAttributeValue(raw, attribute, { allowNewOption: options.addOption ?? false });
    if (!check.ok) throw new Error(check.message);
    if (check.newOption !== undefined) {
      await w.update<AttributeRecord>("attributes", attributeId, { options: cleanOptions([...attribute.options, check.newOption]) });
    }
    if ((target.values[attributeId] ?? null) !== check.value) {
      await w.update<CaseRecord>("cases", caseId, { values: withValue(target.values, attributeId, check.value) });
    }
    return check.value;
  });
}

/** Live source ids linked to a case. */
export async function sourceIdsForCase(project: OpenProject, caseId: CaseId): Promise<SourceId[]> {
  const linked = await project.db.sources.where("caseIds").equals(caseId).toArray();
  return linked.filter(isLive).map((s) => s.id);
}

/** Makes exactly `sourceIds` the sources of a case, in one batch; only sources whose link changes are written. */
export async function setCaseSources(project: OpenProject, caseId: CaseId, sourceIds: readonly SourceId[]): Promise<void> {
  const wanted = new Set(sourceIds);
  await writeChanges(project.db, project.ctx, "Changed case sources", async (w) => {
    await liveRecord(project.db.cases.get(caseId), "case");
    const current = await project.db.sources.where("caseIds").equals(caseId).toArray();
    for (const s of current)
      if (!wanted.has(s.id)) await w.update<SourceRecord>("sources", s.id, { caseIds: s.caseIds.filter((c) => c !== caseId) });
    const have = new Set(current.map((s) => s.id));
    for (const id of wanted) {
      if (have.has(id)) continue;
      const source = await liveRecord(project.db.sources.get(id), "source");
      await w.update<SourceRecord>("sources", id, { caseIds: [...source.caseIds, caseId] });
    }
  });
}

export async function linkSources(project: OpenProject, caseId: CaseId, sourceIds: readonly SourceId[]): Promise<void> {
  const current = await sourceIdsForCase(project, caseId);
  await setCaseSources(project, caseId, [...current, ...sourceIds]);
}

export async function unlinkSources(project: OpenProject, caseId: CaseId, sourceIds: readonly SourceId[]): Promise<void> {
  const drop = new Set(sourceIds);
  const current = await sourceIdsForCase(project, caseId);
  await setCaseSources(
    project,
    caseId,
    current.filter((id) => !drop.has(id)),
  );
}

/**
 * Live source ids linked to a live case whose `attributeId` has `value` (text compared ignoring case;
 * null finds cases with no value). For the sources list's "filter by case attribute".
 */
export async function sourceIdsForAttributeValue(
  project: OpenProject,
  attributeId: AttributeId,
  value: AttributeValue,
): Promise<SourceId[]> {
  const cases = (await listCases(project)).filter((c) => caseMatchesFilter(c, { attribute: { attributeId, value } }));
  if (cases.length === 0) return [];
  const sources = await project.db.sources
    .where("caseIds")
    .anyOf(cases.map((c) => c.id))
    .distinct()
    .toArray();
  return sources.filter(isLive).map((s) => s.id);
}

async function planFromDatabase(project: OpenProject, table: CsvTable, choices: ImportChoices): Promise<ImportPlan> {
  const [sources, cases, attributes] = await Promise.all([
    project.db.sources.toArray().then((all) => all.filter(isLive)),
    listCases(project),
    listAttributes(project),
  ]);
  return buildImportPlan({ table, choices, sources, cases, attributes });
}

/** The preview of a cases-CSV import against the project as it is now. Writes nothing. */
export async function planCaseImport(project: OpenProject, table: CsvTable, choices: ImportChoices): Promise<ImportPlan> {
  return planFromDatabase(project, table, choices);
}

export interface ImportSummary {
  batchId: string;
  casesCreated: number;
  casesUpdated: number;
  attributesCreated: number;
  valuesSet: number;
  linksAdded: number;
}

/**
 * Applies a cases-CSV import in ONE transaction. The plan is worked out again inside it, so a case or
 * attribute added since the preview is matched, never duplicated.
 */
export async function applyCaseImport(project: OpenProject, table: CsvTable, choices: ImportChoices): Promise<ImportSummary> {
  return writeChanges(project.db, project.ctx, `Imported cases from ${table.fileName}`, async (w) => {
    const plan = await planFromDatabase(project, table, choices);
    if (plan.choiceErrors.length > 0) throw new Error(plan.choiceErrors.join(" "));
    return applyPlan(project, w, plan);
  });
}

async function applyPlan(project: OpenProject, w: ChangeWriter, plan: ImportPlan): Promise<ImportSummary> {
  const attributeIds = new Map<number, string>();
  let order = await nextAttributeOrder(project);
  let attributesCreated = 0;
  for (const a of plan.attributes) {
    if (a.existingId) {
      if (a.addedOptions.length > 0) await w.update<AttributeRecord>("attributes", a.existingId, { options: cleanOptions(a.options) });
      attributeIds.set(a.column, a.existingId);
    } else {
      const created = await w.create<AttributeRecord>("attributes", {
        name: a.name,
        type: a.type,
        options: cleanOptions(a.options),
        order: order++,
      });
      attributeIds.set(a.column, created.id);
      attributesCreated++;
    }
  }
  let casesCreated = 0;
  let casesUpdated = 0;
  let linksAdded = 0;
  for (const c of plan.cases) {
    const values: Record<string, AttributeValue> = {};
    for (const [column, value] of c.values) {
      const attributeId = attributeIds.get(column);
      if (attributeId) values[attributeId] = value;
    }
    let caseId = c.existingId;
    if (caseId === null) {
      caseId = (await w.create<CaseRecord>("cases", { name: c.name, description: "", values })).id;
      casesCreated++;
    } else if (c.values.size > 0) {
      const current = await liveRecord(project.db.cases.get(caseId), "case");
      await w.update<CaseRecord>("cases", caseId, { values: { ...current.values, ...values } });
      casesUpdated++;
    }
    for (const sourceId of c.newSourceIds) {
      const source = await liveRecord(project.db.sources.get(sourceId), "source");
      if (source.caseIds.includes(caseId)) continue;
      await w.update<SourceRecord>("sources", sourceId, { caseIds: [...source.caseIds, caseId] });
      linksAdded++;
    }
  }
  return { batchId: w.batchId, casesCreated, casesUpdated, attributesCreated, valuesSet: plan.valueCount, linksAdded };
}
