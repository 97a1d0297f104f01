/**
 * Planning "merge code A into code B": what happens to A's codings, children and description,
 * worked out before anything is written so the preview can show it and the repository can apply it
 * in one transaction.
 *
 * Rules:
 *  - A's codings move to B. Codings are then grouped by source and coder: codings of the same
 *    source by the same coder whose ranges OVERLAP (share at least one character; identical ranges
 *    included) become ONE coding covering their union. Touching ranges stay separate: they were two
 *    decisions. Different coders are never combined: each coder's coding is kept for agreement.
 *  - Only groups that include at least one of A's codings are touched; B's own codings are left as
 *    they were elsewhere.
 *  - The survivor of a group is B's coding if there is one (its id, and memos on it, stay), else A's
 *    earliest. It takes the union range; the others' notes are appended to its note; the others are
 *    tombstoned, and memos on them should follow to the survivor (`removed[].survivorId`).
 *  - A's children (with their subtrees) move under B after B's own children; one whose name clashes
 *    with a child of B gets "Name (2)". A's other descendants keep their own codings.
 *  - A is tombstoned. B's description gains A's: "Merged from A: <A's definition>" is added to the
 *    definition, and A's When to use / When not to use / Example text to B's matching parts.
 */
import { formatDescription, parseDescription } from "../codebook/description";
import type { CodeRecord, CodingRecord } from "../model/records";
import { ancestorIds, indexCodes, siblingNameTaken, uniqueSiblingName, type CodePlacement, type TreeCode } from "./codeTree";
import type { CodeId, CodingId } from "../ids";

export type MergeCode = TreeCode & Pick<CodeRecord, "description">;
export type MergeCoding = Pick<CodingRecord, "id" | "sourceId" | "codeId" | "start" | "end" | "coderId" | "note" | "deleted">;

/** The complete new values of a coding that changes. */
export interface CodingRewrite {
  id: CodingId;
  codeId: CodeId;
  start: number;
  end: number;
  note: string;
}

export interface CodeMergePlan {
  fromId: CodeId;
  intoId: CodeId;
  /** Every coding that changes: A's moved codings and the survivors of combined groups. */
  rewrites: CodingRewrite[];
  /** Codings to tombstone; anything pointing at one (memos) should point at its survivor instead. */
  removed: { id: CodingId; survivorId: CodingId }[];
  /** A's children, now under B. */
  reparented: CodePlacement[];
  /** Children of A renamed because B already has a child of that name. */
  renamed: { id: CodeId; name: string }[];
  /** B's description after the merge. */
  description: string;
  /** The line added to B's definition. */
  mergedNote: string;
  summary: {
    /** A's codings moved to B unchanged apart from the code. */
    moved: number;
    /** Codings removed because another coding by the same coder had exactly the same range. */
    collapsed: number;
    /** Codings removed because they overlapped another by the same coder and were joined into it. */
    unioned: number;
  };
}

export type CodeMergeResult = { ok: true; plan: CodeMergePlan } | { ok: false; reason: string };

