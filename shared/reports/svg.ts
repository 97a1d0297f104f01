/**
 * Charts as inline SVG strings (HTML export; the app draws its own in React). Each has a <title> and
 * <desc>, role="img" and an aria-labelledby pointing at them, and every value is printed as a number,
 * so the chart reads in greyscale and to a screen reader; the table beside it is the full alternative.
 */
import type { TableSection } from "./model";
import { escapeHtml } from "../text/escapeHtml";
import { rowLabels, slantedLabels } from "./chartLabels";

const ROW = 18;
const BAR = 300;
/** Widest row label before it is shortened from the middle (chartLabels.ts); the table below has it whole. */
const MAX_LABEL = 330;

/** Horizontal bars of one column: code frequencies. */
export function barChartSvg(t: TableSection, column: number): string {
  const values = t.rows.map((r) => r.values[column] ?? 0);
  const max = Math.max(1, ...values);
  const height = t.rows.length * ROW + 8;
  const id = `chart-${t.id}`;
  const { width: labelW, labels } = rowLabels(
    t.rows.map((r) => r.label),
    11,
    MAX_LABEL,
  );
  const bars = t.rows
    .map((r, i) => {
      const v = values[i] ?? 0;
      const w = Math.round((v / max) * BAR);
      const y = i * ROW + 4;
      return `<text x="${labelW - 6}" y="${y + 12}" text-anchor="end">${escapeHtml(labels[i] ?? "")}</text><rect x="${labelW}" y="${y + 2}" width="${w}" height="${ROW - 6}" fill="#4d4d4d"/><text x="${labelW + w + 4}" y="${y + 12}">${v}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${labelW + BAR + 50} ${height}" width="${labelW + BAR + 50}" height="${height}" font-size="11" font-family="sans-serif"><title id="${id}-t">${escapeHtml(t.title)}: bar chart of ${escapeHtml(t.columns[column] ?? "")}</title><desc id="${id}-d">${escapeHtml(t.caption)} The same numbers are in the table below.</desc>${bars}</svg>`;
}

/** Grey-scale heatmap of every value, each cell also showing its number. */
export function heatmapSvg(t: TableSection): string {
  const max = Math.max(1, ...t.rows.flatMap((r) => r.values));
  const cellW = 36;
  const { width: labelW, labels } = rowLabels(
    t.rows.map((r) => r.label),
    10,
    MAX_LABEL,
  );
  const columns = slantedLabels(t.columns, 10, 200, 50);
  const top = columns.height;
  const width = Math.max(labelW + t.columns.length * cellW, ...columns.reach.map((r, j) => labelW + j * cellW + cellW / 2 + r)) + 10;
  const height = top + t.rows.length * ROW + 8;
  const id = `chart-${t.id}`;
  const head = t.columns
    .map(
      (c, j) =>
        `<text transform="translate(${labelW + j * cellW + cellW / 2} ${top - 6}) rotate(-50)">${escapeHtml(columns.labels[j] ?? c)}</text>`,
    )
    .join("");
  const cells = t.rows
    .map((r, i) => {
      const y = top + i * ROW;
      const row = r.values
        .map((v, j) => {
          const g = Math.round(255 - (v / max) * 200);
          return `<rect x="${labelW + j * cellW}" y="${y}" width="${cellW - 1}" height="${ROW - 1}" fill="rgb(${g},${g},${g})"/><text x="${labelW + j * cellW + cellW / 2}" y="${y + 12}" text-anchor="middle" fill="${g < 128 ? "#fff" : "#000"}">${v}</text>`;
        })
        .join("");
      return `<text x="${labelW - 6}" y="${y + 12}" text-anchor="end">${escapeHtml(labels[i] ?? "")}</text>${row}`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-size="10" font-family="sans-serif"><title id="${id}-t">${escapeHtml(t.title)}: heatmap</title><desc id="${id}-d">${escapeHtml(t.caption)} Darker cells hold more codings; each cell shows its number. The same numbers are in the table below.</desc>${head}${cells}</svg>`;
}
