import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  assembleSegments,
  codeGroups,
  filterSegments,
  intersectRanges,
  queryCodeIds,
  sortSegments,
  summarise,
  type RetrievalCoding,
  type Segment,
} from "../../../../shared/retrieval/segments";
import type { CaseRecord, SourceRecord } from "../../../../shared/model/records";

const code = (id: string, parentId: string | null, name: string, order = 0) => ({
  id,
  parentId,
  name,
  order,
  isCategory: false,
  deleted: false,
});
const CODES = [
  code("tech", null, "Technology", 0),
  code("use", "tech", "Usability", 0),
  code("interop", "tech", "Interoperability", 1),
  code("people", null, "People", 1),
  code("work", "people", "Workload", 0),
];

let n = 0;
function coding(
  sourceId: string,
  codeId: string,
  start: number,
  end: number,
  coderId = "amira",
  createdAt = "2025-03-01T10:00:00.000Z",
): RetrievalCoding {
  n++;
  return { id: `c${n}`, sourceId, codeId, start, end, coderId, createdAt, deleted: false };
}

describe("codeGroups", () => {
  it("expands a chosen code to its sub-codes only when asked, and drops unknown codes", () => {
    expect(codeGroups(CODES, { codeIds: ["tech"], includeSubcodes: true })).toEqual([["tech", "use", "interop"]]);
    expect(codeGroups(CODES, { codeIds: ["tech"], includeSubcodes: false })).toEqual([["tech"]]);
    expect(codeGroups(CODES, { codeIds: ["use", "gone", "use", "work"], includeSubcodes: true })).toEqual([["use"], ["work"]]);
    expect(
      queryCodeIds([
        ["tech", "use"],
        ["use", "work"],
      ]),
    ).toEqual(["tech", "use", "work"]);
  });
});

describe("assembleSegments: ANY", () => {
  it("returns one segment per coding of any chosen code (and its sub-codes), leaving out deleted codings", () => {
    const a = coding("s1", "use", 0, 10);
    const b = coding("s1", "interop", 5, 20, "sam");
    const c = coding("s2", "work", 0, 4);
    const d = { ...coding("s2", "use", 3, 9), deleted: true };
    const groups = codeGroups(CODES, { codeIds: ["tech"], includeSubcodes: true });
    const segments = assembleSegments([a, b, c, d], groups, "any");
    expect(segments.map((s) => s.key).sort()).toEqual([a.id, b.id].sort());
    expect(segments.find((s) => s.key === b.id)).toMatchObject({
      sourceId: "s1",
      start: 5,
      end: 20,
      codeIds: ["interop"],
      coderIds: ["sam"],
      codingIds: [b.id],
    });
  });

  it("applies the coder filter", () => {
    const a = coding("s1", "use", 0, 10, "amira");
    const b = coding("s1", "use", 0, 10, "sam");
    expect(assembleSegments([a, b], [["use"]], "any", "sam").map((s) => s.key)).toEqual([b.id]);
  });
});

describe("assembleSegments: ALL", () => {
  it("returns the overlap of the chosen codes in the same source, with the codes and coders that meet there", () => {
    const use = coding("s1", "use", 10, 50, "amira", "2025-03-01T00:00:00.000Z");
    const work = coding("s1", "work", 30, 80, "sam", "2025-03-05T00:00:00.000Z");
    const elsewhere = coding("s2", "use", 0, 100);
    const segments = assembleSegments([use, work, elsewhere], [["use"], ["work"]], "all");
    expect(segments).toEqual([
      {
        key: "s1:30:50",
        sourceId: "s1",
        start: 30,
        end: 50,
        codeIds: ["use", "work"],
        coderIds: ["amira", "sam"],
        codingIds: [use.id, work.id],
        date: "2025-03-05T00:00:00.000Z",
      },
    ]);
  });

  it("joins touching and overlapping codings of one code (any coder) before intersecting", () => {
    const u1 = coding("s1", "use", 0, 20);
    const u2 = coding("s1", "use", 20, 40, "sam");
    const w = coding("s1", "work", 15, 25);
    const segments = assembleSegments([u1, u2, w], [["use"], ["work"]], "all");
    expect(segments.map((s) => [s.start, s.end])).toEqual([[15, 25]]);
    expect(segments[0]?.coderIds.sort()).toEqual(["amira", "sam"]);
  });

  it("counts a sub-code towards its parent when sub-codes are included", () => {
    const interop = coding("s1", "interop", 0, 30);
    const work = coding("s1", "work", 20, 60);
    const groups = codeGroups(CODES, { codeIds: ["tech", "people"], includeSubcodes: true });
    expect(assembleSegments([interop, work], groups, "all").map((s) => [s.start, s.end])).toEqual([[20, 30]]);
    const without = codeGroups(CODES, { codeIds: ["tech", "people"], includeSubcodes: false });
    expect(assembleSegments([interop, work], without, "all")).toEqual([]);
  });

  it("needs every chosen code, and applies the coder filter before the intersection", () => {
    const use = coding("s1", "use", 0, 30, "amira");
    const work = coding("s1", "work", 0, 30, "sam");
    expect(assembleSegments([use, work], [["use"], ["work"], ["interop"]], "all")).toEqual([]);
    expect(assembleSegments([use, work], [["use"], ["work"]], "all", "sam")).toEqual([]);
    expect(assembleSegments([use, work], [["use"], ["work"]], "all", null)).toHaveLength(1);
  });

  it("is ANY when only one code is chosen", () => {
    const a = coding("s1", "use", 0, 10);
    const b = coding("s1", "use", 5, 15);
    expect(assembleSegments([a, b], [["use"]], "all").map((s) => s.key)).toEqual([a.id, b.id]);
  });

  it("every ALL segment lies inside a coding of each chosen code (property)", () => {
    const arbCoding = fc.record({
      source: fc.constantFrom("s1", "s2"),
      code: fc.constantFrom("use", "work", "interop"),
      start: fc.integer({ min: 0, max: 200 }),
      length: fc.integer({ min: 1, max: 60 }),
    });
    fc.assert(
      fc.property(fc.array(arbCoding, { maxLength: 30 }), (raw) => {
        const codings = raw.map((r) => coding(r.source, r.code, r.start, r.start + r.length));
        const segments = assembleSegments(codings, [["use"], ["work"]], "all");
        for (const s of segments) {
          for (const codeId of ["use", "work"]) {
            const covered = new Set<number>();
            for (const c of codings)
              if (c.sourceId === s.sourceId && c.codeId === codeId) for (let i = c.start; i < c.end; i++) covered.add(i);
            for (let i = s.start; i < s.end; i++) if (!covered.has(i)) return false;
          }
        }
        // And nothing covered by both is missed.
        for (const sourceId of ["s1", "s2"]) {
          for (let i = 0; i < 260; i++) {
            const inBoth = ["use", "work"].every((codeId) =>
              codings.some((c) => c.sourceId === sourceId && c.codeId === codeId && c.start <= i && i < c.end),
            );
            const inSegment = segments.some((s) => s.sourceId === sourceId && s.start <= i && i < s.end);
            if (inBoth !== inSegment) return false;
          }
        }
        return true;
      }),
    );
  });
});

