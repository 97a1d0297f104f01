import type { CodeRecord, CoderRecord, CodingRecord, SourceRecord } from "../../shared/model/records";
import { overlaps, subtract, type Range } from "../../shared/coding/ranges";
import { cleanCodeName, normaliseCodeName, placeNewCode } from "../../shared/coding/codeName";
import { planCodeRange } from "../../shared/coding/codeRange";
import { writeChanges, type ChangeWriter } from "./changes";
import type { OpenProject } from "./projects";
import { isLive, liveOrUndefined, type Live } from "../../shared/model/live";
import type { CodeId, CoderId, CodingId, SourceId } from "../../shared/ids";

/** The project's coders (everyone who has opened it), for coder filters and "coded by" labels. */
export async function listCoders(project: OpenProject): Promise<Live<CoderRecord>[]> {
  return (await project.db.coders.toArray()).filter(isLive).sort((a, b) => a.name.localeCompare(b.name));
}

/** Sets the colour a coder is drawn in (Team dialog); recorded and undoable like any edit. */
export async function setCoderColour(project: OpenProject, coderId: CoderId, colour: string): Promise<void> {
  if (!/^#[0-9a-f]{6}$/i.test(colour)) throw new Error(`"${colour}" is not a colour (expected #rrggbb).`);
  await writeChanges(project.db, project.ctx, "Changed coder colour", (w) =>
    w.update<CoderRecord>("coders", coderId, { colour: colour.toUpperCase() }),
  );
}

/** Live codings of one source (sourceId index): what the viewer paints. */
export async function listCodingsForSource(project: OpenProject, sourceId: SourceId): Promise<Live<CodingRecord>[]> {
  // equals().toArray() is one getAll; adding .filter() would make Dexie walk a cursor row by row.
  return (await project.db.codings.where("sourceId").equals(sourceId).toArray()).filter(isLive);
}

/** Live codings of some codes (codeId index): what retrieval lists. */
export async function listCodingsForCodes(project: OpenProject, codeIds: readonly CodeId[]): Promise<Live<CodingRecord>[]> {
  if (codeIds.length === 0) return [];
  const perCode = await Promise.all([...new Set(codeIds)].map((id) => project.db.codings.where("codeId").equals(id).toArray()));
  return perCode.flat().filter(isLive);
}

export async function getCoding(project: OpenProject, id: CodingId): Promise<Live<CodingRecord> | undefined> {
  const coding = await project.db.codings.get(id);
  return liveOrUndefined(coding);
}

function checkRange(source: SourceRecord | undefined, range: Range): void {
  if (!source || source.deleted) throw new Error("That source no longer exists.");
  if (
    !Number.isInteger(range.start) ||
    !Number.isInteger(range.end) ||
    range.start < 0 ||
    range.end > source.charCount ||
    range.start >= range.end
  ) {
    throw new Error("Select some text to code.");
  }
}

async function codeRangeWith(
  w: ChangeWriter,
  project: OpenProject,
  sourceId: SourceId,
  codeId: CodeId,
  range: Range,
  newId?: string,
): Promise<CodingRecord> {
  // The three reads in parallel: one round trip before the write instead of three.
  const [code, source, existing] = await Promise.all([
    project.db.codes.get(codeId),
    project.db.sources.get(sourceId),
    // equals().toArray() is one getAll; the plan filters in JS.
    project.db.codings.where("[sourceId+codeId]").equals([sourceId, codeId]).toArray(),
  ]);
  if (!code || code.deleted) throw new Error("That code no longer exists.");
  checkRange(source, range);
  const coderId = project.ctx.coderId;
  const plan = planCodeRange(existing, codeId, coderId, range);
  if (plan.kind === "create")
    return w.create<CodingRecord>("codings", { sourceId, codeId, start: plan.start, end: plan.end, coderId, note: "" }, newId);
  for (const id of plan.removeIds) await w.remove<CodingRecord>("codings", id);
  return w.update<CodingRecord>("codings", plan.keepId, { start: plan.start, end: plan.end, note: plan.note });
}

export interface CodeRangeOptions {
  /** The new coding's id, when the caller has already shown it (an optimistic paint). */
  id?: string;
  /** The code's name for the undo label, when the caller knows it: saves a read before the write. */
  codeName?: string;
  /**
   * Told when every change is written and only the commit is left (it is not yet durable). The
   * viewer paints then, so its rendering overlaps the commit instead of delaying the write.
   */
  onWritten?: () => void;
}

export async function codeRange(
  project: OpenProject,
  sourceId: SourceId,
  codeId: CodeId,
  range: Range,
  options: CodeRangeOptions = {},
): Promise<CodingRecord> {
  const name = options.codeName ?? (await project.db.codes.get(codeId))?.name ?? "code";
  return writeChanges(project.db, project.ctx, `Coded at “${name}”`, async (w) => {
    const coding = await codeRangeWith(w, project, sourceId, codeId, range, options.id);
    options.onWritten?.();
    return coding;
  });
}

export interface NewCodeForCoding {
  name: string;
  parentId: CodeId | null;
  colour: string;
}

/** Makes the new code inside a coding batch, with the codebook's name rules (shared/coding/codeName.ts); also used by autocoding (./autocode.ts). */
export async function createCodeFor(w: ChangeWriter, project: OpenProject, newCode: NewCodeForCoding): Promise<CodeRecord> {
  const name = cleanCodeName(newCode.name);
  const codes = (await project.db.codes.toArray()).filter(isLive);
  const order = placeNewCode(codes, newCode.parentId, name);
  return w.create<CodeRecord>("codes", {
    parentId: newCode.parentId,
    name,
    description: "",
    colour: newCode.colour,
    order,
    isCategory: false,
  });
}

/** Creates a code and codes the range with it, as one undoable step (quick-code "new code", in-vivo). */
export async function codeRangeWithNewCode(
  project: OpenProject,
  sourceId: SourceId,
  range: Range,
  newCode: NewCodeForCoding,
): Promise<{ code: CodeRecord; coding: CodingRecord }> {
  return writeChanges(project.db, project.ctx, `Coded at new code “${normaliseCodeName(newCode.name)}”`, async (w) => {
    checkRange(await project.db.sources.get(sourceId), range);
    const code = await createCodeFor(w, project, newCode);
    const coding = await codeRangeWith(w, project, sourceId, code.id, range);
    return { code, coding };
  });
}

/** Moves a coding to a code made for it, as one undoable step (the palette's "change code" + new name). */
export async function changeCodingToNewCode(project: OpenProject, codingId: CodingId, newCode: NewCodeForCoding): Promise<CodeRecord> {
  return writeChanges(project.db, project.ctx, `Moved coding to new code “${normaliseCodeName(newCode.name)}”`, async (w) => {
    const coding = await project.db.codings.get(codingId);
    if (!coding || coding.deleted) throw new Error("That coding no longer exists.");
    const code = await createCodeFor(w, project, newCode);
    await w.update<CodingRecord>("codings", codingId, { codeId: code.id });
    return code;
  });
}

export async function uncode(project: OpenProject, codingId: CodingId): Promise<void> {
  await writeChanges(project.db, project.ctx, "Uncoded", (w) => w.remove<CodingRecord>("codings", codingId));
}

/** Removes a code from part of the text: this coder's codings of that code are trimmed or split. */
export async function uncodeRange(project: OpenProject, sourceId: SourceId, codeId: CodeId, range: Range): Promise<number> {
  return writeChanges(project.db, project.ctx, "Uncoded selection", async (w) => {
    const hits = await project.db.codings
      .where("[sourceId+codeId]")
      .equals([sourceId, codeId])
      .filter((c) => !c.deleted && c.coderId === project.ctx.coderId && overlaps(c, range))
      .toArray();
    for (const coding of hits) {
      const [first, second] = subtract(coding, range);
      if (!first) await w.remove<CodingRecord>("codings", coding.id);
      else {
        await w.update<CodingRecord>("codings", coding.id, { start: first.start, end: first.end });
        if (second)
          await w.create<CodingRecord>("codings", {
            sourceId,
            codeId,
            start: second.start,
            end: second.end,
            coderId: coding.coderId,
            note: "",
          });
      }
    }
    return hits.length;
  });
}

export async function changeCodingCode(project: OpenProject, codingId: CodingId, codeId: CodeId): Promise<void> {
  const code = await project.db.codes.get(codeId);
  if (!code || code.deleted) throw new Error("That code no longer exists.");
  await writeChanges(project.db, project.ctx, `Moved coding to “${code.name}”`, (w) =>
    w.update<CodingRecord>("codings", codingId, { codeId }),
  );
}

export async function setCodingRange(project: OpenProject, codingId: CodingId, range: Range): Promise<void> {
  await writeChanges(project.db, project.ctx, "Adjusted coding boundaries", async (w) => {
    const coding = await project.db.codings.get(codingId);
    if (!coding || coding.deleted) throw new Error("That coding no longer exists.");
    checkRange(await project.db.sources.get(coding.sourceId), range);
    await w.update<CodingRecord>("codings", codingId, { start: range.start, end: range.end });
  });
}

export async function annotateCoding(project: OpenProject, codingId: CodingId, note: string): Promise<void> {
  await writeChanges(project.db, project.ctx, "Annotated coding", (w) => w.update<CodingRecord>("codings", codingId, { note }));
}
