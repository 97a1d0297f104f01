/**
 * Autocode by headings (issue 16 item 4): which of the heading codes (./autocode.ts
 * planStructureAutocode) the codebook already has, and the preview's tree. A heading code exists when
 * its parent exists (or is the chosen parent) and has a live child of the same name, compared as the
 * codebook compares names (nameKey: case and spacing ignored); otherwise Apply creates it, with its
 * sub-codes, under the chosen parent code or at the top level.
 */
import { indexCodes, nameKey, type TreeCode } from "../coding/codeTree";
import { plural } from "../text/plural";
import type { StructureCode } from "./autocode";

export interface StructureCodeRow {
  key: string;
  path: readonly string[];
  /** The code's own name (the last heading of its path). */
  name: string;
  /** 0 directly under the chosen parent. */
  depth: number;
  /** The live code it matches, or null: Apply creates it. */
  existingId: string | null;
  /** Sections to code, and the sources they are in. */
  sections: number;
  sources: number;
}

/**
 * The heading codes in tree order (each followed by its sub-codes, in the order first met), each
 * matched against the live `codes` under `parentId` (null: the top level).
 */
export function matchStructureCodes(
  structure: readonly StructureCode[],
  codes: readonly TreeCode[],
  parentId: string | null,
): StructureCodeRow[] {
  const index = indexCodes(codes);
  const childrenOf = new Map<string | null, StructureCode[]>();
  for (const code of structure) {
    const list = childrenOf.get(code.parentKey);
    if (list) list.push(code);
    else childrenOf.set(code.parentKey, [code]);
  }
  const rows: StructureCodeRow[] = [];
  const visit = (parentKey: string | null, matchedParent: string | null | undefined, depth: number) => {
    for (const code of childrenOf.get(parentKey) ?? []) {
      const name = code.path[code.path.length - 1] ?? "";
      // undefined: the parent is new, so nothing under it can exist yet.
      const existing =
        matchedParent === undefined ? undefined : (index.children.get(matchedParent) ?? []).find((c) => nameKey(c.name) === nameKey(name));
      let sections = 0;
      for (const list of code.sections.values()) sections += list.length;
      rows.push({ key: code.key, path: code.path, name, depth, existingId: existing?.id ?? null, sections, sources: code.sections.size });
      visit(code.key, existing?.id, depth + 1);
    }
  };
  visit(null, parentId, 0);
  return rows;
}

/** "Autocoded by headings (levels 1-2): 14 codes, 236 sections" (the undo label and audit line). */
export function structureAutocodeLabel(maxLevel: number, codes: number, sections: number): string {
  const levels = maxLevel <= 1 ? "level 1" : `levels 1-${maxLevel}`;
  return `Autocoded by headings (${levels}): ${plural(codes, "code")}, ${plural(sections, "section")}`;
}
