/**
 * The rows the codebook tree shows: the code forest flattened in tree order, minus collapsed
 * subtrees, or, while filtering, the matching codes with their ancestors (all expanded).
 */
import type { CodeRecord } from "../../shared/model/records";
import type { CodeIndex } from "../../shared/coding/codeTree";

export interface TreeRow {
  code: CodeRecord;
  /** 0 for top-level codes. */
  depth: number;
  parentId: string | null;
  hasChildren: boolean;
  expanded: boolean;
  /** 1-based place among its siblings, and how many siblings there are (aria-posinset/setsize). */
  posInSet: number;
  setSize: number;
  /** While filtering: true when the name matched (false for ancestors kept for context). */
  match: boolean;
}

/** Case- and accent-insensitive form for matching ("Zoë" matches "zoe"). */
export function foldForFilter(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

export function visibleRows(index: CodeIndex<CodeRecord>, collapsed: ReadonlySet<string>, filter: string): TreeRow[] {
  const query = foldForFilter(filter.trim());
  let keep: Set<string> | null = null;
  const matches = new Set<string>();
  if (query) {
    keep = new Set<string>();
    for (const code of index.byId.values()) {
      if (!foldForFilter(code.name).includes(query)) continue;
      matches.add(code.id);
      for (let at: string | null = code.id; at !== null && !keep.has(at); at = index.parentOf.get(at) ?? null) keep.add(at);
    }
  }
  const rows: TreeRow[] = [];
  const walk = (parentId: string | null, depth: number) => {
    const siblings = (index.children.get(parentId) ?? []).filter((c) => keep === null || keep.has(c.id));
    siblings.forEach((code, i) => {
      const children = index.children.get(code.id) ?? [];
      const hasChildren = children.length > 0;
      // While filtering every branch with a match below is open: the point is to see where the matches are.
      const expanded = keep === null ? hasChildren && !collapsed.has(code.id) : children.some((c) => keep?.has(c.id));
      rows.push({
        code,
        depth,
        parentId,
        hasChildren,
        expanded,
        posInSet: i + 1,
        setSize: siblings.length,
        match: keep === null || matches.has(code.id),
      });
      if (expanded) walk(code.id, depth + 1);
    });
  };
  walk(null, 0);
  return rows;
}
