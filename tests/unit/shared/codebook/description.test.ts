import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDescription, normaliseDescription, parseDescription, sectionForLabel } from "../../../../shared/codebook/description";
import { cleanName, formatCodePath, parseCodePath, parseNvivoName } from "../../../../shared/codebook/path";

describe("description parts", () => {
  it("formats the four parts with labels and blank lines, leaving out empty ones", () => {
    expect(formatDescription({ definition: "Ease of use.", whenToUse: "Any mention of effort.", example: "“two clicks”" })).toBe(
      "Ease of use.\n\nWhen to use: Any mention of effort.\n\nExample: “two clicks”",
    );
    expect(formatDescription({})).toBe("");
    expect(formatDescription({ whenNotToUse: "speed" })).toBe("When not to use: speed");
  });

  it("parses labels in any case, with synonyms, multi-line parts and CRLF", () => {
    const text = "Ease of use.\r\nSecond line.\r\n\r\nINCLUSION CRITERIA: effort\nor clicks\nExclusion: speed\n  Examples : “two clicks”";
    expect(parseDescription(text)).toEqual({
      definition: "Ease of use.\nSecond line.",
      whenToUse: "effort\nor clicks",
      whenNotToUse: "speed",
      example: "“two clicks”",
    });
    expect(parseDescription("Note: not a label")).toEqual({
      definition: "Note: not a label",
      whenToUse: "",
      whenNotToUse: "",
      example: "",
    });
    expect(sectionForLabel(" typical  Exemplar ")).toBe("example");
  });

  it("round-trips any parts whose lines do not start with a label", () => {
    const line = fc.string({ maxLength: 20 }).filter((s) => !/[:\r\n]/.test(s));
    const part = fc.array(line, { maxLength: 3 }).map((lines) => lines.join("\n").trim());
    fc.assert(
      fc.property(part, part, part, part, (definition, whenToUse, whenNotToUse, example) => {
        const parts = { definition, whenToUse, whenNotToUse, example };
        expect(parseDescription(formatDescription(parts))).toEqual(parts);
        expect(normaliseDescription(formatDescription(parts))).toBe(formatDescription(parts));
      }),
    );
  });
});

describe("code paths", () => {
  it("splits on / with \\/ and \\\\ escapes, trims names, ignores outer slashes", () => {
    expect(parseCodePath("Technology/Usability")).toEqual({ ok: true, names: ["Technology", "Usability"] });
    expect(parseCodePath(" /Technology /  Yes\\/No  / ")).toEqual({ ok: true, names: ["Technology", "Yes/No"] });
    expect(parseCodePath("A\\\\B/C\\d")).toEqual({ ok: true, names: ["A\\B", "C\\d"] });
    expect(parseCodePath("A//B")).toEqual({ ok: false, message: "has an empty name between two slashes in “A//B”" });
    expect(parseCodePath(" / ")).toEqual({ ok: false, message: "has no code name" });
  });

  it("formats so that any names read back unchanged", () => {
    const name = fc
      .string({ minLength: 1, maxLength: 12 })
      .map(cleanName)
      .filter((s) => s !== "");
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), (names) => {
        expect(parseCodePath(formatCodePath(names))).toEqual({ ok: true, names });
      }),
    );
  });

  it("reads NVivo hierarchical names", () => {
    expect(parseNvivoName("Codes\\\\Economy\\Tourism")).toEqual({ ok: true, names: ["Economy", "Tourism"] });
    expect(parseNvivoName("Nodes\\\\Themes\\\\Access\\Rural GP")).toEqual({ ok: true, names: ["Access", "Rural GP"] });
    expect(parseNvivoName("Codes\\\\")).toEqual({ ok: false, message: "has no code name" });
  });
});
