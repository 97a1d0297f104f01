/**
 * Searching the code checklist: rows whose name matches, plus the codes above them (shown as
 * context) so a researcher always sees where a matching code sits. Pure.
 */
import { foldForSearch } from "../sources/listing";

export interface TreeRow {
  depth: number;
  name: string;
}

/**
 * Filters tree-ordered rows (parents before children, as flattenTree gives them). Each kept row says
 * whether it matched or is only there as the ancestor of a match. An empty query keeps every row.
 */
export function searchCodeRows<T extends TreeRow>(rows: readonly T[], query: string): { row: T; context: boolean }[] {
  const needle = foldForSearch(query.trim());
  if (!needle) return rows.map((row) => ({ row, context: false }));
  const state = new Array<"hidden" | "match" | "context">(rows.length).fill("hidden");
  // The path from the top level to the current row: a match marks every row on it as context.
  const path: number[] = [];
  rows.forEach((row, i) => {
    while (path.length > 0 && (rows[path[path.length - 1] as number] as T).depth >= row.depth) path.pop();
    if (foldForSearch(row.name).includes(needle)) {
      state[i] = "match";
      for (const a of path) if (state[a] === "hidden") state[a] = "context";
    }
    path.push(i);
  });
  return rows.flatMap((row, i) => (state[i] === "hidden" ? [] : [{ row, context: state[i] === "context" }]));
}
