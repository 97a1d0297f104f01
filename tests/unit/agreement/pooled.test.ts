import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kappaBand, nominalAlpha, type KappaBand } from "../../../shared/agreement";
import type { CodeRecord, CodingRecord } from "../../../shared/model/records";
import { NEW_REQUEST, type ComparisonRequest } from "../../../renderer/comparison/comparisonState";
import { codeGroupsFor, computeComparison, type ComparisonResults } from "../../../renderer/comparison/computeComparison";

const code = (id: string): CodeRecord => ({ id, name: id, parentId: null, colour: "#000000", description: "", order: 0 }) as unknown as CodeRecord;

function coding(coderId: string, codeId: string, sourceId: string, start: number, end: number): CodingRecord {
  return { id: `${coderId}-${codeId}-${sourceId}-${start}-${end}`, coderId, codeId, sourceId, start, end, note: "" } as unknown as CodingRecord;
}

async function compare(request: ComparisonRequest, codes: readonly CodeRecord[], sources: { id: string; name: string; charCount: number }[], codings: CodingRecord[]): Promise<ComparisonResults> {
  const results = await computeComparison(request, codeGroupsFor(codes, request), sources, codings, () => undefined, () => false);
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
function brutePooled(codings: readonly CodingRecord[], codeIds: readonly string[], sources: readonly { id: string; charCount: number }[]) {
  const rowA: boolean[] = [];
  const rowB: boolean[] = [];
  let codedCells = 0;
  for (const codeId of codeIds) {
    for (const s of sources) {
      const a = new Array<boolean>(s.charCount).fill(false);
      const b = new Array<boolean>(s.charCount).fill(false);
      for (const c of codings) {
        if (c.codeId !== codeId || c.sourceId !== s.id) continue;
        const marks = c.coderId === "a" ? a : b;
        for (let i = Math.max(0, c.start); i < Math.min(s.charCount, c.end); i++) marks[i] = true;
      }
      if (!a.some(Boolean) && !b.some(Boolean)) continue;
      codedCells++;
      rowA.push(...a);
      rowB.push(...b);
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
  return { codedCells, length: n, counts: { both, aOnly, bOnly, neither }, kappa, alpha: codedCells === 0 ? null : nominalAlpha([rowA, rowB]) };
}

describe("pooled kappa and alpha equal a per-character brute force (fast-check)", () => {
  const sourceArb = fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 4 });
  it("over random codings of 2 coders on random sources and codes", async () => {
    await fc.assert(
      fc.asyncProperty(
        sourceArb,
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.tuple(fc.constantFrom("a", "b"), fc.nat(2), fc.nat(3), fc.integer({ min: -3, max: 45 }), fc.integer({ min: -3, max: 45 })), { maxLength: 14 }),
        fc.boolean(),
        async (lengths, codeCount, raw, countUncoded) => {
          const sources = lengths.map((charCount, i) => ({ id: `s${i}`, name: `S${i}`, charCount }));
          const codes = Array.from({ length: codeCount }, (_, i) => code(`c${i}`));
          const codings = raw
            .filter(([, c, s]) => c < codeCount && s < sources.length)
            .map(([coder, c, s, x, y], i) => ({ ...coding(coder, `c${c}`, `s${s}`, Math.min(x, y), Math.max(x, y)), id: `k${i}` }));
          const request: ComparisonRequest = { ...NEW_REQUEST, coderA: ["a"], coderB: ["b"], codeIds: codes.map((c) => c.id), countUncoded };
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
});
