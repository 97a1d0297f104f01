/**
 * Autocoding (issue 16): coding many ranges at once, from search hits, speaker turns or heading
 * sections. The plan is the pure planCodingRanges (shared/search/autocode.ts), the same rules as coding
 * each range by hand; applying it is ONE writeChanges batch, so it is one undo step and one audit-trail
 * row whose label says what was asked for ("Autocoded “Cerner OR Lorenzo” → EPR, speaker turns, 312
 * passages"). The codings are ordinary journaled records: they travel in bundles like any other.
 */
import { isLive } from "../../shared/model/live";
import type { CodeRecord, CodingRecord } from "../../shared/model/records";
import { planCodingRanges, type AutocodePlan } from "../../shared/search/autocode";
import type { Range } from "../../shared/coding/ranges";
import type { CodeId, SourceId } from "../../shared/ids";
import { writeChanges } from "./changes";
import { createCodeFor, type NewCodeForCoding } from "./codings";
import type { OpenProject } from "./projects";

/** Ranges to code, per source (text offsets, half-open). */
export type RangesBySource = ReadonlyMap<SourceId, readonly Range[]>;

/** An existing code, or a code to make in the same batch. */
export type AutocodeTarget = { id: CodeId } | { newCode: NewCodeForCoding };

/** A code id no record has: planning against it finds nothing already coded (a code not made yet). */
const NOT_MADE_YET = "autocode:new-code";

async function codingsOfCode(project: OpenProject, codeId: string): Promise<CodingRecord[]> {
  // One getAll on the codeId index: a code's codings, not the project's 100,000.
  return project.db.codings.where("codeId").equals(codeId).toArray();
}

/**
 * What applying would do, without writing: per source, ranges asked for, already coded, codings to
 * create, grow and absorb. `codeId` null: a new code (nothing is coded with it yet).
 */
export async function previewAutocode(project: OpenProject, rangesBySource: RangesBySource, codeId: CodeId | null): Promise<AutocodePlan> {
  const codings = codeId ? await codingsOfCode(project, codeId) : [];
  return planCodingRanges(rangesBySource, codings, codeId ?? NOT_MADE_YET, project.ctx.coderId);
}

/** Refuses ranges outside a live source's text: nothing is written if one is wrong. */
async function checkRanges(project: OpenProject, rangesBySource: RangesBySource): Promise<void> {
  const ids = [...rangesBySource.keys()];
  const sources = await project.db.sources.bulkGet(ids);
  ids.forEach((id, i) => {
    const source = sources[i];
    if (!source || !isLive(source)) throw new Error("A source to autocode no longer exists. Run the search again.");
    for (const r of rangesBySource.get(id) ?? []) {
      if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end > source.charCount || r.start >= r.end) {
        throw new Error(`A passage to autocode in “${source.name}” lies outside its text. Run the search again.`);
      }
    }
  });
}

export interface AutocodeResult {
  codeId: CodeId;
  /** The plan as applied (made inside the transaction, against the codings as they were then). */
  plan: AutocodePlan;
}

/**
 * Codes every range with the code (made first when new), as one batch labelled `label`. The plan is
 * made again inside the transaction, so a coding made since the preview is taken into account.
 */
export async function applyAutocode(
  project: OpenProject,
  input: { rangesBySource: RangesBySource; code: AutocodeTarget; label: string },
): Promise<AutocodeResult> {
  return writeChanges(project.db, project.ctx, input.label, async (w) => {
    await checkRanges(project, input.rangesBySource);
    let codeId: CodeId;
    if ("id" in input.code) {
      const code = await project.db.codes.get(input.code.id);
      if (!code || !isLive(code)) throw new Error("That code no longer exists.");
      codeId = input.code.id;
    } else {
      const made: CodeRecord = await createCodeFor(w, project, input.code.newCode);
      codeId = made.id as CodeId;
    }
    const coderId = project.ctx.coderId;
    const plan = planCodingRanges(input.rangesBySource, await codingsOfCode(project, codeId), codeId, coderId);
    for (const source of plan.sources) {
      for (const id of source.removeIds) await w.remove<CodingRecord>("codings", id);
      for (const u of source.updates) await w.update<CodingRecord>("codings", u.id, { start: u.start, end: u.end, note: u.note });
      for (const r of source.creates) {
        await w.create<CodingRecord>("codings", { sourceId: source.sourceId, codeId, start: r.start, end: r.end, coderId, note: "" });
      }
    }
    return { codeId, plan };
  });
}
