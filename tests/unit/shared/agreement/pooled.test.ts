import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kappaBand, nominalAlpha, type KappaBand } from "../../../../shared/agreement";
import type { CodeRecord, CodingRecord } from "../../../../shared/model/records";
import { NEW_REQUEST, type ComparisonRequest } from "../../../../renderer/comparison/comparisonState";
import { codeGroupsFor, computeComparison, type ComparisonResults } from "../../../../renderer/comparison/computeComparison";
import { comparisonRows } from "../../../../renderer/comparison/exportComparison";
import { coverageLine } from "../../../../renderer/comparison/format";

const code = (id: string): CodeRecord =>
  ({ id, name: id, parentId: null, colour: "#000000", description: "", order: 0 }) as unknown as CodeRecord;

function coding(coderId: string, codeId: string, sourceId: string, start: number, end: number): CodingRecord {
  return {
    id: `${coderId}-${codeId}-${sourceId}-${start}-${end}`,
    coderId,
    codeId,
    sourceId,
    start,
    end,
    note: "",
  } as unknown as CodingRecord;
}

async function compare(
  request: ComparisonRequest,
  codes: readonly CodeRecord[],
  sources: { id: string; name: string; charCount: number }[],
  codings: CodingRecord[],
): Promise<ComparisonResults> {
  const results = await computeComparison(
    request,
    codeGroupsFor(codes, request),
    sources,
    codings,
    () => undefined,
    () => false,
  );
  if (!results) throw new Error("cancelled");
  return results;
}

const AT_MOST_SLIGHT: readonly KappaBand[] = ["poor", "slight"];

describe("near-zero overlap: no figure reads better than 'slight'", () => {
  // Two coders over 3 sources × 12 codes who almost never code the same text: in each cell they
  // chose, A and B code different passages (one character in common in one cell); one code only A
  // ever used; most codes neither of them used.
  const codes = Array.from({ length: 12 }, (_, i) => code(`code${i}`));
  const sources = ["p1", "p2", "p3"].map((id) => ({ id, name: id.toUpperCase(), charCount: 20_000 }));
  const codings = [
    coding("amira", "code0", "p1", 100, 600),
    coding("sam", "code0", "p1", 599, 1_200),
    coding("amira", "code1", "p2", 5_000, 5_400),
    coding("sam", "code1", "p2", 9_000, 9_900),
    coding("amira", "code1", "p3", 0, 300),
    coding("sam", "code1", "p3", 15_000, 15_300),
    coding("amira", "code2", "p1", 2_000, 2_500),
    coding("amira", "code2", "p3", 7_000, 7_200),
  ];
  const request: ComparisonRequest = { ...NEW_REQUEST, coderA: ["amira"], coderB: ["sam"], codeIds: codes.map((c) => c.id) };

  it("the pooled headline is slight or below, and says what it covers", async () => {
    const results = await compare(request, codes, sources, codings);
    const { pooled } = results;
    expect(pooled.kappa).not.toBeNull();
    expect(AT_MOST_SLIGHT).toContain(kappaBand(pooled.kappa ?? 1));
    expect(pooled.alpha).not.toBeNull();
    expect(pooled.alpha ?? 1).toBeLessThan(0.2);
    expect(pooled).toMatchObject({ codedCells: 5, codes: 3, sources: 3, length: 5 * 20_000, uncodedCells: 36 - 5 });
    expect(pooled.counts.both).toBe(1);
  });

  it("by default the table's averages (each code and all codes) are slight or below too", async () => {
    expect(NEW_REQUEST.countUncoded).toBe(false);
    const results = await compare(request, codes, sources, codings);
    expect(AT_MOST_SLIGHT).toContain(kappaBand(results.overall.kappa));
    for (const row of results.byCode.filter((r) => r.cells > 0)) expect(AT_MOST_SLIGHT).toContain(kappaBand(row.kappa));
    // Codes nobody used have no cells to average, rather than a perfect score.
    expect(results.byCode.filter((r) => r.cells === 0).map((r) => r.codeId)).toEqual(codes.slice(3).map((c) => c.id));
  });

  it("NVivo's way (cells nobody coded count as kappa 1) stays available for the table, never for the headline", async () => {
    const nvivo = await compare({ ...request, countUncoded: true }, codes, sources, codings);
    // The misleading figure the issue reported: kept only as an opt-in average in the table.
    expect(kappaBand(nvivo.overall.kappa)).toBe("almost perfect");
    expect(nvivo.countUncoded).toBe(true);
    const honest = await compare(request, codes, sources, codings);
    expect(nvivo.pooled).toEqual(honest.pooled);
  });
});

