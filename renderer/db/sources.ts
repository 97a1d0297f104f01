import type { ConvertedSource } from "../../shared/import/types";
import { sourceContentFrom } from "../../shared/import/content";
import type { CaseRecord, MemoRecord, SourceContentRecord, SourceKind, SourceRecord } from "../../shared/model/records";
import { writeChanges, type ChangeWriter } from "./changes";
import { currentTally } from "./codingTally";
import { cleanName, nameKey } from "../../shared/cases/values";
import type { OpenProject } from "./projects";
import { setProjectSourceCount } from "./projects";
import { isLive, liveOrUndefined, type Live } from "../../shared/model/live";
import type { CaseId, SourceId } from "../../shared/ids";

/** What the converter produced (shared/import). */
export type ConvertedForStorage = ConvertedSource;

export type AddSourceResult =
  { status: "imported"; source: SourceRecord } | { status: "duplicate"; existing: Pick<SourceRecord, "id" | "name"> };

export function sourceNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.(docx|txt)$/i, "").trim() || base;
}

/**
 * Adds one converted file as a source: the list row, its content and the journal entry land in ONE
 * transaction, or nothing does. A file whose text is already in the project is reported as a duplicate.
 */
export async function addConvertedSource(
  project: OpenProject,
  converted: ConvertedForStorage,
  options: { kind: SourceKind; caseIds?: string[]; caseNames?: string[]; name?: string; batch?: { id: string; label: string } },
): Promise<AddSourceResult> {
  const { db, ctx } = project;
  const result = await writeChanges(
    db,
    ctx,
    `Imported ${converted.fileName}`,
    async (w): Promise<AddSourceResult> => {
      const same = await db.sources.where("contentHash").equals(converted.contentHash).filter(isLive).first();
      if (same) return { status: "duplicate", existing: { id: same.id, name: same.name } };
      // Cases named at import are found or created in the same transaction as the source.
      const caseIds = [...(options.caseIds ?? [])];
      for (const caseName of options.caseNames ?? []) caseIds.push(await findOrCreateCase(w, db, caseName));
      const source = await w.create<SourceRecord>("sources", {
        name: options.name ?? sourceNameFromFile(converted.fileName),
        kind: options.kind,
        fileName: converted.fileName,
        format: converted.format,
        importedAt: ctx.now().toISOString(),
        charCount: converted.charCount,
        wordCount: converted.wordCount,
        contentHash: converted.contentHash,
        caseIds: [...new Set(caseIds)],
        memo: "",
      });
      const content = sourceContentFrom(source.id, converted);
      await db.sourceContent.add(content);
      return { status: "imported", source };
    },
    "change",
    options.batch,
  );
  return result;
}

async function findOrCreateCase(w: ChangeWriter, db: OpenProject["db"], name: string): Promise<string> {
  const clean = cleanName(name);
  const existing = await db.cases.filter((c) => !c.deleted && nameKey(c.name) === nameKey(clean)).first();
  if (existing) return existing.id;
  const created = await w.create<CaseRecord>("cases", { name: clean, description: "", values: {} });
  return created.id;
}

/** Keeps the home screen's source count in step after an import or delete. */
export async function refreshSourceCount(project: OpenProject): Promise<number> {
  const count = await countSources(project);
  await setProjectSourceCount(project.entry.id, count);
  return count;
}

/**
 * Every live source row (list-sized: no text). 1,000 rows is a few hundred KB. One getAll and a
 * filter in JS: Dexie's table-level filter() walks a cursor row by row, many times slower.
 */
export async function listSources(project: OpenProject): Promise<Live<SourceRecord>[]> {
  return (await project.db.sources.toArray()).filter(isLive);
}

/** Live source count for the navigator (one getAll of the list-sized rows). */
export async function countSources(project: OpenProject): Promise<number> {
  return (await listSources(project)).length;
}

