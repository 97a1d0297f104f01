import { plural } from "../../shared/text/plural";
import { safeFileName } from "../../shared/text/fileName";
import { comparisonCsv, percentAgreement, type ComparisonCsvRow } from "../../shared/agreement";
import { csvBytes } from "../../shared/retrieval/csv";
import type { OpenProject } from "../db/projects";
import type { Host } from "../host/host";
import type { ComparisonResults } from "./computeComparison";

/**
 * Every coded cell, then each code's weighted average, then all codes: the table as it stands; then
 * the pooled headline. A code with no cells to average gets no average row (not a "kappa 1").
 */
export function comparisonRows(
  results: ComparisonResults,
  codeLabel: (id: string) => string,
  sourceName: (id: string) => string,
): ComparisonCsvRow[] {
  const rows: ComparisonCsvRow[] = [];
  const cellsByCode = new Map<string, ComparisonResults["cells"]>();
  for (const cell of results.cells) {
    const list = cellsByCode.get(cell.codeId);
    if (list) list.push(cell);
    else cellsByCode.set(cell.codeId, [cell]);
  }
  for (const summary of results.byCode) {
    const code = codeLabel(summary.codeId);
    const cells = [...(cellsByCode.get(summary.codeId) ?? [])].sort((a, b) => sourceName(a.sourceId).localeCompare(sourceName(b.sourceId)));
    for (const c of cells)
      rows.push({
        code,
        source: sourceName(c.sourceId),
        length: c.length,
        counts: c.counts,
        agreement: c.agreement,
        kappa: c.kappa,
        alpha: c.alpha,
      });
    if (summary.cells === 0) continue;
    const label = summary.cells === summary.scopeSources ? `All ${summary.cells} sources` : `The ${summary.cells} sources coded`;
    rows.push({ code, source: `${label} (weighted by length)`, ...summary });
  }
  if (results.overall.cells > 0) rows.push({ code: "All codes", source: "All sources", ...results.overall });
  const { pooled } = results;
  if (pooled.kappa !== null) {
    const cells = plural(pooled.codedCells, "code × source cell");
    rows.push({
      code: "Overall (pooled)",
      source: `The ${cells} someone coded`,
      length: pooled.length,
      counts: pooled.counts,
      agreement: percentAgreement(pooled.counts),
      kappa: pooled.kappa,
      alpha: pooled.alpha,
    });
  }
  return rows;
}

/** Saves the comparison as CSV; false when the researcher cancelled the save dialog. */
export function exportComparisonCsv(
  host: Host,
  project: OpenProject,
  results: ComparisonResults,
  names: { codeLabel: (id: string) => string; sourceName: (id: string) => string; coderA: string; coderB: string },
): Promise<boolean> {
  const csv = comparisonCsv(comparisonRows(results, names.codeLabel, names.sourceName), { a: names.coderA, b: names.coderB });
  return host.saveFile({
    suggestedName: `${safeFileName(`${project.entry.name} - coding comparison`, "Coding comparison")}.csv`,
    data: csvBytes(csv),
    mimeType: "text/csv;charset=utf-8",
    filters: [{ name: "CSV (comma separated)", extensions: ["csv"] }],
  });
}