/** Per-character brute force: the definition in docs/coding-comparison.md, written the slow way. */
function brutePooled(
  codings: readonly CodingRecord[],
  codeIds: readonly string[],
  sources: readonly { id: string; charCount: number }[],
  groups = { a: ["a"], b: ["b"] },
) {
  const coders = [...groups.a, ...groups.b];
  // One row per coder (for alpha) and one per side (a side codes a character when anyone in it does).
  const perCoder = coders.map(() => [] as boolean[]);
  const rowA: boolean[] = [];
  const rowB: boolean[] = [];
  let codedCells = 0;
  for (const codeId of codeIds) {
    for (const s of sources) {
      const marks = coders.map(() => new Array<boolean>(s.charCount).fill(false));
      for (const c of codings) {
        const k = coders.indexOf(c.coderId);
        if (c.codeId !== codeId || c.sourceId !== s.id || k < 0) continue;
        for (let i = Math.max(0, c.start); i < Math.min(s.charCount, c.end); i++) (marks[k] ?? [])[i] = true;
      }
      const a = Array.from({ length: s.charCount }, (_, i) => coders.some((id, k) => groups.a.includes(id) && marks[k]?.[i] === true));
      const b = Array.from({ length: s.charCount }, (_, i) => coders.some((id, k) => groups.b.includes(id) && marks[k]?.[i] === true));
      if (!a.some(Boolean) && !b.some(Boolean)) continue;
      codedCells++;
      rowA.push(...a);
      rowB.push(...b);
      for (const [k, row] of perCoder.entries()) row.push(...(marks[k] ?? []));
    }
  }
  const n = rowA.length;
  let both = 0;
  let aOnly = 0;
  let bOnly = 0;
  for (let i = 0; i < n; i++) {
    if (rowA[i] && rowB[i]) both++;
    else if (rowA[i]) aOnly++;
    else if (rowB[i]) bOnly++;
  }
  const neither = n - both - aOnly - bOnly;
  const po = (both + neither) / n;
  const pe = ((both + aOnly) * (both + bOnly) + (bOnly + neither) * (aOnly + neither)) / (n * n);
  const kappa = codedCells === 0 ? null : pe === 1 ? 1 : (po - pe) / (1 - pe);
  return { codedCells, length: n, counts: { both, aOnly, bOnly, neither }, kappa, alpha: codedCells === 0 ? null : nominalAlpha(perCoder) };
}

