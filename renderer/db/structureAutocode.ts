/**
 * Autocode by headings (issue 16 item 4): every section under a heading is coded to a code named
 * after the heading, nested by heading level, under a chosen parent code or at the top level.
 *
 * Reading: one source's content at a time (never the whole corpus), keeping only its heading
 * sections (shared/search/spread.ts headingSections), with progress and a stop signal. Planning is
 * pure (shared/search/autocode.ts structureFromSections, shared/search/structureCodes.ts). Applying
 * is ONE writeChanges batch: the missing codes are made with the codebook's rules (createCodeFor in
 * ./codings.ts) and each code's sections coded with planCodingRanges, the rules of coding by hand, so
 * it is one undo step and one audit-trail line, and running it again codes nothing twice.
 */
import { isLive } from "../../shared/model/live";
import type { CodeRecord, CodingRecord } from "../../shared/model/records";
import { planCodingRanges, structureFromSections, type StructureCode } from "../../shared/search/autocode";
import { headingSections, type HeadingSection } from "../../shared/search/spread";
import { matchStructureCodes, structureAutocodeLabel, type StructureCodeRow } from "../../shared/search/structureCodes";
import { nextCodeColour } from "../../shared/coding/palette";
import type { Range } from "../../shared/coding/ranges";
import { readTranscript } from "../../shared/text/transcript";
import type { CodeId, SourceId } from "../../shared/ids";
import { writeChanges, type ChangeWriter } from "./changes";
import { createCodeFor } from "./codings";
import type { OpenProject } from "./projects";
import { getSourceContent } from "./sources";

/** One source's heading sections: all that is kept of its text. */
export interface HeadingSource {
  id: SourceId;
  sections: HeadingSection[];
}

export interface ReadOptions {
  /** Told after each source: how many are read, of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Stops between sources; the promise then rejects with a DOMException named "AbortError". */
  signal?: AbortSignal;
}

/** Reads the sources' heading sections one source at a time. Sources without content are skipped. */
export async function readHeadingSections(
  project: OpenProject,
  sourceIds: readonly SourceId[],
  options: ReadOptions = {},
): Promise<HeadingSource[]> {
  const out: HeadingSource[] = [];
  for (const [i, id] of sourceIds.entries()) {
    options.signal?.throwIfAborted();
    const content = await getSourceContent(project, id);
    if (content) {
      const { text, blocks } = readTranscript(content);
      const sections = headingSections(text, blocks);
      if (sections.length > 0) out.push({ id, sections });
    }
    options.onProgress?.(i + 1, sourceIds.length);
  }
  options.signal?.throwIfAborted();
  return out;
}

export interface StructurePreviewRow extends StructureCodeRow {
  /** Sections already wholly coded with the existing code by this coder: nothing to do for them. */
  alreadyCoded: number;
}

export interface StructurePreview {
  maxLevel: number;
  parentId: CodeId | null;
  structure: StructureCode[];
  /** The codes in tree order. */
  rows: StructurePreviewRow[];
  /** Sections to code per source (sources with none are left out), in the order read. */
  perSource: { sourceId: SourceId; sections: number }[];
  totals: { codes: number; newCodes: number; sections: number; alreadyCoded: number };
  /** The undo label and audit line Apply writes. */
  label: string;
}

async function codingsOfCode(project: OpenProject, codeId: string): Promise<CodingRecord[]> {
  // One getAll on the codeId index: a code's codings, not the project's 100,000.
  return project.db.codings.where("codeId").equals(codeId).toArray();
}

