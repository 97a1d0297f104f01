/**
 * The headline figure of a coding comparison: Cohen's kappa and Krippendorff's alpha pooled over
 * every character of the code × source cells that at least one coder coded. Pure.
 *
 * Why pooled and why only coded cells: NVivo reports kappa per cell, and a cell nobody coded is
 * "complete agreement" (kappa 1). Averaging such cells in lets two coders who never coded the same
 * passage score "almost perfect" just because most codes are absent from most sources. Pooling the
 * 2×2 table over the coded cells' characters measures agreement where there was something to agree
 * on, and still counts the uncoded characters inside those sources (where the coders agreed that a
 * code does not apply). See docs/coding-comparison.md, "The headline figure".
 */

import { Coincidences } from "./alpha";
import { addCounts, cohensKappa, totalUnits, type AgreementCounts } from "./kappa";
import type { CodeId, SourceId } from "../ids";

/** The parts of one compared cell the pooled figure needs (a ComparisonCell has them all). */
export interface PoolableCell {
  codeId: CodeId;
  sourceId: SourceId;
  counts: AgreementCounts;
  coincidences: Coincidences;
}

export interface PooledAgreement {
  /** Cells with at least one character coded by A or B: the figure covers exactly these. */
  codedCells: number;
  /** Distinct codes and sources among the coded cells. */
  codes: number;
  sources: number;
  /** Characters pooled: the sum of the coded cells' source lengths. */
  length: number;
  /** The 2×2 table summed over the coded cells' characters. */
  counts: AgreementCounts;
  /** Cohen's kappa of the pooled table; null when nobody coded anything in scope. */
  kappa: number | null;
  /** Nominal alpha from the coded cells' pooled coincidences (every coder separately); null when undefined. */
  alpha: number | null;
  /** Code × source cells in scope that neither A nor B coded: left out of this figure. */
  uncodedCells: number;
}

/** Someone in A or B coded at least one character here (an empty or out-of-range coding is not coding). */
export function isCoded(counts: AgreementCounts): boolean {
  return counts.both + counts.aOnly + counts.bOnly > 0;
}

/**
 * Pools the coded cells of a comparison over `scope` (how many codes and sources were compared; the
 * cells nobody coded are scope.codes × scope.sources minus the coded cells).
 */
export function pooledAgreement(cells: readonly PoolableCell[], scope: { codes: number; sources: number }): PooledAgreement {
  const counts: AgreementCounts = { both: 0, aOnly: 0, bOnly: 0, neither: 0 };
  const coincidences = new Coincidences();
  const codes = new Set<string>();
  const sources = new Set<string>();
  let codedCells = 0;
  for (const cell of cells) {
    if (!isCoded(cell.counts)) continue;
    codedCells++;
    codes.add(cell.codeId);
    sources.add(cell.sourceId);
    addCounts(counts, cell.counts);
    coincidences.addAll(cell.coincidences);
  }
  return {
    codedCells,
    codes: codes.size,
    sources: sources.size,
    length: totalUnits(counts),
    counts,
    kappa: codedCells === 0 ? null : cohensKappa(counts),
    alpha: codedCells === 0 ? null : coincidences.alpha(),
    uncodedCells: Math.max(0, scope.codes * scope.sources - codedCells),
  };
}
