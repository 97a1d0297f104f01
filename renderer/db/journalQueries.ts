import type { CoderRecord, JournalEntry } from "../../shared/model/records";
import type { OpenProject } from "./projects";

export interface JournalQuery {
  coderId?: string | null;
  /** ISO dates, inclusive. */
  from?: string | null;
  to?: string | null;
  limit: number;
  /** Entries with seq below this (paging backwards from the newest). */
  beforeSeq?: number | null;
}

/** The audit trail, newest first, a page at a time (the journal grows without bound). */
export async function listJournal(project: OpenProject, query: JournalQuery): Promise<JournalEntry[]> {
  let collection = project.db.journal.orderBy("seq").reverse();
  if (query.beforeSeq != null) {
    const before = query.beforeSeq;
    collection = project.db.journal.where("seq").below(before).reverse();
  }
  const fromMs = query.from ? Date.parse(`${query.from}T00:00:00`) : null;
  const toMs = query.to ? Date.parse(`${query.to}T23:59:59.999`) : null;
  return collection
    .filter((e) => {
      if (query.coderId && e.coderId !== query.coderId) return false;
      const ms = Number(e.at.slice(0, 13));
      if (fromMs !== null && ms < fromMs) return false;
      if (toMs !== null && ms > toMs) return false;
      return true;
    })
    .limit(query.limit)
    .toArray();
}

/** Everyone who has written to this project (coders are never deleted: the trail names them all). */
export async function listCodersInTrail(project: OpenProject): Promise<CoderRecord[]> {
  const coders = await project.db.coders.toArray();
  return coders.sort((a, b) => a.name.localeCompare(b.name));
}

/** The whole filtered trail, newest first, read a page at a time (for export). */
export async function listWholeJournal(
  project: OpenProject,
  query: Omit<JournalQuery, "limit" | "beforeSeq">,
  pageSize = 2000,
): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  let beforeSeq: number | null = null;
  for (;;) {
    const page: JournalEntry[] = await listJournal(project, { ...query, limit: pageSize, beforeSeq });
    out.push(...page);
    const last = page.at(-1);
    if (page.length < pageSize || last?.seq == null) return out;
    beforeSeq = last.seq;
  }
}

export interface RecordNames {
  codes: ReadonlyMap<string, string>;
  sources: ReadonlyMap<string, string>;
  cases: ReadonlyMap<string, string>;
}

/** Names of every code, source and case ever made, deleted ones too: the trail still mentions them. */
export async function listRecordNames(project: OpenProject): Promise<RecordNames> {
  const { db } = project;
  const [codes, sources, cases] = await Promise.all([db.codes.toArray(), db.sources.toArray(), db.cases.toArray()]);
  const names = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { codes: names(codes), sources: names(sources), cases: names(cases) };
}

/** The journal's last entry number (0 when empty): a read made before it changed is out of date. */
export async function lastJournalSeq(project: OpenProject): Promise<number> {
  return ((await project.db.journal.orderBy("seq").lastKey()) as number | undefined) ?? 0;
}
