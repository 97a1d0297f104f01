import type { CodeRecord, CodingRecord, MemoRecord } from "../../shared/model/records";
import {
  canMove,
  indent,
  indexCodes,
  moveCode as planMove,
  moveDown,
  moveUp,
  outdent,
  type MoveResult,
  type MoveTarget,
} from "../../shared/coding/codeTree";
import { cleanCodeName, placeNewCode, refuseTakenCodeName } from "../../shared/coding/codeName";
import type { CodeCount } from "../../shared/coding/counts";
import { planCodeMerge, type CodeMergePlan } from "../../shared/coding/codeMerge";
import { CodeColourTally, nextCodeColour } from "../../shared/coding/palette";
import type { CodebookPlan } from "../../shared/codebook/plan";
import { writeChanges, type ChangeWriter } from "./changes";
import { currentTally, tallyCodeCounts } from "./codingTally";
import type { OpenProject } from "./projects";
import { isLive, liveOrUndefined, type Live } from "../../shared/model/live";
import type { CodeId } from "../../shared/ids";

/** Live codes (the tree is built from them in shared/coding/codeTree). 500 rows at seed scale. */
export async function listCodes(project: OpenProject): Promise<Live<CodeRecord>[]> {
  return (await project.db.codes.toArray()).filter(isLive);
}

export async function getCode(project: OpenProject, id: CodeId): Promise<Live<CodeRecord> | undefined> {
  const code = await project.db.codes.get(id);
  return liveOrUndefined(code);
}

async function liveCodes(project: OpenProject): Promise<CodeRecord[]> {
  return (await project.db.codes.toArray()).filter(isLive);
}

export interface NewCode {
  name: string;
  parentId?: string | null;
  description?: string;
  colour?: string;
  isCategory?: boolean;
}

async function createCodeWith(w: ChangeWriter, codes: CodeRecord[], input: NewCode): Promise<CodeRecord> {
  const name = cleanCodeName(input.name);
  const parentId = input.parentId ?? null;
  const order = placeNewCode(codes, parentId, name);
  const code = await w.create<CodeRecord>("codes", {
    parentId,
    name,
    description: input.description ?? "",
    colour: input.colour ?? nextCodeColour(codes.map((c) => c.colour)),
    order,
    isCategory: input.isCategory ?? false,
  });
  codes.push(code);
  return code;
}

export async function createCode(project: OpenProject, input: NewCode): Promise<CodeRecord> {
  return writeChanges(project.db, project.ctx, `Created code “${input.name.trim()}”`, async (w) =>
    createCodeWith(w, await liveCodes(project), input),
  );
}

export async function renameCode(project: OpenProject, id: CodeId, name: string): Promise<void> {
  const clean = cleanCodeName(name);
  await writeChanges(project.db, project.ctx, `Renamed code to “${clean}”`, async (w) => {
    const codes = await liveCodes(project);
    const code = codes.find((c) => c.id === id);
    if (!code) throw new Error("That code no longer exists.");
    if (code.name === clean) return; // no empty step in the undo history
    refuseTakenCodeName(codes, code.parentId, clean, id);
    await w.update<CodeRecord>("codes", id, { name: clean });
  });
}

export async function updateCode(
  project: OpenProject,
  id: CodeId,
  patch: Partial<Pick<CodeRecord, "description" | "colour" | "isCategory">>,
  label = "Edited code",
): Promise<void> {
  await writeChanges(project.db, project.ctx, label, (w) => w.update<CodeRecord>("codes", id, patch));
}

/** Re-parents or reorders a code; refuses cycles (a code into itself or its own descendants). */
export async function moveCode(project: OpenProject, id: CodeId, target: MoveTarget): Promise<void> {
  await writeChanges(project.db, project.ctx, "Moved code", async (w) => {
    const codes = await liveCodes(project);
    if ("parentId" in target && !canMove(codes, id, target.parentId)) throw new Error("A code cannot be moved inside itself.");
    const result = planMove(codes, id, target);
    if (!result.ok) throw new Error(result.reason);
    for (const change of result.changes) await w.update<CodeRecord>("codes", change.id, { parentId: change.parentId, order: change.order });
  });
}

export type CodeStep = "up" | "down" | "indent" | "outdent";

