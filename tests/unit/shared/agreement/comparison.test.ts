import { describe, expect, it } from "vitest";
import { bucketCodings, compareCell, comparisonCsv, kappaBand, SummaryBuilder, unionSpans } from "../../../../shared/agreement";

describe("unionSpans", () => {
  it("unions a coder's overlapping and touching codings, clips to the source and drops empty ones", () => {
    expect(
      unionSpans(
        [
          { start: 10, end: 20 },
          { start: 15, end: 25 },
          { start: 25, end: 30 },
          { start: 40, end: 40 },
          { start: 90, end: 130 },
          { start: -4, end: 2 },
        ],
        100,
      ),
    ).toEqual([
      { start: 0, end: 2 },
      { start: 10, end: 30 },
      { start: 90, end: 100 },
    ]);
  });
});

describe("compareCell with coder groups", () => {
  const codings = [
    { start: 0, end: 10, coderId: "amira" },
    { start: 20, end: 30, coderId: "bo" },
    { start: 5, end: 25, coderId: "sam" },
  ];

  it("a group's coding is the union of its members' (NVivo: coded if at least one member coded it)", () => {
    const cell = compareCell(codings, { a: ["amira", "bo"], b: ["sam"] }, 100);
    // A = [0,10) ∪ [20,30); B = [5,25).
    expect(cell.counts).toEqual({ both: 10, aOnly: 10, bOnly: 10, neither: 70 });
    expect(cell.disagreements).toEqual([
      { start: 0, end: 5, codedBy: "A" },
      { start: 10, end: 20, codedBy: "B" },
      { start: 25, end: 30, codedBy: "A" },
    ]);
  });

  it("ignores coders in neither group", () => {
    const cell = compareCell(codings, { a: ["amira"], b: ["sam"] }, 100);
    expect(cell.counts).toEqual({ both: 5, aOnly: 5, bOnly: 15, neither: 75 });
  });

  it("alpha counts each coder separately (three observers here)", () => {
    const cell = compareCell(codings, { a: ["amira", "bo"], b: ["sam"] }, 30);
    expect(cell.alpha).not.toBeNull();
    expect(cell.alpha).toBeLessThan(1);
  });
});

describe("SummaryBuilder: averages weighted by source length", () => {
  it("weights each source's kappa and agreement by its length and counts uncoded sources as full agreement", () => {
    const short = compareCell(
      [
        { start: 0, end: 50, coderId: "a" },
        { start: 0, end: 50, coderId: "b" },
      ],
      { a: ["a"], b: ["b"] },
      100,
    ); // κ 1
    const long = compareCell(
      [
        { start: 0, end: 100, coderId: "a" },
        { start: 100, end: 200, coderId: "b" },
      ],
      { a: ["a"], b: ["b"] },
      300,
    );
    const s = new SummaryBuilder(2).add(short).add(long).addUncoded(2, 600).result();
    expect(s.cells).toBe(4);
    expect(s.length).toBe(1000);
    expect(s.kappa).toBeCloseTo((100 * 1 + 300 * long.kappa + 600 * 1) / 1000, 12);
    expect(s.agreement).toBeCloseTo((100 * 1 + 300 * long.agreement + 600 * 1) / 1000, 12);
    expect(s.counts).toEqual({ both: 50, aOnly: 100, bOnly: 100, neither: 750 });
  });

  it("an empty summary reads as full agreement rather than 0/0", () => {
    expect(new SummaryBuilder(2).result()).toMatchObject({ agreement: 1, kappa: 1, alpha: null, length: 0 });
  });
});

describe("bucketCodings", () => {
  it("puts a sub-code's coding in its parent's group when sub-codes are included, and leaves out other coders and sources", () => {
    const codings = [
      { start: 0, end: 5, coderId: "a", codeId: "child", sourceId: "s1" },
      { start: 0, end: 5, coderId: "b", codeId: "parent", sourceId: "s1" },
      { start: 0, end: 5, coderId: "z", codeId: "parent", sourceId: "s1" },
      { start: 0, end: 5, coderId: "a", codeId: "parent", sourceId: "elsewhere" },
    ];
    const groups = [
      { codeId: "parent", memberIds: ["parent", "child"] },
      { codeId: "child", memberIds: ["child"] },
    ];
    const buckets = bucketCodings(codings, groups, { a: ["a"], b: ["b"] }, new Set(["s1"]));
    expect(
      buckets
        .get("parent")
        ?.get("s1")
        ?.map((c) => c.coderId)
        .sort(),
    ).toEqual(["a", "b"]);
    expect(
      buckets
        .get("child")
        ?.get("s1")
        ?.map((c) => c.coderId),
    ).toEqual(["a"]);
    expect(buckets.get("parent")?.has("elsewhere")).toBe(false);
  });
});

describe("kappaBand (Landis & Koch 1977)", () => {
  it.each([
    [-0.1, "poor"],
    [0.2, "slight"],
    [0.35, "fair"],
    [0.6, "moderate"],
    [0.61, "substantial"],
    [0.95, "almost perfect"],
  ] as const)("%s → %s", (k, band) => expect(kappaBand(k)).toBe(band));
});

describe("comparisonCsv", () => {
  it("writes a BOM, quotes every field and guards formula-like names", () => {
    const csv = comparisonCsv(
      [
        {
          code: '=HYPERLINK("x")',
          source: "P01",
          length: 1000,
          counts: { both: 50, aOnly: 150, bOnly: 0, neither: 800 },
          agreement: 0.85,
          kappa: 0.347826,
          alpha: null,
        },
      ],
      { a: "Amira Patel (AP)", b: "Sam Okafor (SO)" },
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe('"Coder A","Amira Patel (AP)"');
    expect(lines[3]).toContain('"Agreement (%)"');
    expect(lines[4]).toBe('"\'=HYPERLINK(""x"")","P01","1000","85","0.3478","fair","5","80","15","0",""');
  });
});
