import { descendantIds } from "../../shared/coding/codeTree";
import {
  bucketCodings,
  compareCell,
  isCoded,
  observersOf,
  pooledAgreement,
  SummaryBuilder,
  type CellResult,
  type CodeGroup,
  type PooledAgreement,
  type Summary,
} from "../../shared/agreement";
import type { CodeRecord, CodingRecord } from "../../shared/model/records";
import type { ComparedSource } from "../db/comparison";
import type { ComparisonRequest } from "./comparisonState";

/** One row of the code × source table: a source where A or B coded the code. */
export interface ComparisonCell extends CellResult {
  key: string;
  codeId: string;
  sourceId: string;
}

export interface CodeSummary extends Summary {
  codeId: string;
  /** Sources where neither A nor B coded this code (full agreement; in the averages when the request counts them). */
  uncodedSources: number;
  /** Sources in scope. */
  scopeSources: number;
}

export interface ComparisonResults {
  cells: ComparisonCell[];
  byCode: CodeSummary[];
  overall: Summary;
  /** The headline: kappa and alpha pooled over the characters of the cells someone coded. */
  pooled: PooledAgreement;
  /** Whether the table's averages count cells nobody coded as complete agreement (NVivo's way). */
  countUncoded: boolean;
  /** Alpha is shown when more than two coders are compared. */
  observers: number;
}

/** The compared codes, each with its sub-codes when asked (NVivo's "aggregate" nodes). */
export function codeGroupsFor(codes: readonly CodeRecord[], request: ComparisonRequest): CodeGroup[] {
  const live = new Set(codes.map((c) => c.id));
  return request.codeIds
    .filter((id) => live.has(id))
    .map((codeId) => ({ codeId, memberIds: request.includeSubcodes ? [codeId, ...descendantIds(codes, codeId)] : [codeId] }));
}

/** The code ids whose codings must be read. */
export function codingCodeIds(groups: readonly CodeGroup[]): string[] {
  return [...new Set(groups.flatMap((g) => g.memberIds))].sort();
}

/** Work between yields to the event loop: small enough that typing and scrolling stay smooth. */
const SLICE_MS = 12;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Compares every chosen code in every chosen source, a slice at a time so the window stays
 * responsive on a seed-scale project; `onProgress(done, total)` counts codes. Stops early (returns
 * null) when `cancelled()` turns true because the researcher changed the question.
 */
export async function computeComparison(
  request: ComparisonRequest,
  groups: readonly CodeGroup[],
  sources: readonly ComparedSource[],
  codings: readonly CodingRecord[],
  onProgress: (done: number, total: number) => void,
  cancelled: () => boolean,
): Promise<ComparisonResults | null> {
  const chosen = request.sourceIds ? new Set(request.sourceIds) : null;
  const inScope = sources.filter((s) => !chosen || chosen.has(s.id));
  const lengthOf = new Map(inScope.map((s) => [s.id, s.charCount]));
  const totalLength = inScope.reduce((sum, s) => sum + s.charCount, 0);
  const coders = { a: request.coderA, b: request.coderB };
  const observers = observersOf(coders).length;
  const buckets = bucketCodings(codings, groups, coders, new Set(lengthOf.keys()));

  const cells: ComparisonCell[] = [];
  const byCode: CodeSummary[] = [];
  const overall = new SummaryBuilder(observers);
  let sliceStart = performance.now();
  for (const [i, group] of groups.entries()) {
    const summary = new SummaryBuilder(observers);
    let codedLength = 0;
    let codedSources = 0;
    const bySource = buckets.get(group.codeId) ?? new Map();
    for (const [sourceId, spans] of bySource) {
      const length = lengthOf.get(sourceId) ?? 0;
      const cell = compareCell(spans, coders, length);
      // A coding that covers no character of the text (out of range, empty) is not coding: such a
      // cell is one nobody coded, never a "kappa 1" among the coded ones.
      if (isCoded(cell.counts)) {
        cells.push({ ...cell, key: `${group.codeId}:${sourceId}`, codeId: group.codeId, sourceId });
        summary.add(cell);
        codedLength += length;
        codedSources++;
      }
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTask();
        if (cancelled()) return null;
        sliceStart = performance.now();
      }
    }
    const uncodedSources = inScope.length - codedSources;
    if (request.countUncoded) summary.addUncoded(uncodedSources, totalLength - codedLength);
    overall.addSummary(summary);
    byCode.push({ ...summary.result(), codeId: group.codeId, uncodedSources, scopeSources: inScope.length });
    onProgress(i + 1, groups.length);
  }
  const pooled = pooledAgreement(cells, { codes: groups.length, sources: inScope.length });
  return { cells, byCode, overall: overall.result(), pooled, countUncoded: request.countUncoded, observers };
}