describe("intersectRanges", () => {
  it("intersects sorted disjoint lists", () => {
    expect(
      intersectRanges(
        [
          { start: 0, end: 10 },
          { start: 20, end: 30 },
        ],
        [{ start: 5, end: 25 }],
      ),
    ).toEqual([
      { start: 5, end: 10 },
      { start: 20, end: 25 },
    ]);
    expect(intersectRanges([{ start: 0, end: 10 }], [{ start: 10, end: 20 }])).toEqual([]);
  });
});

function source(id: string, kind: SourceRecord["kind"], caseIds: string[]): Pick<SourceRecord, "kind" | "caseIds" | "deleted"> {
  return { kind, caseIds, deleted: false };
}

describe("filterSegments", () => {
  const seg = (key: string, sourceId: string): Segment => ({
    key,
    sourceId,
    start: 0,
    end: 1,
    codeIds: ["use"],
    coderIds: ["amira"],
    codingIds: [key],
    date: "",
  });
  const sources = new Map([
    ["s1", source("s1", "interview", ["p1"])],
    ["s2", source("s2", "observation", ["p2"])],
    ["s3", { ...source("s3", "interview", []), deleted: true }],
  ]);
  const cases: Pick<CaseRecord, "id" | "values" | "deleted">[] = [
    { id: "p1", values: { role: "Nurse" }, deleted: false },
    { id: "p2", values: { role: "Doctor" }, deleted: false },
  ];
  const segments = [seg("a", "s1"), seg("b", "s2"), seg("c", "s3"), seg("d", "unknown")];

  it("drops segments of deleted or unknown sources", () => {
    expect(filterSegments(segments, sources, cases, { sourceKind: null, attribute: null }).map((s) => s.key)).toEqual(["a", "b"]);
  });
  it("filters by source kind and by a case attribute value", () => {
    expect(filterSegments(segments, sources, cases, { sourceKind: "observation", attribute: null }).map((s) => s.key)).toEqual(["b"]);
    expect(
      filterSegments(segments, sources, cases, { sourceKind: null, attribute: { attributeId: "role", value: "Nurse" } }).map((s) => s.key),
    ).toEqual(["a"]);
    expect(
      filterSegments(segments, sources, cases, { sourceKind: null, attribute: { attributeId: "role", value: "" } }).map((s) => s.key),
    ).toEqual(["a", "b"]);
  });
});

describe("sortSegments", () => {
  const names = {
    sourceName: (id: string) => ({ s1: "P10 interview", s2: "P2 interview" })[id] ?? id,
    codeLabel: (id: string) => ({ use: "Technology / Usability", work: "People / Workload" })[id] ?? id,
    coderName: (id: string) => ({ amira: "Amira Patel", sam: "Sam Okafor" })[id] ?? id,
  };
  const mk = (key: string, sourceId: string, start: number, codeId: string, coderId: string, date: string): Segment => ({
    key,
    sourceId,
    start,
    end: start + 5,
    codeIds: [codeId],
    coderIds: [coderId],
    codingIds: [key],
    date,
  });
  const list = [
    mk("a", "s1", 50, "use", "sam", "2025-01-03"),
    mk("b", "s2", 90, "work", "amira", "2025-01-01"),
    mk("c", "s2", 10, "use", "amira", "2025-01-02"),
    mk("d", "s1", 5, "work", "sam", "2025-01-04"),
  ];
  it("sorts by source (numeric-aware) then position", () => {
    expect(sortSegments(list, "position", names).map((s) => s.key)).toEqual(["c", "b", "d", "a"]);
  });
  it("sorts by code path, coder name or newest date, falling back to position", () => {
    expect(sortSegments(list, "code", names).map((s) => s.key)).toEqual(["b", "d", "c", "a"]);
    expect(sortSegments(list, "coder", names).map((s) => s.key)).toEqual(["c", "b", "d", "a"]);
    expect(sortSegments(list, "date", names).map((s) => s.key)).toEqual(["d", "a", "c", "b"]);
  });
  it("summarises segments and sources", () => {
    expect(summarise(list)).toEqual({ segments: 4, sources: 2 });
  });
});
