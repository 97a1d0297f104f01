import { describe, expect, it } from "vitest";
import { caseNameFromFileName, checkCaseNamePattern } from "../../../../shared/cases/pattern";

describe("caseNameFromFileName", () => {
  it("takes the text where {case} is, ignoring the extension", () => {
    expect(caseNameFromFileName("GDE_{case}", "GDE_SiteA_P07.docx")).toBe("SiteA_P07");
    expect(caseNameFromFileName("GDE_{case}.docx", "GDE_SiteA_P07.txt")).toBe("SiteA_P07");
    expect(caseNameFromFileName("{case}", "P07.docx")).toBe("P07");
  });

  it("lets * match any run, as much as it can", () => {
    expect(caseNameFromFileName("*_{case}", "GDE_SiteA_P07.docx")).toBe("P07");
    // A leading * leaves {case} the least it can: one character.
    expect(caseNameFromFileName("*{case}", "P07.docx")).toBe("7");
    expect(caseNameFromFileName("GDE_*_{case}", "GDE_SiteA_P07.docx")).toBe("P07");
  });

  it("allows literal text after {case}, which then stops as early as it can", () => {
    expect(caseNameFromFileName("{case} interview", "P07 interview.docx")).toBe("P07");
    expect(caseNameFromFileName("GDE_{case}_*", "GDE_SiteA_P07_final.docx")).toBe("SiteA");
    expect(caseNameFromFileName("Interview with {case} (*)", "Interview with Dr Shah (2).docx")).toBe("Dr Shah");
  });

  it("matches letters ignoring case but keeps the file's spelling, and ignores folders", () => {
    expect(caseNameFromFileName("gde_{case}", "transcripts/site a\\GDE_SiteA_P07.DOCX")).toBe("SiteA_P07");
  });

  it("returns null when the file does not match or the pattern is unusable", () => {
    expect(caseNameFromFileName("GDE_{case}", "Notes.docx")).toBeNull();
    expect(caseNameFromFileName("GDE_{case}", "GDE_.docx")).toBeNull();
    expect(caseNameFromFileName("GDE_", "GDE_P07.docx")).toBeNull();
    expect(caseNameFromFileName("{case}_{case}", "a_b.docx")).toBeNull();
    expect(caseNameFromFileName("P(1)+{case}", "P(1)+x.docx")).toBe("x");
  });

  it("explains unusable patterns", () => {
    expect(checkCaseNamePattern("GDE_*")).toMatch(/needs \{case\}/);
    expect(checkCaseNamePattern("{case}{CASE}")).toMatch(/only once/);
    expect(checkCaseNamePattern("*_{case}")).toBeNull();
  });
});
