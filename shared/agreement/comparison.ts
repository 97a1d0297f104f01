/**
 * Coding comparison for codes × sources: per-cell results, length-weighted averages and Krippendorff's
 * alpha pooled over characters. Pure; the renderer runs it in chunks so the window stays responsive.
 */

import { Coincidences } from "./alpha";
import { addCounts, cohensKappa, comparePair, percentAgreement, type AgreementCounts, type Disagreement } from "./kappa";
import { sweep, unionSpans, type Span } from "./spans";
import type { CodeId, CoderId, SourceId } from "../ids";

export interface CoderSpan extends Span {
  coderId: CoderId;
}

/** Who is compared: coder group A against coder group B (NVivo "user groups"). */
export interface CoderGroups {
  a: readonly CoderId[];
  b: readonly CoderId[];
}

/** Distinct coders in A and B: the observers Krippendorff's alpha counts separately. */
export function observersOf(groups: CoderGroups): CoderId[] {
  return [...new Set([...groups.a, ...groups.b])];
}

export interface CellResult {
  /** Source length in characters (the weight in averages). */
  length: number;
  counts: AgreementCounts;
  agreement: number;
  kappa: number;
  /** Alpha over the individual coders of A and B; null when undefined (no variation). */
  alpha: number | null;
  disagreements: Disagreement[];
  coincidences: Coincidences;
}

/** Each coder's coded/not-coded value for every character, as weighted units. */
export function codingCoincidences(codings: readonly CoderSpan[], observers: readonly string[], length: number): Coincidences {
  const matrix = new Coincidences();
  if (observers.length < 2 || length <= 0) return matrix;
  const perCoder = observers.map((id) =>
    unionSpans(
      codings.filter((c) => c.coderId === id),
      length,
    ),
  );
  sweep(perCoder, length, (start, end, covered) => {
    let ones = 0;
    for (const c of covered) if (c) ones++;
    matrix.addBinaryUnit(ones, covered.length, end - start);
  });
  return matrix;
}

/** One code in one source. */
export function compareCell(codings: readonly CoderSpan[], groups: CoderGroups, length: number): CellResult {
  const inA = new Set(groups.a);
  const inB = new Set(groups.b);
  const { counts, disagreements } = comparePair(
    codings.filter((c) => inA.has(c.coderId)),
    codings.filter((c) => inB.has(c.coderId)),
    length,
  );
  const coincidences = codingCoincidences(codings, observersOf(groups), length);
  return {
    length,
    counts,
    agreement: percentAgreement(counts),
    kappa: cohensKappa(counts),
    alpha: coincidences.alpha(),
    disagreements,
    coincidences,
  };
}

/** Averages over cells (sources of one code, or everything). */
export interface Summary {
  /** Cells (code × source pairs) included, coded or not. */
  cells: number;
  length: number;
  counts: AgreementCounts;
  /** Weighted by source length, so a long transcript weighs more than a short note. */
  agreement: number;
  kappa: number;
  /** Pooled over every character of every included cell (not an average of alphas). */
  alpha: number | null;
}

/**
 * Accumulates a weighted summary. Sources where neither group coded the code are added with
 * `addUncoded`: they are full agreement (kappa 1: complete agreement) and weigh in the average.
 */
export class SummaryBuilder {
  private cells = 0;
  private length = 0;
  private weightedAgreement = 0;
  private weightedKappa = 0;
  private readonly counts: AgreementCounts = { both: 0, aOnly: 0, bOnly: 0, neither: 0 };
  private readonly coincidences = new Coincidences();

  constructor(private readonly observerCount: number) {}

  add(cell: Pick<CellResult, "length" | "counts" | "agreement" | "kappa" | "coincidences">): this {
    this.cells++;
    this.length += cell.length;
    this.weightedAgreement += cell.length * cell.agreement;
    this.weightedKappa += cell.length * cell.kappa;
    addCounts(this.counts, cell.counts);
    this.coincidences.addAll(cell.coincidences);
    return this;
  }

  /** `count` cells totalling `length` characters that nobody in A or B coded. */
  addUncoded(count: number, length: number): this {
    if (count <= 0) return this;
    this.cells += count;
    this.length += length;
    this.weightedAgreement += length;
    this.weightedKappa += length;
    this.counts.neither += length;
    if (this.observerCount >= 2 && length > 0) this.coincidences.addBinaryUnit(0, this.observerCount, length);
    return this;
  }

  addSummary(other: SummaryBuilder): this {
    this.cells += other.cells;
    this.length += other.length;
    this.weightedAgreement += other.weightedAgreement;
    this.weightedKappa += other.weightedKappa;
    addCounts(this.counts, other.counts);
    this.coincidences.addAll(other.coincidences);
    return this;
  }

  result(): Summary {
    const empty = this.length === 0;
    return {
      cells: this.cells,
      length: this.length,
      counts: { ...this.counts },
      agreement: empty ? 1 : this.weightedAgreement / this.length,
      kappa: empty ? 1 : this.weightedKappa / this.length,
      alpha: this.coincidences.alpha(),
    };
  }
}

/** A code as compared: itself, or itself and its sub-codes ("aggregate" in NVivo's words). */
export interface CodeGroup {
  codeId: CodeId;
  memberIds: readonly CodeId[];
}

/**
 * Codings bucketed by compared code and source: only the cells someone in A or B coded. A coding
 * of a sub-code lands in every group that includes it.
 */
export function bucketCodings(
  codings: readonly (CoderSpan & { codeId: CodeId; sourceId: SourceId })[],
  groups: readonly CodeGroup[],
  coders: CoderGroups,
  sourceIds: ReadonlySet<SourceId>,
): Map<string, Map<string, CoderSpan[]>> {
  const groupsOfCode = new Map<string, string[]>();
  for (const g of groups) {
    for (const member of g.memberIds) {
      const list = groupsOfCode.get(member);
      if (list) list.push(g.codeId);
      else groupsOfCode.set(member, [g.codeId]);
    }
  }
  const compared = new Set(observersOf(coders));
  const out = new Map<string, Map<string, CoderSpan[]>>();
  for (const c of codings) {
    if (!compared.has(c.coderId) || !sourceIds.has(c.sourceId)) continue;
    for (const groupId of groupsOfCode.get(c.codeId) ?? []) {
      let bySource = out.get(groupId);
      if (!bySource) out.set(groupId, (bySource = new Map()));
      const list = bySource.get(c.sourceId);
      const span = { start: c.start, end: c.end, coderId: c.coderId };
      if (list) list.push(span);
      else bySource.set(c.sourceId, [span]);
    }
  }
  return out;
}

/** Landis & Koch (1977) bands: a common reading of kappa, always shown in words beside the value. */
export type KappaBand = "poor" | "slight" | "fair" | "moderate" | "substantial" | "almost perfect";

export function kappaBand(kappa: number): KappaBand {
  if (kappa < 0) return "poor";
  if (kappa <= 0.2) return "slight";
  if (kappa <= 0.4) return "fair";
  if (kappa <= 0.6) return "moderate";
  if (kappa <= 0.8) return "substantial";
  return "almost perfect";
}
