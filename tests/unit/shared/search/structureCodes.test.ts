/** Heading codes against the codebook (shared/search/structureCodes.ts): tree order, matching by name, the label. */
import { describe, expect, it } from "vitest";
import type { TreeCode } from "../../../../shared/coding/codeTree";
import { structureFromSections } from "../../../../shared/search/autocode";
import type { HeadingSection } from "../../../../shared/search/spread";
import { matchStructureCodes, structureAutocodeLabel } from "../../../../shared/search/structureCodes";

const h = (level: number, title: string, start: number): HeadingSection => ({ blockIndex: 0, level, title, start, end: start + 5 });
const code = (id: string, name: string, parentId: string | null, deleted = false): TreeCode => ({
  id,
  name,
  parentId,
  order: 0,
  isCategory: false,
  deleted,
});

describe("matchStructureCodes", () => {
  it("lists sub-codes under their parent even when first met in a later source, and matches live codes by name", () => {
    const structure = structureFromSections([
      { id: "a", sections: [h(1, "Barriers", 0), h(1, "Benefits", 10)] },
      { id: "b", sections: [h(1, "barriers", 0), h(2, "Staffing", 5), h(2, "Training", 20), h(1, "Benefits", 30)] },
    ]);
    const codes = [
      code("guide", "Guide", null),
      code("bar", "BARRIERS", "guide"),
      code("staff", "staffing", "bar"),
      code("gone", "Training", "bar", true),
      code("top-benefits", "Benefits", null),
    ];
    const rows = matchStructureCodes(structure, codes, "guide");
    expect(rows.map((r) => [r.depth, r.name, r.existingId, r.sections, r.sources])).toEqual([
      [0, "Barriers", "bar", 2, 2],
      [1, "Staffing", "staff", 1, 1],
      [1, "Training", null, 1, 1],
      [0, "Benefits", null, 2, 2],
    ]);
    // At the top level the top-level Benefits matches, and nothing under a new parent can exist.
    expect(matchStructureCodes(structure, codes, null).map((r) => [r.name, r.existingId])).toEqual([
      ["Barriers", null],
      ["Staffing", null],
      ["Training", null],
      ["Benefits", "top-benefits"],
    ]);
  });

  it("says what was done in the undo label", () => {
    expect(structureAutocodeLabel(1, 1, 1)).toBe("Autocoded by headings (level 1): 1 code, 1 section");
    expect(structureAutocodeLabel(3, 14, 1236)).toBe("Autocoded by headings (levels 1-3): 14 codes, 1,236 sections");
  });
});
