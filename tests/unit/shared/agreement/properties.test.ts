import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  codingCoincidences,
  cohensKappa,
  comparePair,
  nominalAlpha,
  percentAgreement,
  unionSpans,
  type AgreementCounts,
  type Span,
} from "../../../../shared/agreement";

const LENGTH = 60;
const range = fc
  .tuple(fc.integer({ min: -5, max: LENGTH + 5 }), fc.integer({ min: -5, max: LENGTH + 5 }))
  .map(([x, y]) => ({ start: Math.min(x, y), end: Math.max(x, y) }));
const ranges = fc.array(range, { maxLength: 8 });

/** The obvious per-character computation the sweep must equal (fine at 60 characters). */
function flags(rs: readonly Span[], length: number): boolean[] {
  const out = new Array<boolean>(length).fill(false);
  for (const r of rs) for (let i = Math.max(0, r.start); i < Math.min(length, r.end); i++) out[i] = true;
  return out;
}

function bruteCounts(a: readonly Span[], b: readonly Span[], length: number): AgreementCounts {
  const fa = flags(a, length);
  const fb = flags(b, length);
  const c = { both: 0, aOnly: 0, bOnly: 0, neither: 0 };
  for (let i = 0; i < length; i++) {
    if (fa[i] && fb[i]) c.both++;
    else if (fa[i]) c.aOnly++;
    else if (fb[i]) c.bOnly++;
    else c.neither++;
  }
  return c;
}

describe("agreement properties (fast-check)", () => {
  it("the interval sweep equals a per-character count on random small inputs", () => {
    fc.assert(
      fc.property(ranges, ranges, fc.integer({ min: 0, max: LENGTH }), (a, b, length) => {
        expect(comparePair(a, b, length).counts).toEqual(bruteCounts(a, b, length));
      }),
    );
  });

  it("disagreement passages are exactly the characters where A and B differ, merged and sorted", () => {
    fc.assert(
      fc.property(ranges, ranges, (a, b) => {
        const fa = flags(a, LENGTH);
        const fb = flags(b, LENGTH);
        const { disagreements } = comparePair(a, b, LENGTH);
        const marked = new Array<string>(LENGTH).fill("");
        for (const [i, d] of disagreements.entries()) {
          const next = disagreements[i + 1];
          if (next) expect(next.start > d.end || (next.start === d.end && next.codedBy !== d.codedBy)).toBe(true);
          for (let k = d.start; k < d.end; k++) marked[k] = d.codedBy;
        }
        for (let k = 0; k < LENGTH; k++) expect(marked[k]).toBe(fa[k] && !fb[k] ? "A" : fb[k] && !fa[k] ? "B" : "");
      }),
    );
  });

  it("kappa and agreement are symmetric in A and B", () => {
    fc.assert(
      fc.property(ranges, ranges, (a, b) => {
        const ab = comparePair(a, b, LENGTH).counts;
        const ba = comparePair(b, a, LENGTH).counts;
        expect(cohensKappa(ab)).toBeCloseTo(cohensKappa(ba), 12);
        expect(percentAgreement(ab)).toBeCloseTo(percentAgreement(ba), 12);
      }),
    );
  });

  it("agreement is in [0, 1] and kappa in [−1, 1]", () => {
    fc.assert(
      fc.property(ranges, ranges, (a, b) => {
        const c = comparePair(a, b, LENGTH).counts;
        const p = percentAgreement(c);
        const k = cohensKappa(c);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(k).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(k).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });

  it("identical coding (however it is split into codings) gives agreement 1 and kappa 1", () => {
    fc.assert(
      fc.property(ranges, (a) => {
        const shuffledSplit = unionSpans(a, LENGTH)
          .flatMap((s) =>
            s.end - s.start > 1
              ? [
                  { start: s.start, end: s.start + 1 },
                  { start: s.start + 1, end: s.end },
                ]
              : [s],
          )
          .reverse();
        const c = comparePair(a, shuffledSplit, LENGTH).counts;
        expect(percentAgreement(c)).toBe(1);
        expect(cohensKappa(c)).toBe(1);
      }),
    );
  });

  it("alpha from the sweep's weighted units equals alpha over one unit per character", () => {
    const coderRanges = fc.array(ranges, { minLength: 2, maxLength: 4 });
    fc.assert(
      fc.property(coderRanges, fc.integer({ min: 1, max: LENGTH }), (perCoder, length) => {
        const observers = perCoder.map((_, i) => `c${i}`);
        const codings = perCoder.flatMap((rs, i) => rs.map((r) => ({ ...r, coderId: `c${i}` })));
        const swept = codingCoincidences(codings, observers, length).alpha();
        const matrix = perCoder.map((rs) => flags(rs, length));
        const brute = nominalAlpha(matrix);
        if (brute === null) expect(swept).toBeNull();
        else expect(swept).toBeCloseTo(brute, 9);
      }),
    );
  });

  it("for two coders with no missing data, alpha is close to kappa's chance-corrected form (Scott's pi with a small-sample correction)", () => {
    fc.assert(
      fc.property(ranges, ranges, (a, b) => {
        const fa = flags(a, LENGTH);
        const fb = flags(b, LENGTH);
        const alpha = nominalAlpha([fa, fb]);
        const c = bruteCounts(a, b, LENGTH);
        const n = LENGTH;
        const pYes = (2 * c.both + c.aOnly + c.bOnly) / (2 * n);
        const pe = pYes * pYes + (1 - pYes) * (1 - pYes);
        if (alpha === null || pe === 1) return;
        const pi = (percentAgreement(c) - pe) / (1 - pe);
        // Krippendorff: α = 1 − (1 − π)(2n − 1)/(2n) for two observers, no missing values.
        expect(alpha).toBeCloseTo(1 - ((1 - pi) * (2 * n - 1)) / (2 * n), 9);
      }),
    );
  });
});
