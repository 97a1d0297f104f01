import { describe, expect, it } from "vitest";
import { inVivoName, isExistingName, searchCodes, type PaletteCode } from "../../../../renderer/coding/paletteSearch";

const code = (id: string, ...path: string[]): PaletteCode => ({ id, name: path[path.length - 1] ?? "", path, colour: "#0072B2" });

// Tree order, as the palette receives them.
const CODES = [
  code("tech", "Technology"),
  code("usab", "Technology", "Usability"),
  code("alerts", "Technology", "Alert fatigue"),
  code("train", "Training"),
  code("trust", "Relationships", "Trust"),
  code("trustw", "Relationships", "Trustworthiness"),
  code("cafe", "Café culture"),
  code("rel", "Relationships"),
];

const ids = (query: string) => searchCodes(CODES, query).map((c) => c.id);

describe("searchCodes", () => {
  it("finds a code by a path: each part a prefix of a level, the last of the code itself", () => {
    expect(ids("Tech/Usab")).toEqual(["usab"]);
    expect(ids("tech / alert")).toEqual(["alerts"]);
    expect(ids("rel/trust")).toEqual(["trust", "trustw"]);
    expect(ids("Usab/Tech")).toEqual([]);
  });

  it("ranks an exact name, then a name prefix, then a word prefix, then a substring, then an ancestor", () => {
    expect(ids("trust")).toEqual(["trust", "trustw"]);
    expect(ids("fatigue")).toEqual(["alerts"]);
    expect(ids("tech")).toEqual(["tech", "usab", "alerts"]);
    expect(ids("ai")).toEqual(["train"]);
    expect(ids("relationships")).toEqual(["rel", "trust", "trustw"]);
  });

  it("ignores case and accents, and an empty query lists everything in order", () => {
    expect(ids("CAFE")).toEqual(["cafe"]);
    expect(ids("  ")).toEqual(CODES.map((c) => c.id));
  });

  it("knows when a typed name is already a code (by name or full path)", () => {
    expect(isExistingName(CODES, "usability")).toBe(true);
    expect(isExistingName(CODES, "Technology/Usability")).toBe(true);
    expect(isExistingName(CODES, "Usab")).toBe(false);
    expect(isExistingName(CODES, "Workload")).toBe(false);
  });
});

describe("inVivoName", () => {
  it("uses the selected words, without surrounding quotes or closing punctuation", () => {
    expect(inVivoName("  “it was chaotic,”  ")).toBe("it was chaotic");
    expect(inVivoName("a recurring\ntheme.")).toBe("a recurring theme");
    expect(inVivoName("(quite frankly)")).toBe("quite frankly");
  });

  it("cuts a long selection at a word boundary near 60 characters", () => {
    const long = "nobody had time to be released for training because the wards were short-staffed every single week";
    const name = inVivoName(long);
    expect(name.length).toBeLessThanOrEqual(61);
    expect(name.endsWith("…")).toBe(true);
    expect(long.startsWith(name.slice(0, -1))).toBe(true);
    expect(name.slice(0, -1)).toBe("nobody had time to be released for training because the");
  });

  it("keeps Arabic and emoji intact", () => {
    expect(inVivoName("قال المريض")).toBe("قال المريض");
    expect(inVivoName("👍🏽 great")).toBe("👍🏽 great");
    expect(inVivoName("…")).toBe("");
  });
});
