import type { AttributeValue, CaseRecord, SourceKind, SourceRecord } from "../model/records";
import type { CaseId } from "../ids";

export type SourceSortKey = "name" | "kind" | "cases" | "words" | "codings" | "imported";
export type SortDirection = "ascending" | "descending";

export interface SourceFilter {
  /** Type-ahead over source names (and file names); case- and accent-insensitive. */
  search: string;
  kind: SourceKind | null;
  caseId: CaseId | null;
  attribute: { attributeId: string; value: string } | null;
}

export interface SourceListRow {
  source: SourceRecord;
  caseNames: string[];
  codings: number;
}

export const NO_FILTER: SourceFilter = { search: "", kind: null, caseId: null, attribute: null };

/** Folds case and accents so "Zoe" finds "Zoë". */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function valueText(value: AttributeValue | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/** Joins sources with their case names and coding counts, then filters and sorts for the list. */
export function buildSourceRows(
  sources: SourceRecord[],
  cases: CaseRecord[],
  codingCounts: ReadonlyMap<string, number>,
  filter: SourceFilter,
  sort: { key: SourceSortKey; direction: SortDirection },
): SourceListRow[] {
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const needle = foldForSearch(filter.search.trim());
  // "Any value" (empty) does not restrict; a chosen value keeps sources whose cases have it.
  const attributeCases =
    filter.attribute && filter.attribute.value !== ""
      ? new Set(cases.filter((c) => valueText(c.values[filter.attribute?.attributeId ?? ""]) === filter.attribute?.value).map((c) => c.id))
      : null;

  const rows: SourceListRow[] = [];
  for (const source of sources) {
    if (source.deleted) continue;
    if (filter.kind && source.kind !== filter.kind) continue;
    if (filter.caseId && !source.caseIds.includes(filter.caseId)) continue;
    if (attributeCases && !source.caseIds.some((id) => attributeCases.has(id))) continue;
    if (needle && !foldForSearch(source.name).includes(needle) && !foldForSearch(source.fileName).includes(needle)) continue;
    const caseNames = source.caseIds.flatMap((id) => {
      const c = caseById.get(id);
      return c && !c.deleted ? [c.name] : [];
    });
    rows.push({ source, caseNames, codings: codingCounts.get(source.id) ?? 0 });
  }

  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  const compare: Record<SourceSortKey, (a: SourceListRow, b: SourceListRow) => number> = {
    name: (a, b) => collator.compare(a.source.name, b.source.name),
    kind: (a, b) => collator.compare(a.source.kind, b.source.kind),
    cases: (a, b) => collator.compare(a.caseNames.join(", "), b.caseNames.join(", ")),
    words: (a, b) => a.source.wordCount - b.source.wordCount,
    codings: (a, b) => a.codings - b.codings,
    imported: (a, b) => a.source.importedAt.localeCompare(b.source.importedAt),
  };
  const sign = sort.direction === "ascending" ? 1 : -1;
  // Ties fall back to the name so the order is stable and predictable.
  rows.sort((a, b) => sign * compare[sort.key](a, b) || collator.compare(a.source.name, b.source.name));
  return rows;
}
