/**
 * Percentage agreement and Cohen's kappa over character units, as NVivo's coding comparison query
 * documents them (NVivo 9, 10 and 12 help, "Run a Coding Comparison query": "How is the percentage
 * agreement calculated?" and "How is the Kappa coefficient calculated?"). Pure.
 *
 * For one code in one source of N characters:
 *   a = characters coded by both A and B, b = by A only, c = by B only, d = by neither;
 *   agreement Po = (a + d) / N;
 *   chance agreement Pe = ((a + b)(a + c) + (c + d)(b + d)) / N²  (NVivo's ΣEF / N);
 *   kappa = (Po − Pe) / (1 − Pe).
 */

import { spanLength, sweep, unionSpans, type Span } from "./spans";

export interface AgreementCounts {
  /** Characters coded by both A and B. */
  both: number;
  /** Characters coded by A and not by B. */
  aOnly: number;
  /** Characters coded by B and not by A. */
  bOnly: number;
  /** Characters coded by neither. */
  neither: number;
}

export function totalUnits(c: AgreementCounts): number {
  return c.both + c.aOnly + c.bOnly + c.neither;
}

/** (a + d) / N; 1 for an empty source (nothing to disagree about). */
export function percentAgreement(c: AgreementCounts): number {
  const n = totalUnits(c);
  return n === 0 ? 1 : (c.both + c.neither) / n;
}

/** Pe = ((a+b)(a+c) + (c+d)(b+d)) / N². */
export function chanceAgreement(c: AgreementCounts): number {
  const n = totalUnits(c);
  if (n === 0) return 1;
  const codedA = c.both + c.aOnly;
  const codedB = c.both + c.bOnly;
  const uncodedA = c.bOnly + c.neither;
  const uncodedB = c.aOnly + c.neither;
  return (codedA * codedB + uncodedA * uncodedB) / (n * n);
}

/**
 * Cohen's kappa. Pe = 1 happens only when both coders coded nothing, or both coded everything: they
 * agree on every character, and NVivo's help documents "if the users are in complete agreement then
 * the Kappa coefficient (K) = 1", so that case is 1 rather than 0/0.
 */
export function cohensKappa(c: AgreementCounts): number {
  const pe = chanceAgreement(c);
  if (pe >= 1) return 1;
  return (percentAgreement(c) - pe) / (1 - pe);
}

/** A stretch where A and B differ: coded by A and not B ("A"), or by B and not A ("B"). */
export interface Disagreement extends Span {
  codedBy: "A" | "B";
}

export interface PairComparison {
  counts: AgreementCounts;
  /** Sorted, maximal: neighbouring pieces with the same side are merged. */
  disagreements: Disagreement[];
}

/**
 * Compares A's and B's ranges (each possibly overlapping; a group's members' ranges together) over a
 * source of `length` characters, by sweeping the sorted span boundaries.
 */
export function comparePair(aRanges: readonly Span[], bRanges: readonly Span[], length: number): PairComparison {
  const a = unionSpans(aRanges, length);
  const b = unionSpans(bRanges, length);
  const counts: AgreementCounts = { both: 0, aOnly: 0, bOnly: 0, neither: 0 };
  const disagreements: Disagreement[] = [];
  if (a.length === 0 && b.length === 0) {
    counts.neither = Math.max(0, length);
    return { counts, disagreements };
  }
  sweep([a, b], length, (start, end, [inA, inB]) => {
    const size = end - start;
    if (inA && inB) counts.both += size;
    else if (inA || inB) {
      if (inA) counts.aOnly += size;
      else counts.bOnly += size;
      const codedBy = inA ? "A" : "B";
      const last = disagreements[disagreements.length - 1];
      if (last && last.codedBy === codedBy && last.end === start) last.end = end;
      else disagreements.push({ start, end, codedBy });
    } else counts.neither += size;
  });
  return { counts, disagreements };
}

/** Counts only, without listing disagreements (cheaper for a whole-project summary). */
export function countAgreement(aRanges: readonly Span[], bRanges: readonly Span[], length: number): AgreementCounts {
  return comparePair(aRanges, bRanges, length).counts;
}

export function addCounts(into: AgreementCounts, c: AgreementCounts): AgreementCounts {
  into.both += c.both;
  into.aOnly += c.aOnly;
  into.bOnly += c.bOnly;
  into.neither += c.neither;
  return into;
}

export { spanLength };