export async function getSource(project: OpenProject, id: SourceId): Promise<Live<SourceRecord> | undefined> {
  const source = await project.db.sources.get(id);
  return liveOrUndefined(source);
}

export async function getSourceContent(project: OpenProject, id: SourceId): Promise<SourceContentRecord | undefined> {
  return project.db.sourceContent.get(id);
}

export async function renameSource(project: OpenProject, id: SourceId, name: string): Promise<void> {
  const clean = name.replace(/\s+/g, " ").trim();
  if (!clean) throw new Error("A source needs a name.");
  await writeChanges(project.db, project.ctx, "Renamed source", (w) => w.update<SourceRecord>("sources", id, { name: clean }));
}

export async function setSourceKind(project: OpenProject, ids: string[], kind: SourceKind): Promise<void> {
  await writeChanges(
    project.db,
    project.ctx,
    ids.length > 1 ? `Changed kind of ${ids.length} sources` : "Changed source kind",
    async (w) => {
      for (const id of ids) await w.update<SourceRecord>("sources", id, { kind });
    },
  );
}

/**
 * The source memo's text. It lives in the memos table (so it shows in the Memos view and its search);
 * projects from before that kept it on the source row, which is read until the first save moves it.
 */
export async function sourceMemoText(project: OpenProject, source: SourceRecord): Promise<string> {
  return (await sourceMemo(project, source)).body;
}

/** The source memo's text, title and version (updatedAt; "" while it is only the legacy field). */
export async function sourceMemo(project: OpenProject, source: SourceRecord): Promise<{ body: string; title: string; updatedAt: string }> {
  const memos = await project.db.memos.where("[targetKind+targetId]").equals(["source", source.id]).toArray();
  const memo = memos.find(isLive);
  return memo
    ? { body: memo.body, title: memo.title, updatedAt: memo.updatedAt }
    : { body: source.memo, title: source.name, updatedAt: "" };
}

/** Saves the source memo; returns the memo's new version (updatedAt). */
export async function setSourceMemo(project: OpenProject, id: SourceId, text: string): Promise<string> {
  return writeChanges(project.db, project.ctx, "Edited source memo", async (w) => {
    const source = await project.db.sources.get(id);
    if (!source || source.deleted) throw new Error("That source no longer exists.");
    const memos = await project.db.memos.where("[targetKind+targetId]").equals(["source", id]).toArray();
    const memo = memos.find(isLive);
    const saved = memo
      ? await w.update<MemoRecord>("memos", memo.id, { body: text })
      : await w.create<MemoRecord>("memos", {
          targetKind: "source",
          targetId: id,
          title: source.name,
          body: text,
          authorId: project.ctx.coderId,
        });
    // The legacy field moves into the memo, in the same transaction.
    if (source.memo) await w.update<SourceRecord>("sources", id, { memo: "" });
    return saved.updatedAt;
  });
}

export async function setSourceCases(project: OpenProject, id: SourceId, caseIds: CaseId[]): Promise<void> {
  await writeChanges(project.db, project.ctx, "Changed source cases", (w) =>
    w.update<SourceRecord>("sources", id, { caseIds: [...new Set(caseIds)] }),
  );
}

/** Tombstones sources (their content stays, so undo brings them back whole). Returns the batch id. */
export async function deleteSources(project: OpenProject, ids: string[]): Promise<string> {
  const batch = await writeChanges(
    project.db,
    project.ctx,
    ids.length > 1 ? `Deleted ${ids.length} sources` : "Deleted source",
    async (w) => {
      for (const id of ids) await w.remove<SourceRecord>("sources", id);
      return w.batchId;
    },
  );
  await refreshSourceCount(project);
  return batch;
}

/** Live codings per source, from the counts kept up to date from the journal (codingTally.ts). */
export async function codingCountsBySource(project: OpenProject): Promise<Map<string, number>> {
  return new Map((await currentTally(project.db)).perSource);
}
