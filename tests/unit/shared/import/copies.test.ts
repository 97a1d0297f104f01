import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { originalName, originalsFirst } from "../../../../shared/import/copies";

describe("telling an original from its copy by file name", () => {
  it.each([
    ["GDE_SiteA_P01 (copy).docx", "gde_sitea_p01", true],
    ["GDE_SiteA_P01 - Copy.docx", "gde_sitea_p01", true],
    ["GDE_SiteA_P01 - Copy (2).docx", "gde_sitea_p01", true],
    ["GDE_SiteA_P01 copy 2.docx", "gde_sitea_p01", true],
    ["GDE_SiteA_P01 copy.docx", "gde_sitea_p01", true],
    ["GDE_SiteA_P01 (1).docx", "gde_sitea_p01", true],
    ["GDE_SiteA_P01.docx", "gde_sitea_p01", false],
    ["Copy of notes.txt", "copy of notes", false],
  ])("%s", (name, stem, isCopy) => {
    expect(originalName(name)).toEqual({ stem, isCopy });
  });

  it("writes the original before its copy, and keeps the pick order otherwise", () => {
    expect(originalsFirst(["P01 (copy).txt", "P02.txt", "P01.txt"])).toEqual([1, 2, 0]);
    expect(originalsFirst(["P01.txt", "P02.txt", "P01 (copy).txt", "P03.txt"])).toEqual([0, 1, 2, 3]);
    expect(originalsFirst(["A.txt", "B.txt", "C.txt"])).toEqual([0, 1, 2]);
  });

  it("is a permutation of the batch", () => {
    const name = fc
      .constantFrom("P01", "P02", "P03")
      .chain((b) => fc.constantFrom(`${b}.txt`, `${b} (copy).txt`, `${b} - Copy.txt`, `${b} (1).txt`));
    fc.assert(
      fc.property(fc.array(name, { maxLength: 12 }), (names) => {
        expect([...originalsFirst(names)].sort((a, b) => a - b)).toEqual(names.map((_, i) => i));
      }),
    );
  });
});
