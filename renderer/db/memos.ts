import { newId, type CodingId, type MemoId, type SourceId } from "../../shared/ids";
import type { MemoRecord, MemoTargetKind } from "../../shared/model/records";
import { codePath, indexCodes } from "../../shared/coding/codeTree";
import { foldMemoQuery, memoMatches, memoSearchText } from "../../shared/memos/search";
import type { MemoLinkTarget } from "../../shared/memos/links";
import { writeChanges } from "./changes";
import type { OpenProject } from "./projects";
import { isLive, liveOrUndefined, type Live } from "../../shared/model/live";

/** Live memos, newest change first. 5,000 at seed scale: list-sized, bodies included (they are text). */
export async function listMemos(project: OpenProject): Promise<Live<MemoRecord>[]> {
  const all = await project.db.memos.toArray();
  return all.filter(isLive).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export async function getMemo(project: OpenProject, id: MemoId): Promise<Live<MemoRecord> | undefined> {
  const memo = await project.db.memos.get(id);
  return liveOrUndefined(memo);
}

/** The memo attached to a project, source, code, coding or case, if there is one. */
export async function memoFor(project: OpenProject, targetKind: MemoTargetKind, targetId: string): Promise<Live<MemoRecord> | undefined> {
  const memos = await project.db.memos.where("[targetKind+targetId]").equals([targetKind, targetId]).toArray();
  return memos.find(isLive);
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
    return w.create<MemoRecord>("memos", {
      targetKind: target.kind,
      targetId: target.id,
      title: content.title,
      body: content.body,
      authorId: project.ctx.coderId,
    });
  });
}

export async function updateMemo(project: OpenProject, id: MemoId, content: { title: string; body: string }): Promise<void> {
  await writeChanges(project.db, project.ctx, "Edited memo", (w) => w.update<MemoRecord>("memos", id, content));
}

export async function deleteMemo(project: OpenProject, id: MemoId): Promise<void> {
  await writeChanges(project.db, project.ctx, "Deleted memo", (w) => w.remove<MemoRecord>("memos", id));
}

/**
 * A memo not attached to anything in particular (NVivo's standalone memo). Each gets its own target
 * id, so a project can hold many and `memoFor` still finds exactly one.
 */
export async function createProjectMemo(project: OpenProject, content: { title: string; body: string }): Promise<MemoRecord> {
  return writeChanges(project.db, project.ctx, "Created memo", (w) =>
    w.create<MemoRecord>("memos", {
      targetKind: "project",
      targetId: newId(),
      title: content.title,
      body: content.body,
      authorId: project.ctx.coderId,
    }),
  );
}

/** What a memo is attached to, in words, for the memo list. `name` is null when the target was deleted. */
export interface MemoTargetInfo {
  kind: MemoTargetKind;
  id: string;
  name: string | null;
  /** For a coding memo: the source the coding is in (to open it). */
  sourceId: SourceId | null;
}

export interface MemoRow {
  memo: MemoRecord;
  target: MemoTargetInfo;
  author: { name: string; initials: string } | null;
}

/** Every live memo with what it is attached to and who wrote it: one read of each table involved. */
export async function listMemoRows(project: OpenProject): Promise<MemoRow[]> {
  const { db } = project;
  const [memos, sources, codes, cases, coders] = await Promise.all([
    listMemos(project),
    db.sources.toArray(),
    db.codes.toArray(),
    db.cases.toArray(),
    db.coders.toArray(),
  ]);
  const codingIds = memos.filter((m) => m.targetKind === "coding").map((m) => m.targetId);
  const codings = codingIds.length ? await db.codings.bulkGet(codingIds) : [];
  const live = <T extends { id: string; deleted: boolean }>(rows: T[]) => new Map(rows.filter(isLive).map((r) => [r.id, r]));
  const sourceById = live(sources);
  const caseById = live(cases);
  const codeIndex = indexCodes(codes);
  const codingById = new Map(codings.flatMap((c) => (c && !c.deleted ? [[c.id, c] as const] : [])));
  const coderById = new Map(coders.map((c) => [c.id, c]));
  const codeName = (id: string) => (codeIndex.byId.has(id) ? codePath(codeIndex, id, " / ") : null);

  return memos.map((memo) => {
    const { targetKind: kind, targetId: id } = memo;
    let name: string | null = null;
    let sourceId: SourceId | null = null;
    switch (kind) {
      case "project":
        name = "Project";
        break;
      case "source":
        name = sourceById.get(id)?.name ?? null;
        sourceId = sourceById.has(id) ? id : null;
        break;
      case "code":
        name = codeName(id);
        break;
      case "case":
        name = caseById.get(id)?.name ?? null;
        break;
      case "coding": {
        const coding = codingById.get(id);
        const source = coding ? sourceById.get(coding.sourceId) : undefined;
        const code = coding ? codeName(coding.codeId) : null;
        if (coding && source && code) {
          name = `${code} in ${source.name}`;
          sourceId = source.id;
        }
        break;
      }
    }
    const coder = coderById.get(memo.authorId);
    return { memo, target: { kind, id, name, sourceId }, author: coder ? { name: coder.name, initials: coder.initials } : null };
  });
}

