/**
 * Delta selection: "only changes since my last exchange". The renderer remembers, per team member, the
 * highest HLC stamp it exported to or imported from them; this picks the records stamped after it.
 */
import type { ProjectTables } from "../model/tables";
import type { RecordMeta } from "../model/records";

/**
 * Records with `updatedAt > since` (tombstones included, so deletions travel), plus the content of every
 * included source (content has no stamp of its own: it is immutable and travels with its source).
 * `since === null` returns everything.
 */
export function selectDelta(tables: ProjectTables, since: string | null): ProjectTables {
  const newer = <T extends RecordMeta>(rows: T[]): T[] => (since === null ? rows.slice() : rows.filter((r) => r.updatedAt > since));
  const sources = newer(tables.sources);
  const ids = new Set(sources.map((s) => s.id));
  return {
    sources,
    sourceContent: tables.sourceContent.filter((c) => ids.has(c.id)),
    codes: newer(tables.codes),
    codings: newer(tables.codings),
    memos: newer(tables.memos),
    cases: newer(tables.cases),
    attributes: newer(tables.attributes),
    coders: newer(tables.coders),
  };
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
  return { from, to };
}
