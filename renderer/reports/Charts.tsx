import { useId, type ReactNode } from "react";
import { rowLabels, slantedLabels } from "../../shared/reports";

/**
 * Hand-made SVG charts for reports: they print crisply at any size, need no library, and carry their
 * own accessible name, <title>/<desc> and a table alternative (shown in print when charts are off,
 * and always available to screen readers under a disclosure).
 */

export interface BarDatum {
  label: string;
  value: number;
}

const BAR_H = 18;
const GAP = 6;
const PLOT_W = 360;
/** Widest row label before it is shortened from the middle; the full label stays in the table and the <title>s. */
const MAX_ROW_LABEL_W = 330;

export function FrequencyBars({
  title,
  description,
  data,
  valueLabel,
  rowHeader,
}: {
  title: string;
  description: string;
  data: readonly BarDatum[];
  valueLabel: string;
  rowHeader: string;
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const height = data.length * (BAR_H + GAP) + GAP;
  const { width: labelW, labels } = rowLabels(
    data.map((d) => d.label),
    11,
    MAX_ROW_LABEL_W,
  );
  const width = labelW + PLOT_W + 60;
  return (
    <ChartFigure
      title={title}
      description={description}
      width={width}
      height={height}
      table={<ChartTable caption={title} headers={[rowHeader, valueLabel]} rows={data.map((d) => [d.label, String(d.value)])} />}
    >
      {data.map((d, i) => {
        const y = GAP + i * (BAR_H + GAP);
        const w = (d.value / max) * PLOT_W;
        return (
          <g key={`${d.label}-${i}`}>
            <text x={labelW - 6} y={y + BAR_H * 0.72} textAnchor="end" fontSize="11" fill="#111">
              {labels[i]}
            </text>
            {/* Dark fill with a black outline: reads the same in greyscale as in colour. */}
            <rect x={labelW} y={y} width={Math.max(w, 1)} height={BAR_H} fill="#4a5568" stroke="#000" strokeWidth="0.5">
              <title>{`${d.label}: ${d.value} ${valueLabel}`}</title>
            </rect>
            <text x={labelW + w + 4} y={y + BAR_H * 0.72} fontSize="11" fill="#111">
              {d.value}
            </text>
          </g>
        );
      })}
    </ChartFigure>
  );
}

export interface HeatmapData {
  rowLabels: readonly string[];
  columnLabels: readonly string[];
  /** values[row][column] */
  values: readonly (readonly number[])[];
}

const CELL_W = 56;
const CELL_H = 22;
/** Column labels slant up at this angle; a longer one is shortened from the middle to MAX_COLUMN_LABEL_W. */
const SLANT = 45;
const MAX_COLUMN_LABEL_W = 200;

/** Grey shades from white to near-black; the number printed in each cell is the real cue. */
function shade(value: number, max: number): { fill: string; text: string } {
  if (value <= 0 || max <= 0) return { fill: "#ffffff", text: "#111111" };
  const t = value / max;
  const level = Math.round(235 - t * 190);
  return { fill: `rgb(${level},${level},${level})`, text: level < 130 ? "#ffffff" : "#111111" };
}

export function Heatmap({
  title,
  description,
  data,
  cornerLabel,
}: {
  title: string;
  description: string;
  data: HeatmapData;
  cornerLabel: string;
}) {
  const max = Math.max(0, ...data.values.flat());
  const { width: rowLabelW, labels: rows } = rowLabels(data.rowLabels, 11, MAX_ROW_LABEL_W);
  const columns = slantedLabels(data.columnLabels, 10, MAX_COLUMN_LABEL_W, SLANT);
  const headH = columns.height;
  // Room on the right for the last columns' slanted labels.
  const cellsEnd = rowLabelW + data.columnLabels.length * CELL_W;
  const width = Math.max(cellsEnd, ...columns.reach.map((r, c) => rowLabelW + c * CELL_W + CELL_W / 2 + r)) + 4;
  const height = headH + data.rowLabels.length * CELL_H + 4;
  return (
    <ChartFigure
      title={title}
      description={description}
      width={width}
      height={height}
      table={
        <ChartTable
          caption={title}
          headers={[cornerLabel, ...data.columnLabels]}
          rows={data.rowLabels.map((label, r) => [label, ...data.columnLabels.map((_, c) => String(data.values[r]?.[c] ?? 0))])}
        />
      }
    >
      {data.columnLabels.map((label, c) => (
        <text
          key={`c-${c}`}
          transform={`translate(${rowLabelW + c * CELL_W + CELL_W / 2}, ${headH - 6}) rotate(-${SLANT})`}
          fontSize="10"
          fill="#111"
        >
          {columns.labels[c]}
        </text>
      ))}
      {data.rowLabels.map((label, r) => {
        const y = headH + r * CELL_H;
        return (
          <g key={`r-${r}`}>
            <text x={rowLabelW - 6} y={y + CELL_H * 0.7} textAnchor="end" fontSize="11" fill="#111">
              {rows[r]}
            </text>
            {data.columnLabels.map((col, c) => {
              const value = data.values[r]?.[c] ?? 0;
              const { fill, text } = shade(value, max);
              const x = rowLabelW + c * CELL_W;
              return (
                <g key={`v-${c}`}>
                  <rect x={x} y={y} width={CELL_W} height={CELL_H} fill={fill} stroke="#777" strokeWidth="0.5">
                    <title>{`${label} × ${col}: ${value}`}</title>
                  </rect>
                  <text x={x + CELL_W / 2} y={y + CELL_H * 0.7} textAnchor="middle" fontSize="11" fill={text}>
                    {value}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
    </ChartFigure>
  );
}

/** A chart's frame: the SVG with its accessible name and description, the printed caption and the table alternative. */
function ChartFigure({
  title,
  description,
  width,
  height,
  table,
  children,
}: {
  title: string;
  description: string;
  width: number;
  height: number;
  table: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="report-chart">
      {/* Natural size (1 unit = 1 CSS px), shrunk only when the page is narrower. */}
      <svg
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {children}
      </svg>
      <figcaption className="report-caption">{title}</figcaption>
      {table}
    </figure>
  );
}

/** A table's caption, column headers and rows (the first cell of each row is its header). */
interface TableData {
  caption: string;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}

/** The chart's numbers as a table: under a disclosure on screen, hidden in print (the chart prints). */
export function ChartTable({ caption, headers, rows }: TableData) {
  return (
    <details className="report-chart-table">
      <summary>Table: {caption}</summary>
      <DataTable caption={caption} headers={headers} rows={rows} />
    </details>
  );
}

export function DataTable({ caption, headers, rows }: TableData) {
  return (
    <table className="report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {headers.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, c) =>
              c === 0 ? (
                <th key={c} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={c}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
