import { describe, expect, it } from "vitest";
import { bundleFileName } from "../../../shared/bundle";

const now = new Date("2026-12-07T19:30:00.000Z");

describe("bundleFileName", () => {
  it("is the project's name and the day, as a .margin file", () => {
    expect(bundleFileName("GDE evaluation", now)).toBe("GDE evaluation 2026-12-07.margin");
  });

  it("drops what no file system accepts and collapses white space", () => {
    expect(bundleFileName(' Ward <A>: "night"/day\\shift | 1? * \u0007  team ', now)).toBe("Ward A nightdayshift 1 team 2026-12-07.margin");
  });

  it("keeps at most 80 characters of the name, and names a nameless project", () => {
    expect(bundleFileName("x".repeat(200), now)).toBe(`${"x".repeat(80)} 2026-12-07.margin`);
    expect(bundleFileName(' <>:"/\\|?* ', now)).toBe("project 2026-12-07.margin");
  });
});
