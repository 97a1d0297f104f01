import { describe, expect, it } from "vitest";
import { buildSourceRows, NO_FILTER } from "../../../../shared/sources/listing";
import type { CaseRecord, SourceRecord } from "../../../../shared/model/records";

const meta = { createdAt: "2026-01-01T00:00:00Z", updatedAt: "x", updatedBy: "c", deleted: false };

function source(id: string, name: string, extra: Partial<SourceRecord> = {}): SourceRecord {
  return {
    ...meta,
    id,
    name,
    kind: "interview",
    fileName: `${name}.docx`,
    format: "docx",
    importedAt: "2026-01-01T00:00:00Z",
    charCount: 10,
    wordCount: 2,
    contentHash: id,
    caseIds: [],
    memo: "",
    ...extra,
  };
}

const cases: CaseRecord[] = [
  { ...meta, id: "c1", name: "SiteA_P07", description: "", values: { role: "Nurse" } },
  { ...meta, id: "c2", name: "SiteB_P01", description: "", values: { role: "CIO" } },
];

const sources = [
  source("s1", "Interview 10", { wordCount: 900, caseIds: ["c1"] }),
  source("s2", "Interview 2", { wordCount: 100, kind: "observation", caseIds: ["c2"] }),
  source("s3", "Zoë – ward round", { wordCount: 500, kind: "observation" }),
  source("s4", "Deleted one", { deleted: true }),
];

const byName = { key: "name", direction: "ascending" } as const;

describe("sources list rows", () => {
  it("sorts names naturally and hides tombstones", () => {
    const rows = buildSourceRows(sources, cases, new Map(), NO_FILTER, byName);
    expect(rows.map((r) => r.source.name)).toEqual(["Interview 2", "Interview 10", "Zoë – ward round"]);
  });

  it("sorts by words descending and by codings", () => {
    const words = buildSourceRows(sources, cases, new Map(), NO_FILTER, { key: "words", direction: "descending" });
    expect(words.map((r) => r.source.id)).toEqual(["s1", "s3", "s2"]);
    const codings = buildSourceRows(
      sources,
      cases,
      new Map([
        ["s3", 5],
        ["s1", 1],
      ]),
      NO_FILTER,
      { key: "codings", direction: "descending" },
    );
    expect(codings.map((r) => [r.source.id, r.codings])).toEqual([
      ["s3", 5],
      ["s1", 1],
      ["s2", 0],
    ]);
  });

  it("filters by accent-insensitive search, kind, case and attribute value", () => {
    const search = buildSourceRows(sources, cases, new Map(), { ...NO_FILTER, search: "zoe" }, byName);
    expect(search.map((r) => r.source.id)).toEqual(["s3"]);
    const kind = buildSourceRows(sources, cases, new Map(), { ...NO_FILTER, kind: "observation" }, byName);
    expect(kind.map((r) => r.source.id)).toEqual(["s2", "s3"]);
    const byCase = buildSourceRows(sources, cases, new Map(), { ...NO_FILTER, caseId: "c1" }, byName);
    expect(byCase.map((r) => [r.source.id, r.caseNames])).toEqual([["s1", ["SiteA_P07"]]]);
    const byAttribute = buildSourceRows(
      sources,
      cases,
      new Map(),
      { ...NO_FILTER, attribute: { attributeId: "role", value: "CIO" } },
      byName,
    );
    expect(byAttribute.map((r) => r.source.id)).toEqual(["s2"]);
  });
});

describe("attribute filter with no value chosen", () => {
  it("does not restrict the list", () => {
    const rows = buildSourceRows(sources, cases, new Map(), { ...NO_FILTER, attribute: { attributeId: "role", value: "" } }, byName);
    expect(rows).toHaveLength(3);
  });
});
