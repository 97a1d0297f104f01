/**
 * Coding comparison as CSV: one row per code × source that A or B coded, a weighted-average row per
 * code and one for all codes. Written with the coded-segments CSV writer (UTF-8 BOM, every field
 * quoted, formula guard), so names like "=Other" stay text in a spreadsheet. Pure.
 */

import { toCsv, type CsvValue } from "../retrieval/csv";
import type { AgreementCounts } from "./kappa";
import { kappaBand } from "./comparison";

export interface ComparisonCsvRow {
  code: string;
  /** A source name, or a label for an average row. */
  source: string;
  length: number;
  counts: AgreementCounts;
  agreement: number;
  kappa: number;
  alpha: number | null;
}

export const COMPARISON_CSV_HEADER = [
  "Code",
  "Source",
  "Characters",
  "Agreement (%)",
  "Kappa",
  "Kappa reading",
  "A and B (%)",
  "Not A and not B (%)",
  "A and not B (%)",
  "B and not A (%)",
  "Krippendorff's alpha",
] as const;

const round = (value: number, places: number) => Number(value.toFixed(places));
const share = (part: number, length: number) => (length === 0 ? 0 : round((100 * part) / length, 2));

export function comparisonCsv(rows: readonly ComparisonCsvRow[], coders: { a: string; b: string }): string {
  const body: CsvValue[][] = rows.map((r) => [
    r.code,
    r.source,
    r.length,
    round(100 * r.agreement, 2),
    round(r.kappa, 4),
    kappaBand(r.kappa),
    share(r.counts.both, r.length),
    share(r.counts.neither, r.length),
    share(r.counts.aOnly, r.length),
    share(r.counts.bOnly, r.length),
    r.alpha === null ? "" : round(r.alpha, 4),
  ]);
  return toCsv([["Coder A", coders.a], ["Coder B", coders.b], [], COMPARISON_CSV_HEADER, ...body]);
}
