/**
 * Filtering sources by their cases, for the sources list ("sources of participants whose role is Nurse").
 */
import type { AttributeValue, CaseRecord, SourceRecord } from "../model/records";
import { nameKey } from "./values";

export interface CaseFilter {
  /** Keep sources linked to any of these cases. */
  caseIds?: readonly string[];
  /** Keep sources linked to a case whose attribute has this value (null: the case has no value). */
  attribute?: { attributeId: string; value: AttributeValue };
}

function sameValue(a: AttributeValue | undefined, b: AttributeValue): boolean {
  if (a === undefined || a === null) return b === null;
  if (b === null) return false;
  // Text and categories compare the way names do; a number matches its text form ("42" finds 42).
  return typeof a === "number" || typeof b === "number" ? String(a) === String(b) : nameKey(a) === nameKey(b);
}

/** Whether a case passes the filter's attribute condition (a filter without one passes every case). */
export function caseMatchesFilter(c: Pick<CaseRecord, "id" | "values">, filter: CaseFilter): boolean {
  if (filter.caseIds && !filter.caseIds.includes(c.id)) return false;
  if (filter.attribute && !sameValue(c.values[filter.attribute.attributeId], filter.attribute.value)) return false;
  return true;
}

/**
 * Whether a source passes a case filter: it is linked to at least one live case that passes.
 * `cases` holds live cases by id (tombstoned cases must be left out by the caller).
 * An empty filter passes every source, including those with no case.
 */
export function sourceMatchesCaseFilter(
  source: Pick<SourceRecord, "caseIds">,
  filter: CaseFilter,
  cases: ReadonlyMap<string, Pick<CaseRecord, "id" | "values">>,
): boolean {
  if (!filter.caseIds && !filter.attribute) return true;
  return source.caseIds.some((id) => {
    const c = cases.get(id);
    return c !== undefined && caseMatchesFilter(c, filter);
  });
}
