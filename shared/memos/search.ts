import type { MemoTargetKind } from "../model/records";
import { foldForSearch } from "../sources/listing";

/**
 * Memo search: title and body, ignoring case, accents and memo markup (so "**shadow** charting"
 * is found by "shadow charting", and link addresses are not searched).
 */
function stripMarkup(text: string): string {
  return text
    .replace(/\]\([^()\s]*\)/g, "]")
    .replace(/^[ \t]*(?:#{1,3}|[-+*]|\d{1,9}[.)])[ \t]+/gm, "")
    .replace(/[\\*_[\]]/g, "")
    .replace(/\s+/g, " ");
}

/** Build once per memo and keep: searching 5,000 memos is then a substring test each. */
export function memoSearchText(title: string, body: string): string {
  return foldForSearch(stripMarkup(`${title}\n${body}`));
}

export function foldMemoQuery(query: string): string {
  return foldForSearch(stripMarkup(query)).trim();
}

export interface MemoFilter {
  /** Folded with foldMemoQuery. */
  query: string;
  kind: MemoTargetKind | null;
}

export function memoMatches(item: { searchText: string; kind: MemoTargetKind }, filter: MemoFilter): boolean {
  if (filter.kind && item.kind !== filter.kind) return false;
  return !filter.query || item.searchText.includes(filter.query);
}
