import type { JournalEntry } from "../../shared/model/records";
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