export function planCodeMerge(
  codes: readonly MergeCode[],
  codings: Iterable<MergeCoding>,
  fromId: CodeId,
  intoId: CodeId,
): CodeMergeResult {
  const index = indexCodes(codes);
  const from = index.byId.get(fromId);
  const into = index.byId.get(intoId);
  if (!from || !into) return { ok: false, reason: "One of the codes no longer exists." };
  if (fromId === intoId) return { ok: false, reason: "A code cannot be merged into itself." };
  if (ancestorIds(index, intoId).includes(fromId)) {
    return { ok: false, reason: `“${into.name}” is inside “${from.name}”. Move it out of “${from.name}” first, then merge.` };
  }

  const groups = new Map<string, MergeCoding[]>();
  for (const c of codings) {
    if (c.deleted || (c.codeId !== fromId && c.codeId !== intoId)) continue;
    const key = `${c.sourceId}\u0000${c.coderId}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }

  const rewrites: CodingRewrite[] = [];
  const removed: { id: CodingId; survivorId: CodingId }[] = [];
  const summary = { moved: 0, collapsed: 0, unioned: 0 };
  for (const group of groups.values()) {
    group.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
    for (const cluster of overlapClusters(group)) {
      if (!cluster.some((c) => c.codeId === fromId)) continue;
      if (cluster.length === 1) {
        const only = cluster[0] as MergeCoding;
        rewrites.push({ id: only.id, codeId: intoId, start: only.start, end: only.end, note: only.note });
        summary.moved++;
        continue;
      }
      const survivor = cluster.find((c) => c.codeId === intoId) ?? (cluster[0] as MergeCoding);
      const start = Math.min(...cluster.map((c) => c.start));
      const end = Math.max(...cluster.map((c) => c.end));
      // Nothing anyone wrote is lost: the others' notes are appended to the survivor's.
      const own = survivor.note.trim();
      const extra: string[] = [];
      for (const c of cluster) {
        const n = c.note.trim();
        if (c !== survivor && n && n !== own && !extra.includes(n)) extra.push(n);
      }
      const note = extra.length === 0 ? survivor.note : [own, ...extra].filter(Boolean).join("\n\n");
      // Rewritten even when nothing on it changes: absorbing the others is an edit of the survivor, so
      // its new stamp outlives an older deletion from another replica that never saw the join.
      rewrites.push({ id: survivor.id, codeId: intoId, start, end, note });
      for (const c of cluster) {
        if (c === survivor) continue;
        removed.push({ id: c.id, survivorId: survivor.id });
        if (c.start === survivor.start && c.end === survivor.end) summary.collapsed++;
        else summary.unioned++;
      }
    }
  }

  // A's children go after B's, keeping their order among themselves.
  const intoChildren = index.children.get(intoId) ?? [];
  const fromChildren = index.children.get(fromId) ?? [];
  let nextOrder = intoChildren.reduce((max, c) => Math.max(max, c.order + 1), 0);
  const reparented: CodePlacement[] = [];
  const renamed: { id: CodeId; name: string }[] = [];
  const taken: TreeCode[] = intoChildren.map((c) => ({ ...c, parentId: null }));
  for (const child of fromChildren) {
    reparented.push({ id: child.id, parentId: intoId, order: nextOrder++ });
    let name = child.name;
    if (siblingNameTaken(taken, null, name)) {
      name = uniqueSiblingName(taken, null, name);
      renamed.push({ id: child.id, name });
    }
    taken.push({ ...child, parentId: null, name });
  }

  const a = parseDescription(from.description);
  const b = parseDescription(into.description);
  const mergedNote = a.definition ? `Merged from ${from.name}: ${a.definition}` : `Merged from ${from.name}.`;
  const add = (mine: string, theirs: string) => (!theirs || mine.includes(theirs) ? mine : mine ? `${mine}\n${theirs}` : theirs);
  const description = formatDescription({
    definition: b.definition ? `${b.definition}\n\n${mergedNote}` : mergedNote,
    whenToUse: add(b.whenToUse, a.whenToUse),
    whenNotToUse: add(b.whenNotToUse, a.whenNotToUse),
    example: add(b.example, a.example),
  });

  return { ok: true, plan: { fromId, intoId, rewrites, removed, reparented, renamed, description, mergedNote, summary } };
}

/** Splits codings sorted by start into runs whose ranges overlap (touching is not overlapping). */
function overlapClusters(sorted: readonly MergeCoding[]): MergeCoding[][] {
  const clusters: MergeCoding[][] = [];
  let current: MergeCoding[] = [];
  let end = -Infinity;
  for (const c of sorted) {
    const first = current[0];
    const identical = first !== undefined && current.some((x) => x.start === c.start && x.end === c.end);
    if (first !== undefined && (c.start < end || identical)) {
      current.push(c);
      end = Math.max(end, c.end);
    } else {
      if (current.length > 0) clusters.push(current);
      current = [c];
      end = c.end;
    }
  }
  if (current.length > 0) clusters.push(current);
  return clusters;
}