describe("pooled kappa and alpha equal a per-character brute force (fast-check)", () => {
  const sourceArb = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 });
  it("over random codings of 2 coders on random sources and codes", async () => {
    await fc.assert(
      fc.asyncProperty(
        sourceArb,
        fc.integer({ min: 1, max: 3 }),
        fc.array(
          fc.tuple(fc.constantFrom("a", "b"), fc.nat(2), fc.nat(3), fc.integer({ min: -3, max: 45 }), fc.integer({ min: -3, max: 45 })),
          { maxLength: 14 },
        ),
        fc.boolean(),
        async (lengths, codeCount, raw, countUncoded) => {
          const sources = lengths.map((charCount, i) => ({ id: `s${i}`, name: `S${i}`, charCount }));
          const codes = Array.from({ length: codeCount }, (_, i) => code(`c${i}`));
          const codings = raw
            .filter(([, c, s]) => c < codeCount && s < sources.length)
            .map(([coder, c, s, x, y], i) => ({ ...coding(coder, `c${c}`, `s${s}`, Math.min(x, y), Math.max(x, y)), id: `k${i}` }));
          const request: ComparisonRequest = {
            ...NEW_REQUEST,
            coderA: ["a"],
            coderB: ["b"],
            codeIds: codes.map((c) => c.id),
            countUncoded,
          };
          const { pooled } = await compare(request, codes, sources, codings);
          const brute = brutePooled(codings, request.codeIds, sources);
          expect(pooled.codedCells).toBe(brute.codedCells);
          expect(pooled.uncodedCells).toBe(codeCount * sources.length - brute.codedCells);
          expect(pooled.length).toBe(brute.length);
          expect(pooled.counts).toEqual(brute.counts);
          if (brute.kappa === null) expect(pooled.kappa).toBeNull();
          else expect(pooled.kappa).toBeCloseTo(brute.kappa, 9);
          if (brute.alpha === null) expect(pooled.alpha).toBeNull();
          else expect(pooled.alpha).toBeCloseTo(brute.alpha, 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("with groups (A = two coders, B = one, one coder in neither): kappa on the sides' union, alpha over each coder", async () => {
    const groups = { a: ["a", "a2"], b: ["b"] };
    await fc.assert(
      fc.asyncProperty(
        sourceArb,
        fc.array(
          fc.tuple(
            fc.constantFrom("a", "a2", "b", "outsider"),
            fc.nat(1),
            fc.nat(3),
            fc.integer({ min: -3, max: 45 }),
            fc.integer({ min: -3, max: 45 }),
          ),
          { maxLength: 14 },
        ),
        async (lengths, raw) => {
          const sources = lengths.map((charCount, i) => ({ id: `s${i}`, name: `S${i}`, charCount }));
          const codes = [code("c0"), code("c1")];
          const codings = raw
            .filter(([, , s]) => s < sources.length)
            .map(([coder, c, s, x, y], i) => ({ ...coding(coder, `c${c}`, `s${s}`, Math.min(x, y), Math.max(x, y)), id: `k${i}` }));
          const request: ComparisonRequest = { ...NEW_REQUEST, coderA: groups.a, coderB: groups.b, codeIds: ["c0", "c1"] };
          const { pooled } = await compare(request, codes, sources, codings);
          const brute = brutePooled(codings, request.codeIds, sources, groups);
          expect(pooled.codedCells).toBe(brute.codedCells);
          expect(pooled.counts).toEqual(brute.counts);
          if (brute.kappa === null) expect(pooled.kappa).toBeNull();
          else expect(pooled.kappa).toBeCloseTo(brute.kappa, 9);
          if (brute.alpha === null) expect(pooled.alpha).toBeNull();
          else expect(pooled.alpha).toBeCloseTo(brute.alpha, 9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("when A and B never code the same character, the pooled kappa is at most 0 (poor or slight)", async () => {
    await fc.assert(
      fc.asyncProperty(
        sourceArb,
        fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 })), { maxLength: 10 }),
        async (lengths, raw) => {
          const sources = lengths.map((charCount, i) => ({ id: `s${i}`, name: `S${i}`, charCount }));
          // Even characters are A's, odd ones B's: they can never overlap.
          const codings = raw
            .filter(([s]) => s < sources.length)
            .flatMap(([s, x, y], i) => {
              const out: CodingRecord[] = [];
              for (let k = Math.min(x, y); k < Math.max(x, y); k++)
                out.push({ ...coding(k % 2 === 0 ? "a" : "b", "c0", `s${s}`, k, k + 1), id: `k${i}-${k}` });
              return out;
            });
          const request: ComparisonRequest = { ...NEW_REQUEST, coderA: ["a"], coderB: ["b"], codeIds: ["c0"] };
          const results = await compare(request, [code("c0")], sources, codings);
          if (results.pooled.kappa === null) return;
          expect(results.pooled.counts.both).toBe(0);
          expect(results.pooled.kappa).toBeLessThanOrEqual(1e-12);
          expect(AT_MOST_SLIGHT).toContain(kappaBand(results.pooled.kappa));
          expect(AT_MOST_SLIGHT).toContain(kappaBand(results.overall.kappa));
        },
      ),
    );
  });
});

describe("what the headline says it covers", () => {
  it("names the codes, sources, cells and characters pooled and the cells left out, in words", () => {
    const base = { counts: { both: 0, aOnly: 1, bOnly: 1, neither: 41_218 }, kappa: 0, alpha: 0 };
    expect(coverageLine({ ...base, codedCells: 14, codes: 12, sources: 3, length: 41_220, uncodedCells: 22 })).toBe(
      "Over 12 codes and 3 sources that at least one coder coded (14 code × source cells, 41,220 characters); 22 code × source cells nobody coded are left out.",
    );
    expect(coverageLine({ ...base, codedCells: 1, codes: 1, sources: 1, length: 1, uncodedCells: 1 })).toBe(
      "Over 1 code and 1 source that at least one coder coded (1 code × source cell, 1 character); 1 code × source cell nobody coded is left out.",
    );
    expect(coverageLine({ ...base, codedCells: 2, codes: 1, sources: 2, length: 10, uncodedCells: 0 })).toContain(
      "every code × source cell compared was coded by someone.",
    );
  });
});

describe("CSV rows", () => {
  it("end with the pooled headline, and give a code nobody coded no average row (not a kappa 1)", async () => {
    const codes = [code("used"), code("unused")];
    const sources = [{ id: "s", name: "S", charCount: 100 }];
    const codings = [coding("a", "used", "s", 0, 10), coding("b", "used", "s", 50, 60)];
    const results = await compare({ ...NEW_REQUEST, coderA: ["a"], coderB: ["b"], codeIds: ["used", "unused"] }, codes, sources, codings);
    const rows = comparisonRows(
      results,
      (id) => id,
      (id) => id,
    );
    expect(rows.map((r) => r.code)).toEqual(["used", "used", "All codes", "Overall (pooled)"]);
    expect(rows[3]?.source).toBe("The 1 code × source cell someone coded");
    expect(rows[3]?.kappa).toBeCloseTo(results.pooled.kappa ?? Number.NaN, 12);
  });
});
