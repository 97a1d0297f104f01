/**
 * The reads the corpus worker (renderer/search/corpus.worker.ts) makes. The worker opens the project's
 * database itself, read-only in practice, so transcripts go from IndexedDB to the worker without
 * crossing the main thread.
 */
import { isLive, type Live } from "../../shared/model/live";
import type { CaseRecord, CodingRecord, MemoRecord, SourceContentRecord, SourceRecord } from "../../shared/model/records";
import { ProjectDatabase } from "./projectDb";

/** The project's database for reading in a worker (a connection of its own). */
export function openCorpusDatabase(projectId: string): ProjectDatabase {
  return new ProjectDatabase(projectId);
}

export async function readLiveSources(db: ProjectDatabase): Promise<Live<SourceRecord>[]> {
  return (await db.sources.toArray()).filter(isLive);
}

export async function readLiveCases(db: ProjectDatabase): Promise<Live<CaseRecord>[]> {
  return (await db.cases.toArray()).filter(isLive);
}

/** Every live coding (the coding scope, annotations): one getAll, filtered in JS. */
export async function readLiveCodings(db: ProjectDatabase): Promise<Live<CodingRecord>[]> {
  return (await db.codings.toArray()).filter(isLive);
}

export async function readLiveMemos(db: ProjectDatabase): Promise<Live<MemoRecord>[]> {
  return (await db.memos.toArray()).filter(isLive);
}

/** Contents of the given sources, in order; a missing one is undefined. */
export async function readSourceContents(db: ProjectDatabase, ids: readonly string[]): Promise<(SourceContentRecord | undefined)[]> {
  return db.sourceContent.bulkGet([...ids]);
}
