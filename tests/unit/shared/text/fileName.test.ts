import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FILE_NAME_MAX_LENGTH, safeFileName } from "../../../../shared/text/fileName";

describe("safeFileName, the one file-name sanitiser", () => {
  it("turns characters Windows refuses, and control characters, into single spaces", () => {
    expect(safeFileName("Code report: Technology/Usability", "Report")).toBe("Code report Technology Usability");
    expect(safeFileName('a\u0001b<>|?*"', "Report")).toBe("a b");
    expect(safeFileName("Ward\t7\\\nnotes", "Project")).toBe("Ward 7 notes");
  });

  it("falls back when nothing usable is left", () => {
    expect(safeFileName("  ", "Project")).toBe("Project");
    expect(safeFileName(':*?"<>|', "Coded segments")).toBe("Coded segments");
  });

  it("cuts to the one limit unless a caller gives another", () => {
    expect(safeFileName("x".repeat(500), "P")).toHaveLength(FILE_NAME_MAX_LENGTH);
    expect(safeFileName("x".repeat(500), "P", 80)).toHaveLength(80);
  });

  it("never returns a forbidden character, a control character or an empty name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const name = safeFileName(text, "Project");
        expect(name.length).toBeGreaterThan(0);
        expect(name.length).toBeLessThanOrEqual(FILE_NAME_MAX_LENGTH);
        expect([...name].some((c) => c < " " || '\\/:*?"<>|'.includes(c))).toBe(false);
      }),
    );
  });
});
