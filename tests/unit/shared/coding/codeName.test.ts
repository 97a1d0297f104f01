import { describe, expect, it } from "vitest";
import { cleanCodeName, MAX_CODE_NAME, normaliseCodeName, placeNewCode, refuseTakenCodeName } from "../../../../shared/coding/codeName";
import type { TreeCode } from "../../../../shared/coding/codeTree";

function code(id: string, parentId: string | null, order: number, name = id): TreeCode {
  return { id, parentId, name, order, isCategory: false, deleted: false };
}

/** Technology (Usability, Access), Staff. */
const CODES: TreeCode[] = [
  code("tech", null, 0, "Technology"),
  code("staff", null, 3, "Staff"),
  code("usability", "tech", 0, "Usability"),
  code("access", "tech", 4, "Access"),
];

describe("a code's name (one rule for the codebook and for codes made while coding)", () => {
  it("collapses white space and trims the ends", () => {
    expect(normaliseCodeName("  Trust \n in\tstaff  ")).toBe("Trust in staff");
    expect(cleanCodeName("  Trust \n in\tstaff  ")).toBe("Trust in staff");
  });

  it("refuses an empty name and one over the limit, saying why", () => {
    expect(() => cleanCodeName(" \n\t ")).toThrow("A code needs a name.");
    expect(cleanCodeName("x".repeat(MAX_CODE_NAME))).toHaveLength(MAX_CODE_NAME);
    expect(() => cleanCodeName("x".repeat(MAX_CODE_NAME + 1))).toThrow(`Keep code names under ${MAX_CODE_NAME} characters.`);
    // The limit counts the saved name, not the spaces around it.
    expect(cleanCodeName(`  ${"x".repeat(MAX_CODE_NAME)}  `)).toHaveLength(MAX_CODE_NAME);
  });

  it("refuses a sibling's name, ignoring case and spacing, but not a cousin's or the code's own", () => {
    expect(() => refuseTakenCodeName(CODES, "tech", " usability ")).toThrow("There is already a code called “ usability ” there.");
    expect(() => refuseTakenCodeName(CODES, null, "Usability")).not.toThrow();
    expect(() => refuseTakenCodeName(CODES, "tech", "Usability", "usability")).not.toThrow();
  });

  it("places a new code after its siblings", () => {
    expect(placeNewCode(CODES, "tech", "Cost")).toBe(5);
    expect(placeNewCode(CODES, null, "Patients")).toBe(4);
    expect(placeNewCode(CODES, "usability", "Fonts")).toBe(0);
  });

  it("refuses a new code whose parent is gone or whose name a sibling has", () => {
    expect(() => placeNewCode(CODES, "gone", "Cost")).toThrow("The parent code no longer exists.");
    expect(() => placeNewCode(CODES, null, "STAFF")).toThrow("There is already a code called “STAFF” there.");
  });
});
