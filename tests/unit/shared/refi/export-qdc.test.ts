/**
 * REFI-QDA codebook export (.qdc): XSD validity, hierarchy, colours, categories, descriptions,
 * chosen codes, and that Margin's own .qdc reader (refi-import's) reads back the same codebook.
 */
import { describe, expect, it } from "vitest";
import { exportQdc } from "../../../../shared/refi/qdcExport";
import { readQdcCodes } from "../../../../shared/refi/qdc";
import type { RefiCode } from "../../../../shared/refi/types";
import { code, sampleTables, schemaAvailable, validateWithXsd } from "../model/exportHelpers";

function paths(codes: readonly RefiCode[], prefix = ""): string[] {
  return codes.flatMap((c) => [
    `${prefix}${c.name}|${c.color ?? ""}|${c.isCodable}|${c.description ?? ""}`,
    ...paths(c.children, `${prefix}${c.name}/`),
  ]);
}

describe("REFI-QDA codebook export (.qdc)", () => {
  it("validates against Codebook-mrt2019.xsd and keeps hierarchy, colours, categories and descriptions", () => {
    const { tables } = sampleTables();
    const qdc = exportQdc(tables.codes, { appVersion: "0.1.0" });
    expect(qdc.codes).toBe(4);
    expect(
      qdc.xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Margin 0.1.0">'),
    ).toBe(true);
    if (schemaAvailable) {
      const verdict = validateWithXsd(qdc.xml, "Codebook");
      expect(verdict.output).toMatch(/validates/);
      expect(verdict.ok).toBe(true);
    }
    // Code memos are project-only (<NoteRef> is not in the codebook schema).
    expect(qdc.xml).not.toContain("NoteRef");
    expect(paths(readQdcCodes(qdc.bytes, "codebook.qdc"))).toEqual([
      "Technology|#0072B2|false|Anything about the system.\n\nWhen to use: the software\n\nExample: “logins fail”",
      "Technology/Usability|#D55E00|true|",
      "Technology/Usability/Logins & passwords|#0072B2|true|",
      "Time saved|#0072B2|true|",
    ]);
  });

  it("exports chosen codes with their parents, in codebook order, without tombstones", () => {
    const { tables, ids } = sampleTables();
    const later = code(ids.ana, "Access", ids.tech, -1);
    const gone = { ...code(ids.ana, "Gone", ids.tech, 5), deleted: true };
    const qdc = exportQdc([...tables.codes, later, gone], { appVersion: "0.1.0", codeIds: [ids.logins, later.id, gone.id] });
    expect(paths(readQdcCodes(qdc.bytes, "c.qdc")).map((p) => p.split("|")[0])).toEqual([
      "Technology",
      "Technology/Access",
      "Technology/Usability",
      "Technology/Usability/Logins & passwords",
    ]);
    if (schemaAvailable) expect(validateWithXsd(qdc.xml, "Codebook").ok).toBe(true);
  });

  it("refuses an empty codebook with a clear message (the schema needs one code)", () => {
    expect(() => exportQdc([], { appVersion: "0.1.0" })).toThrow(/no codes to export/);
  });

  it("keeps hostile code names valid", () => {
    const { ids } = sampleTables();
    const hostile = code(ids.ana, "A & B <c> \"d\" 'e' \u0007 🧪", null, 0, { description: "x ]]> y\u0000" });
    const qdc = exportQdc([hostile], { appVersion: "0.1.0" });
    expect(qdc.replaced).toBe(2);
    if (schemaAvailable) expect(validateWithXsd(qdc.xml, "Codebook").ok).toBe(true);
    expect(readQdcCodes(qdc.bytes, "h.qdc")[0]?.name).toBe("A & B <c> \"d\" 'e' \uFFFD 🧪");
  });
});
