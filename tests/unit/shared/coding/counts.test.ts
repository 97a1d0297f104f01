import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ancestorIds, type TreeCode } from "../../../../shared/coding/codeTree";
import { codeCounts } from "../../../../shared/coding/counts";

function code(id: string, parentId: string | null, deleted = false): TreeCode {
  return { id, parentId, name: id, order: 0, isCategory: false, deleted };
}

/** Slow and obviously right: for each code, filter the codings of it (and of its subtree). */
function bruteForce(codes: TreeCode[], codings: { codeId: string; sourceId: string }[]) {
  const out = new Map<string, { codings: number; sources: number; codingsWithDescendants: number; sourcesWithDescendants: number }>();
  for (const c of codes.filter((x) => !x.deleted)) {
    const own = codings.filter((k) => k.codeId === c.id);
    const all = codings.filter((k) => ancestorIds(codes, k.codeId).includes(c.id));
    out.set(c.id, {
      codings: own.length,
      sources: new Set(own.map((k) => k.sourceId)).size,
      codingsWithDescendants: all.length,
      sourcesWithDescendants: new Set(all.map((k) => k.sourceId)).size,
    });
  }
  return out;
}

describe("codeCounts", () => {
  it("counts codings and distinct sources, alone and with descendants", () => {
    const codes = [code("t", null), code("u", "t"), code("a", "t"), code("r", "a"), code("x", null), code("dead", null, true)];
    const codings = [
      { codeId: "u", sourceId: "s1" },
      { codeId: "u", sourceId: "s1" },
      { codeId: "r", sourceId: "s2" },
      { codeId: "a", sourceId: "s1" },
      { codeId: "dead", sourceId: "s3" },
      { codeId: "unknown", sourceId: "s3" },
    ];
    const counts = codeCounts(codes, codings);
    expect(counts.get("t")).toEqual({ codings: 0, sources: 0, codingsWithDescendants: 4, sourcesWithDescendants: 2 });
    expect(counts.get("u")).toEqual({ codings: 2, sources: 1, codingsWithDescendants: 2, sourcesWithDescendants: 1 });
    expect(counts.get("a")).toEqual({ codings: 1, sources: 1, codingsWithDescendants: 2, sourcesWithDescendants: 2 });
    expect(counts.get("x")).toEqual({ codings: 0, sources: 0, codingsWithDescendants: 0, sourcesWithDescendants: 0 });
    expect(counts.has("dead")).toBe(false);
  });

  it("agrees with a brute-force count on random trees", () => {
    const arb = fc
      .array(fc.nat(9), { minLength: 1, maxLength: 12 })
      .chain((parents) =>
        fc.tuple(
          fc.constant(parents.map((p, i) => code(`c${i}`, p < i ? `c${p}` : null))),
          fc.array(
            fc.record({ codeId: fc.nat(parents.length - 1).map((i) => `c${i}`), sourceId: fc.constantFrom("s1", "s2", "s3", "s4") }),
            { maxLength: 40 },
          ),
        ),
      );
    fc.assert(
      fc.property(arb, ([codes, codings]) => {
        expect(codeCounts(codes, codings)).toEqual(bruteForce(codes, codings));
      }),
    );
  });

  it("handles seed scale (100,000 codings × 500 codes) in one pass", () => {
    // 20 top-level codes, each with 4 children, each with 5 grandchildren: 500 codes.
    const codes: TreeCode[] = [];
    for (let t = 0; t < 20; t++) {
      codes.push(code(`t${t}`, null));
      for (let c = 0; c < 4; c++) {
        codes.push(code(`t${t}c${c}`, `t${t}`));
        for (let g = 0; g < 5; g++) codes.push(code(`t${t}c${c}g${g}`, `t${t}c${c}`));
      }
    }
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const codings = Array.from({ length: 100_000 }, () => ({
      codeId: (codes[random(codes.length)] as TreeCode).id,
      sourceId: `s${random(1000)}`,
    }));
    const times: number[] = [];
    let counts = new Map<string, { codingsWithDescendants: number }>();
    for (let run = 0; run < 7; run++) {
      const started = performance.now();
      counts = codeCounts(codes, codings);
      times.push(performance.now() - started);
    }
    const [cold, ...warm] = times;
    const median = [...warm].sort((a, b) => a - b)[warm.length >> 1] ?? 0;
    // Logged, not asserted: timings on shared CI machines are too noisy to gate on.
    console.log(
      `codeCounts: ${codings.length} codings × ${codes.length} codes: first call ${cold?.toFixed(1)} ms, then median ${median.toFixed(1)} ms`,
    );
    let total = 0;
    for (let t = 0; t < 20; t++) total += counts.get(`t${t}`)?.codingsWithDescendants ?? 0;
    expect(total).toBe(100_000);
    expect(counts.size).toBe(500);
  });
});
