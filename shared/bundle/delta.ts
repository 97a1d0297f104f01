/**
 * Delta selection: "only changes since my last exchange". The renderer remembers, per team member, the
 * highest HLC stamp it exported to or imported from them; this picks the records stamped after it.
 */
import type { ProjectTables } from "../model/tables";
import type { RecordMeta, SourceRecord } from "../model/records";

/**
 * Records with `updatedAt > since` (tombstones included, so deletions travel), plus the content of every
 * such source (content has no stamp of its own: it is immutable and travels with its source).
 * `since === null` returns everything.
 *
 * Also included, without their content: the source rows that changed codings and memos point at, so
 * the receiver can match them by content hash (the receiver may know that transcript under its own id).
 *
 * `alsoIds`: ids of records this replica changed after `since` in its own time, whatever their stamps,
 * from the journal — above all records merged in from a third coder, which keep that coder's older
 * stamps and would otherwise be missed by a stamp-only delta.
 */
export function selectDelta(tables: ProjectTables, since: string | null, alsoIds?: ReadonlySet<string>): ProjectTables {
  const newer = <T extends RecordMeta>(rows: T[]): T[] =>
    since === null ? rows.slice() : rows.filter((r) => r.updatedAt > since || (alsoIds?.has(r.id) ?? false));
  const sources = newer(tables.sources);
  const ids = new Set(sources.map((s) => s.id));
  const delta: ProjectTables = {
    sources,
    sourceContent: tables.sourceContent.filter((c) => ids.has(c.id)),
    codes: newer(tables.codes),
    codings: newer(tables.codings),
    memos: newer(tables.memos),
    cases: newer(tables.cases),
    attributes: newer(tables.attributes),
    coders: newer(tables.coders),
    savedSearches: newer(tables.savedSearches),
    speakers: newer(tables.speakers),
    casePassages: newer(tables.casePassages),
  };
  return withReferencedSources(delta, tables.sources);
}

/**
 * Adds (without content) the source rows that a delta's codings, case passages and source memos point at but the
 * delta lacks, taken from `allSources`. Without them a receiver that knows the transcript under its own
 * id (matched by content hash) cannot re-point those codings. selectDelta does this itself; a delta
 * built another way (e.g. from the journal) should go through it before writeBundle.
 */
export function withReferencedSources(delta: ProjectTables, allSources: readonly SourceRecord[]): ProjectTables {
  const have = new Set(delta.sources.map((s) => s.id));
  const referenced = new Set<string>();
  for (const c of delta.codings) if (!have.has(c.sourceId)) referenced.add(c.sourceId);
  for (const m of delta.memos) if (m.targetKind === "source" && !have.has(m.targetId)) referenced.add(m.targetId);
  for (const p of delta.casePassages) if (!have.has(p.sourceId)) referenced.add(p.sourceId);
  if (referenced.size === 0) return delta;
  return { ...delta, sources: [...delta.sources, ...allSources.filter((s) => referenced.has(s.id))] };
}

/** Lowest and highest `updatedAt` over every stamped record (null when there are none). */
export function stampRange(tables: ProjectTables): { from: string | null; to: string | null } {
  let from: string | null = null;
  let to: string | null = null;
  const visit = (rows: readonly RecordMeta[]) => {
    for (const r of rows) {
      if (from === null || r.updatedAt < from) from = r.updatedAt;
      if (to === null || r.updatedAt > to) to = r.updatedAt;
    }
  };
  visit(tables.sources);
  visit(tables.codes);
  visit(tables.codings);
  visit(tables.memos);
  visit(tables.cases);
  visit(tables.attributes);
  visit(tables.coders);
  visit(tables.savedSearches);
  visit(tables.speakers);
  visit(tables.casePassages);
  return { from, to };
}
