import { describe, expect, it } from "vitest";
import { bundleFileName } from "../../../../shared/bundle";
import { FILE_NAME_MAX_LENGTH } from "../../../../shared/text/fileName";

const now = new Date("2026-12-07T19:30:00.000Z");

describe("bundleFileName", () => {
  it("is the project's name and the day, as a .margin file", () => {
    expect(bundleFileName("GDE evaluation", now)).toBe("GDE evaluation 2026-12-07.margin");
  });

  it("turns what no file system accepts into spaces and collapses white space (the one rule: shared/text/fileName.ts)", () => {
    expect(bundleFileName(' Ward <A>: "night"/day\\shift | 1? * \u0007  team ', now)).toBe(
      "Ward A night day shift 1 team 2026-12-07.margin",
    );
  });

  it("keeps at most FILE_NAME_MAX_LENGTH characters of the name, and names a nameless project", () => {
    expect(bundleFileName("x".repeat(200), now)).toBe(`${"x".repeat(FILE_NAME_MAX_LENGTH)} 2026-12-07.margin`);
    expect(bundleFileName(' <>:"/\\|?* ', now)).toBe("project 2026-12-07.margin");
  });
});