const STEP_PLANS: Record<CodeStep, (codes: CodeRecord[], id: string) => MoveResult> = { up: moveUp, down: moveDown, indent, outdent };
const STEP_LABELS: Record<CodeStep, string> = {
  up: "Moved code up",
  down: "Moved code down",
  indent: "Indented code",
  outdent: "Outdented code",
};

/**
 * The keyboard moves (Alt+arrows in the codebook): swap with a sibling, become the last child of the
 * sibling above, or the sibling after the parent. Returns false (and writes nothing) at an edge.
 */
export async function moveCodeStep(project: OpenProject, id: CodeId, step: CodeStep): Promise<boolean> {
  return writeChanges(project.db, project.ctx, STEP_LABELS[step], async (w) => {
    const codes = await liveCodes(project);
    if (!codes.some((c) => c.id === id)) throw new Error("That code no longer exists.");
    const result = STEP_PLANS[step](codes, id);
    if (!result.ok) throw new Error(result.reason);
    for (const change of result.changes) await w.update<CodeRecord>("codes", change.id, { parentId: change.parentId, order: change.order });
    return result.changes.length > 0;
  });
}

export interface CodeProperties {
  name: string;
  description: string;
  colour: string;
  isCategory: boolean;
}

/** Saves the properties dialog in one undoable step; the name must stay unique among its siblings. */
export async function saveCodeProperties(project: OpenProject, id: CodeId, props: CodeProperties): Promise<void> {
  const name = cleanCodeName(props.name);
  await writeChanges(project.db, project.ctx, `Edited code “${name}”`, async (w) => {
    const codes = await liveCodes(project);
    const code = codes.find((c) => c.id === id);
    if (!code) throw new Error("That code no longer exists.");
    refuseTakenCodeName(codes, code.parentId, name, id);
    const patch: Partial<CodeRecord> = {};
    if (code.name !== name) patch.name = name;
    if (code.description !== props.description) patch.description = props.description;
    if (code.colour !== props.colour) patch.colour = props.colour;
    if (code.isCategory !== props.isCategory) patch.isCategory = props.isCategory;
    if (Object.keys(patch).length > 0) await w.update<CodeRecord>("codes", id, patch);
  });
}

export interface CodeDeletion {
  codeIds: CodeId[];
  codings: number;
}

/** What deleting a code takes with it (its sub-codes and all their codings), for the confirmation. */
export async function planCodeDeletion(project: OpenProject, id: CodeId): Promise<CodeDeletion> {
  const codes = await liveCodes(project);
  const index = indexCodes(codes);
  const ids = [id];
  for (let i = 0; i < ids.length; i++) for (const child of index.children.get(ids[i] ?? "") ?? []) ids.push(child.id);
  let codings = 0;
  for (const codeId of ids) codings += await project.db.codings.where("codeId").equals(codeId).filter(isLive).count();
  return { codeIds: ids, codings };
}

/** Tombstones a code, its sub-codes and their codings in one undoable batch. */
export async function deleteCode(project: OpenProject, id: CodeId): Promise<void> {
  const code = await getCode(project, id);
  if (!code) return;
  await writeChanges(project.db, project.ctx, `Deleted code “${code.name}”`, async (w) => {
    const { codeIds } = await planCodeDeletion(project, id);
    for (const codeId of codeIds) {
      const codings = await project.db.codings.where("codeId").equals(codeId).filter(isLive).toArray();
      for (const coding of codings) await w.remove<CodingRecord>("codings", coding.id);
      await w.remove<CodeRecord>("codes", codeId);
    }
  });
}

/** Preview of merging code `fromId` into `intoId` (nothing written). */
export async function previewMerge(
  project: OpenProject,
  fromId: CodeId,
  intoId: CodeId,
): Promise<{ ok: true; plan: CodeMergePlan } | { ok: false; reason: string }> {
  const codes = await liveCodes(project);
  const codings = await project.db.codings.where("codeId").anyOf([fromId, intoId]).toArray();
  return planCodeMerge(codes, codings, fromId, intoId);
}

/**
 * Merges code A into B in one transaction: codings move (overlaps by the same coder join), children
 * move, A's description and memo are kept in B's, A is tombstoned. Undoable as one step.
 */