/** Memos whose title or text contains `query` (case, accents and markup ignored), newest change first. */
export async function searchMemos(project: OpenProject, query: string, kind: MemoTargetKind | null = null): Promise<MemoRecord[]> {
  const filter = { query: foldMemoQuery(query), kind };
  return (await listMemos(project)).filter((m) => memoMatches({ searchText: memoSearchText(m.title, m.body), kind: m.targetKind }, filter));
}

export interface LinkTargetInfo {
  /** False when the linked source, code, coding, case or memo was deleted. */
  exists: boolean;
  name: string;
  /** The source to open: the source itself, or the source a coding is in. */
  sourceId: SourceId | null;
  /** A coding's place in its source. */
  range: { start: number; end: number } | null;
}

/** What a margin: link in a memo points at, for showing and following it. */
export async function describeLinkTarget(project: OpenProject, target: MemoLinkTarget): Promise<LinkTargetInfo> {
  const { db } = project;
  const missing: LinkTargetInfo = { exists: false, name: `deleted ${target.kind}`, sourceId: null, range: null };
  const live = liveOrUndefined;
  switch (target.kind) {
    case "source": {
      const source = live(await db.sources.get(target.id));
      return source ? { exists: true, name: source.name, sourceId: source.id, range: null } : missing;
    }
    case "code": {
      const code = live(await db.codes.get(target.id));
      return code ? { exists: true, name: code.name, sourceId: null, range: null } : missing;
    }
    case "case": {
      const kase = live(await db.cases.get(target.id));
      return kase ? { exists: true, name: kase.name, sourceId: null, range: null } : missing;
    }
    case "memo": {
      const memo = live(await db.memos.get(target.id));
      return memo ? { exists: true, name: memo.title || "Untitled memo", sourceId: null, range: null } : missing;
    }
    case "coding": {
      const coding = live(await db.codings.get(target.id));
      const source = coding ? live(await db.sources.get(coding.sourceId)) : undefined;
      if (!coding || !source) return missing;
      const code = live(await db.codes.get(coding.codeId));
      return {
        exists: true,
        name: `${code?.name ?? "coding"} in ${source.name}`,
        sourceId: source.id,
        range: { start: coding.start, end: coding.end },
      };
    }
  }
}

/** A coding's annotation (its note), listed with the memos linked to codings. */
export interface CodingAnnotationRow {
  codingId: CodingId;
  note: string;
  /** "Code path in Source name". */
  name: string;
  sourceId: SourceId;
  range: { start: number; end: number };
  author: string | null;
}

/** Every live coding with an annotation, in a live source and code, newest change first. */
export async function listCodingAnnotations(project: OpenProject): Promise<CodingAnnotationRow[]> {
  const { db } = project;
  const [annotated, sources, codes, coders] = await Promise.all([
    db.codings.filter((c) => !c.deleted && c.note.trim() !== "").toArray(),
    db.sources.toArray(),
    db.codes.toArray(),
    db.coders.toArray(),
  ]);
  const sourceById = new Map(sources.filter(isLive).map((s) => [s.id, s]));
  const codeIndex = indexCodes(codes);
  const coderById = new Map(coders.map((c) => [c.id, c.name]));
  return annotated
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
    .flatMap((c) => {
      const source = sourceById.get(c.sourceId);
      if (!source || !codeIndex.byId.has(c.codeId)) return [];
      return [
        {
          codingId: c.id,
          note: c.note.trim(),
          name: `${codePath(codeIndex, c.codeId, " / ")} in ${source.name}`,
          sourceId: source.id,
          range: { start: c.start, end: c.end },
          author: coderById.get(c.coderId) ?? null,
        },
      ];
    });
}
