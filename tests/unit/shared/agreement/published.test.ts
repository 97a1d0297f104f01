import { describe, expect, it } from "vitest";
import {
  chanceAgreement,
  cohensKappa,
  comparePair,
  nominalAlpha,
  percentAgreement,
  type AgreementCounts,
} from "../../../../shared/agreement";

describe("NVivo's worked example (NVivo help, 'Run a Coding Comparison query': 'How is the percentage agreement calculated?')", () => {
  // A 1,000-character source: 50 characters coded by both users, 150 by only one of them, 800 by neither.
  // NVivo: agreement = (800 + 50) / 1000 = 85%. The split of the 150 between the users is not given,
  // so both ways round are tested; here A coded 200 characters (50 shared + 150 alone) and B coded 50.
  const aRanges = [{ start: 0, end: 200 }];
  const bRanges = [{ start: 150, end: 200 }];

  it("counts 50 both, 150 one only, 800 neither and gives 85% agreement", () => {
    const { counts } = comparePair(aRanges, bRanges, 1000);
    expect(counts).toEqual({ both: 50, aOnly: 150, bOnly: 0, neither: 800 });
    expect(percentAgreement(counts)).toBeCloseTo(0.85, 12);
  });

  it("gives kappa from NVivo's expected-frequency steps: ΣEF = (200·50 + 800·950)/1000 = 770, K = (850 − 770)/(1000 − 770)", () => {
    const { counts } = comparePair(aRanges, bRanges, 1000);
    // EF1 = coded by A × coded by B / N; EF2 = not coded by A × not coded by B / N.
    const ef = (200 * 50) / 1000 + (800 * 950) / 1000;
    expect(chanceAgreement(counts)).toBeCloseTo(ef / 1000, 12);
    expect(cohensKappa(counts)).toBeCloseTo((850 - ef) / (1000 - ef), 12);
    expect(cohensKappa(counts)).toBeCloseTo(0.347826, 5);
  });

  it("with the 150 split 75/75 agreement is still 85% and kappa is (0.85 − 0.78125)/(1 − 0.78125)", () => {
    const counts: AgreementCounts = { both: 50, aOnly: 75, bOnly: 75, neither: 800 };
    expect(percentAgreement(counts)).toBeCloseTo(0.85, 12);
    expect(chanceAgreement(counts)).toBeCloseTo((125 * 125 + 875 * 875) / 1e6, 12);
    expect(cohensKappa(counts)).toBeCloseTo(0.314286, 5);
  });
});

describe("Cohen's kappa, Wikipedia 'Cohen's kappa' worked example (50 grant proposals, two readers)", () => {
  // Both yes 20, A yes/B no 5, A no/B yes 10, both no 15: po = 0.7, pe = 0.5·0.6 + 0.5·0.4 = 0.5, κ = 0.4.
  const counts: AgreementCounts = { both: 20, aOnly: 5, bOnly: 10, neither: 15 };

  it("po = 0.7, pe = 0.5, kappa = 0.4 from the 2×2 table", () => {
    expect(percentAgreement(counts)).toBeCloseTo(0.7, 12);
    expect(chanceAgreement(counts)).toBeCloseTo(0.5, 12);
    expect(cohensKappa(counts)).toBeCloseTo(0.4, 12);
  });

  it("the same table laid out as character ranges gives the same kappa", () => {
    // Units 0-19 both, 20-24 A only, 25-34 B only, 35-49 neither.
    const { counts: swept } = comparePair(
      [{ start: 0, end: 25 }],
      [
        { start: 0, end: 20 },
        { start: 25, end: 35 },
      ],
      50,
    );
    expect(swept).toEqual(counts);
    expect(cohensKappa(swept)).toBeCloseTo(0.4, 12);
  });
});

describe("Cohen (1960) style: agreement no better than chance", () => {
  it("kappa is 0 when po equals pe (both coders code half, independently)", () => {
    // 25 both, 25 A only, 25 B only, 25 neither: po = 0.5, pe = 0.5.
    expect(cohensKappa({ both: 25, aOnly: 25, bOnly: 25, neither: 25 })).toBeCloseTo(0, 12);
  });
  it("kappa is −1 for complete disagreement with balanced margins", () => {
    expect(cohensKappa({ both: 0, aOnly: 50, bOnly: 50, neither: 0 })).toBeCloseTo(-1, 12);
  });
});

describe("Krippendorff (2011) 'Computing Krippendorff's Alpha-Reliability', section C: nominal data, 4 observers, 12 units, missing data", () => {
  // The reliability data matrix of the paper (observers A–D × units 1–12; null = missing).
  const data = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ];

  it("gives nominal alpha = 0.743", () => {
    const alpha = nominalAlpha(data);
    expect(alpha).not.toBeNull();
    expect(alpha ?? 0).toBeCloseTo(0.743, 3);
  });

  it("unit 12 (one value) pairs with nothing, so dropping it changes nothing", () => {
    const without12 = data.map((row) => row.slice(0, 11));
    expect(nominalAlpha(without12)).toBeCloseTo(nominalAlpha(data) ?? NaN, 12);
  });
});

describe("edge cases NVivo documents", () => {
  it("neither coder coded anything: 100% agreement and kappa 1 (complete agreement), not 0/0", () => {
    const { counts } = comparePair([], [], 500);
    expect(counts).toEqual({ both: 0, aOnly: 0, bOnly: 0, neither: 500 });
    expect(percentAgreement(counts)).toBe(1);
    expect(cohensKappa(counts)).toBe(1);
  });
  it("both coded the whole source: kappa 1", () => {
    expect(cohensKappa(comparePair([{ start: 0, end: 40 }], [{ start: 0, end: 40 }], 40).counts)).toBe(1);
  });
  it("one coder coded nothing and the other something: kappa 0 (NVivo: 'all my kappa coefficients are 0 or 1')", () => {
    expect(cohensKappa(comparePair([{ start: 0, end: 10 }], [], 100).counts)).toBeCloseTo(0, 12);
  });
});