export async function mergeCodes(project: OpenProject, fromId: CodeId, intoId: CodeId): Promise<CodeMergePlan> {
  const from = await getCode(project, fromId);
  const into = await getCode(project, intoId);
  if (!from || !into) throw new Error("One of the codes no longer exists.");
  return writeChanges(project.db, project.ctx, `Merged “${from.name}” into “${into.name}”`, async (w) => {
    const result = await previewMerge(project, fromId, intoId);
    if (!result.ok) throw new Error(result.reason);
    const { plan } = result;
    for (const r of plan.rewrites)
      await w.update<CodingRecord>("codings", r.id, { codeId: r.codeId, start: r.start, end: r.end, note: r.note });
    for (const removed of plan.removed) {
      await w.remove<CodingRecord>("codings", removed.id);
      const memos = await project.db.memos.where("[targetKind+targetId]").equals(["coding", removed.id]).toArray();
      for (const memo of memos) await w.update<MemoRecord>("memos", memo.id, { targetId: removed.survivorId });
    }
    for (const child of plan.reparented) await w.update<CodeRecord>("codes", child.id, { parentId: child.parentId, order: child.order });
    for (const renamed of plan.renamed) await w.update<CodeRecord>("codes", renamed.id, { name: renamed.name });
    await w.update<CodeRecord>("codes", intoId, { description: plan.description });
    await moveCodeMemo(project, w, from, intoId);
    // The redirect: codings made on A elsewhere, not here yet, follow to B when they arrive (shared/merge/settle.ts).
    await w.update<CodeRecord>("codes", fromId, { mergedInto: intoId });
    await w.remove<CodeRecord>("codes", fromId);
    return plan;
  });
}

/** A's code memo is appended to B's (created if B has none), so nothing written about A is lost. */
async function moveCodeMemo(project: OpenProject, w: ChangeWriter, from: CodeRecord, intoId: CodeId): Promise<void> {
  const fromMemo = (await project.db.memos.where("[targetKind+targetId]").equals(["code", from.id]).toArray()).find(isLive);
  if (!fromMemo || !fromMemo.body.trim()) return;
  const intoMemo = (await project.db.memos.where("[targetKind+targetId]").equals(["code", intoId]).toArray()).find(isLive);
  const heading = `Merged from “${from.name}”`;
  if (intoMemo) {
    await w.update<MemoRecord>("memos", intoMemo.id, { body: `${intoMemo.body}\n\n## ${heading}\n\n${fromMemo.body}` });
  } else {
    await w.create<MemoRecord>("memos", {
      targetKind: "code",
      targetId: intoId,
      title: fromMemo.title,
      body: `## ${heading}\n\n${fromMemo.body}`,
      authorId: project.ctx.coderId,
    });
  }
  await w.remove<MemoRecord>("memos", fromMemo.id);
}

/** Applies a codebook import plan (CSV or DOCX outline) in one transaction. */
export async function applyCodebookPlan(
  project: OpenProject,
  plan: CodebookPlan,
  fileName: string,
): Promise<{ created: number; updated: number }> {
  return writeChanges(project.db, project.ctx, `Imported codebook ${fileName}`, async (w) => {
    const codes = await liveCodes(project);
    const colours = new CodeColourTally(codes.map((c) => c.colour));
    const refs = new Map<string, string>();
    for (const create of plan.create) {
      const parentId =
        create.parent === null ? null : "existingId" in create.parent ? create.parent.existingId : (refs.get(create.parent.newRef) ?? null);
      const code = await w.create<CodeRecord>("codes", {
        parentId,
        name: create.name,
        description: create.description,
        colour: create.colour ?? colours.next(),
        order: create.order,
        isCategory: false,
      });
      colours.add(code.colour);
      refs.set(create.ref, code.id);
    }
    for (const update of plan.update) {
      const patch: Partial<CodeRecord> = {};
      if (update.description !== undefined) patch.description = update.description;
      if (update.colour !== undefined) patch.colour = update.colour;
      await w.update<CodeRecord>("codes", update.id, patch);
    }
    return { created: plan.create.length, updated: plan.update.length };
  });
}

/**
 * Codings and sources per code, with and without descendants. Kept up to date from the journal
 * (codingTally.ts), so after one coding this reads the new journal entries, not every coding.
 */
export async function countsByCode(project: OpenProject): Promise<Map<string, CodeCount>> {
  const [codes, tally] = await Promise.all([liveCodes(project), currentTally(project.db)]);
  return tallyCodeCounts(tally, indexCodes(codes));
}