/** What Apply would do, from the heading sections read: codes to make, codes matched, sections already coded. */
export async function previewStructureAutocode(
  project: OpenProject,
  sources: readonly HeadingSource[],
  options: { maxLevel: number; parentId: CodeId | null },
): Promise<StructurePreview> {
  const structure = structureFromSections(sources, { maxLevel: options.maxLevel });
  const codes = (await project.db.codes.toArray()).filter(isLive);
  const byKey = new Map(structure.map((c) => [c.key, c]));
  const rows: StructurePreviewRow[] = [];
  for (const row of matchStructureCodes(structure, codes, options.parentId)) {
    const code = byKey.get(row.key);
    let alreadyCoded = 0;
    if (row.existingId && code) {
      const plan = planCodingRanges(code.sections, await codingsOfCode(project, row.existingId), row.existingId, project.ctx.coderId);
      alreadyCoded = plan.totals.alreadyCoded;
    }
    rows.push({ ...row, alreadyCoded });
  }
  const perSourceCount = new Map<string, number>();
  for (const code of structure) for (const [id, list] of code.sections) perSourceCount.set(id, (perSourceCount.get(id) ?? 0) + list.length);
  const perSource = sources
    .filter((s) => perSourceCount.has(s.id))
    .map((s) => ({ sourceId: s.id, sections: perSourceCount.get(s.id) ?? 0 }));
  const sections = rows.reduce((n, r) => n + r.sections, 0);
  return {
    maxLevel: options.maxLevel,
    parentId: options.parentId,
    structure,
    rows,
    perSource,
    totals: {
      codes: rows.length,
      newCodes: rows.filter((r) => r.existingId === null).length,
      sections,
      alreadyCoded: rows.reduce((n, r) => n + r.alreadyCoded, 0),
    },
    label: structureAutocodeLabel(options.maxLevel, rows.length, sections),
  };
}

export interface StructureAutocodeResult {
  label: string;
  codesCreated: number;
  codingsCreated: number;
  codingsUpdated: number;
}

/** Codes the sections with this coder's codings of `codeId`, as planCodingRanges plans it. */
async function codeSections(
  w: ChangeWriter,
  project: OpenProject,
  codeId: CodeId,
  sections: ReadonlyMap<string, readonly Range[]>,
  isNew: boolean,
) {
  const coderId = project.ctx.coderId;
  const plan = planCodingRanges(sections, isNew ? [] : await codingsOfCode(project, codeId), codeId, coderId);
  for (const source of plan.sources) {
    for (const id of source.removeIds) await w.remove<CodingRecord>("codings", id);
    for (const u of source.updates) await w.update<CodingRecord>("codings", u.id, { start: u.start, end: u.end, note: u.note });
    for (const r of source.creates) {
      await w.create<CodingRecord>("codings", { sourceId: source.sourceId, codeId, start: r.start, end: r.end, coderId, note: "" });
    }
  }
  return plan.totals;
}

/**
 * Applies a preview as one batch. The codes are matched again inside the transaction (a code made
 * or deleted since the preview is taken into account); sources deleted since they were read are
 * left out. Nothing is written when the parent code has gone.
 */
export async function applyStructureAutocode(project: OpenProject, preview: StructurePreview): Promise<StructureAutocodeResult> {
  return writeChanges(project.db, project.ctx, preview.label, async (w) => {
    if (preview.parentId !== null) {
      const parent = await project.db.codes.get(preview.parentId);
      if (!parent || !isLive(parent)) throw new Error("The parent code no longer exists.");
    }
    const sourceIds = [...new Set(preview.structure.flatMap((c) => [...c.sections.keys()]))];
    const found = await project.db.sources.bulkGet(sourceIds);
    const live = new Set(
      sourceIds.filter((_, i) => {
        const source = found[i];
        return source !== undefined && isLive(source);
      }),
    );
    const codes: CodeRecord[] = (await project.db.codes.toArray()).filter(isLive);
    const colours = codes.map((c) => c.colour);
    const byKey = new Map(preview.structure.map((c) => [c.key, c]));
    const idOfKey = new Map<string, CodeId>();
    const result: StructureAutocodeResult = { label: preview.label, codesCreated: 0, codingsCreated: 0, codingsUpdated: 0 };
    for (const row of matchStructureCodes(preview.structure, codes, preview.parentId)) {
      const code = byKey.get(row.key);
      if (!code) continue;
      let id = row.existingId as CodeId | null;
      if (id === null) {
        const parentId = code.parentKey === null ? preview.parentId : (idOfKey.get(code.parentKey) ?? null);
        const colour = nextCodeColour(colours);
        colours.push(colour);
        const made = await createCodeFor(w, project, { name: row.name, parentId, colour });
        id = made.id as CodeId;
        result.codesCreated++;
      }
      idOfKey.set(row.key, id);
      const sections = new Map([...code.sections].filter(([sourceId]) => live.has(sourceId)));
      const totals = await codeSections(w, project, id, sections, row.existingId === null);
      result.codingsCreated += totals.creates;
      result.codingsUpdated += totals.updates;
    }
    return result;
  });
}
