import { describe, expect, it } from "vitest";
import { sourceMatchesCaseFilter } from "../../../../shared/cases/filter";
import type { CaseRecord } from "../../../../shared/model/records";

const cases = new Map<string, Pick<CaseRecord, "id" | "values">>([
  ["c1", { id: "c1", values: { role: "Nurse", age: 34 } }],
  ["c2", { id: "c2", values: { role: "GP" } }],
]);

describe("sourceMatchesCaseFilter", () => {
  it("passes everything for an empty filter", () => {
    expect(sourceMatchesCaseFilter({ caseIds: [] }, {}, cases)).toBe(true);
  });

  it("keeps sources linked to chosen cases", () => {
    expect(sourceMatchesCaseFilter({ caseIds: ["c1"] }, { caseIds: ["c1"] }, cases)).toBe(true);
    expect(sourceMatchesCaseFilter({ caseIds: ["c2"] }, { caseIds: ["c1"] }, cases)).toBe(false);
    expect(sourceMatchesCaseFilter({ caseIds: ["gone"] }, { caseIds: ["gone"] }, cases)).toBe(false);
  });

  it("keeps sources whose case has an attribute value (ignoring case; numbers match their text)", () => {
    const nurse = { attribute: { attributeId: "role", value: "nurse" } };
    expect(sourceMatchesCaseFilter({ caseIds: ["c2", "c1"] }, nurse, cases)).toBe(true);
    expect(sourceMatchesCaseFilter({ caseIds: ["c2"] }, nurse, cases)).toBe(false);
    expect(sourceMatchesCaseFilter({ caseIds: ["c1"] }, { attribute: { attributeId: "age", value: "34" } }, cases)).toBe(true);
    expect(sourceMatchesCaseFilter({ caseIds: ["c2"] }, { attribute: { attributeId: "age", value: null } }, cases)).toBe(true);
    expect(sourceMatchesCaseFilter({ caseIds: [] }, nurse, cases)).toBe(false);
  });
});
