import type { MemoRecord, MemoTargetKind } from "../../shared/model/records";
import { writeChanges } from "./changes";
import type { OpenProject } from "./projects";

/** Live memos, newest change first. 5,000 at seed scale: list-sized, bodies included (they are text). */
export async function listMemos(project: OpenProject): Promise<MemoRecord[]> {
  const all = await project.db.memos.toArray();
  return all.filter((m) => !m.deleted).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function getMemo(project: OpenProject, id: string): Promise<MemoRecord | undefined> {
  const memo = await project.db.memos.get(id);
  return memo && !memo.deleted ? memo : undefined;
}

/** The memo attached to a project, source, code, coding or case, if there is one. */
export async function memoFor(project: OpenProject, targetKind: MemoTargetKind, targetId: string): Promise<MemoRecord | undefined> {
  const memos = await project.db.memos.where("[targetKind+targetId]").equals([targetKind, targetId]).toArray();
  return memos.find((m) => !m.deleted);
}

/** Creates or updates the memo of a target (one memo per target, as in NVivo's linked memos). */
export async function saveMemoFor(
  project: OpenProject,
  target: { kind: MemoTargetKind; id: string },
  content: { title: string; body: string },
): Promise<MemoRecord> {
  return writeChanges(project.db, project.ctx, "Edited memo", async (w) => {
    const existing = await memoFor(project, target.kind, target.id);
    if (existing) {
      if (existing.title === content.title && existing.body === content.body) return existing;
      return w.update<MemoRecord>("memos", existing.id, { title: content.title, body: content.body });
    }
    return w.create<MemoRecord>("memos", { targetKind: target.kind, targetId: target.id, title: content.title, body: content.body, authorId: project.ctx.coderId });
  });
}

export async function updateMemo(project: OpenProject, id: string, content: { title: string; body: string }): Promise<void> {
  await writeChanges(project.db, project.ctx, "Edited memo", (w) => w.update<MemoRecord>("memos", id, content));
}

export async function deleteMemo(project: OpenProject, id: string): Promise<void> {
  await writeChanges(project.db, project.ctx, "Deleted memo", (w) => w.remove<MemoRecord>("memos", id));
}
