import { plural } from "../../shared/text/plural";
import { useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { ComparisonCell } from "./computeComparison";
import { formatAlpha, formatPercent, formatShare, KappaValue, SHARE_PARTS } from "./format";

export type CellSort = "code" | "source" | "agreement" | "kappa" | "aOnly" | "bOnly";

interface Column {
  key: CellSort | null;
  label: string;
}

const COLUMNS: Column[] = [
  { key: "code", label: "Code" },
  { key: "source", label: "Source" },
  { key: "agreement", label: "Agreement" },
  { key: "kappa", label: "Kappa" },
  { key: "aOnly", label: "A only" },
  { key: "bOnly", label: "B only" },
  { key: null, label: "A and B" },
  { key: null, label: "Neither" },
];

// Literal class names (Tailwind scans for them): with and without the alpha column.
const GRID_TWO = "grid grid-cols-[minmax(6rem,2fr)_minmax(6rem,2fr)_5rem_8.5rem_4.5rem_4.5rem_4.5rem_4.5rem_7.5rem] items-center gap-x-1.5";
const GRID_ALPHA =
  "grid grid-cols-[minmax(6rem,2fr)_minmax(6rem,2fr)_5rem_8.5rem_4.5rem_4.5rem_4.5rem_4.5rem_4.5rem_7.5rem] items-center gap-x-1.5";
const ROW_HEIGHT = 40;
// One collator for 100,000-row sorts: much faster than localeCompare per comparison.
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/**
 * Every code × source that A or B coded, sortable, virtualised (500 codes × 1,000 sources is half a
 * million possible rows). An ARIA table so screen readers announce row and column positions.
 */
export function CellTable({
  cells,
  showAlpha,
  codeLabel,
  sourceName,
  selectedKey,
  onShowDisagreements,
}: {
  cells: readonly ComparisonCell[];
  showAlpha: boolean;
  codeLabel: (id: string) => string;
  sourceName: (id: string) => string;
  selectedKey: string | null;
  onShowDisagreements: (cell: ComparisonCell) => void;
}) {
  const [sort, setSort] = useState<{ key: CellSort; descending: boolean }>({ key: "kappa", descending: false });
  const sorted = useMemo(() => {
    const value = (c: ComparisonCell): number | string => {
      switch (sort.key) {
        case "code":
          return codeLabel(c.codeId);
        case "source":
          return sourceName(c.sourceId);
        case "agreement":
          return c.agreement;
        case "kappa":
          return c.kappa;
        case "aOnly":
          return c.length ? c.counts.aOnly / c.length : 0;
        case "bOnly":
          return c.length ? c.counts.bOnly / c.length : 0;
      }
    };
    const keyed = cells.map((c) => ({ c, v: value(c) }));
    keyed.sort((x, y) => {
      const order = typeof x.v === "string" && typeof y.v === "string" ? collator.compare(x.v, y.v) : Number(x.v) - Number(y.v);
      return (sort.descending ? -order : order) || (x.c.key < y.c.key ? -1 : x.c.key > y.c.key ? 1 : 0);
    });
    return keyed.map((k) => k.c);
  }, [cells, sort, codeLabel, sourceName]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => sorted[i]?.key ?? i,
  });
  const columns = showAlpha ? [...COLUMNS, { key: null, label: "Alpha" }] : COLUMNS;
  const GRID = showAlpha ? GRID_ALPHA : GRID_TWO;

  return (
    <div
      role="table"
      aria-label="Agreement by code and source"
      aria-rowcount={sorted.length + 1}
      className="flex min-h-0 flex-1 flex-col text-sm"
    >
      <div role="rowgroup" className="border-b border-slate-300 dark:border-slate-700">
        <div role="row" aria-rowindex={1} className={`${GRID} px-2 py-1 font-semibold`}>
          {columns.map((column) => (
            <div
              key={column.label}
              role="columnheader"
              aria-sort={column.key && sort.key === column.key ? (sort.descending ? "descending" : "ascending") : undefined}
            >
              {column.key ? (
                <button
                  type="button"
                  className="rounded px-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                  onClick={() => setSort((s) => ({ key: column.key ?? s.key, descending: s.key === column.key ? !s.descending : false }))}
                >
                  {column.label}
                  <span aria-hidden="true">{sort.key === column.key ? (sort.descending ? " ▼" : " ▲") : ""}</span>
                </button>
              ) : (
                column.label
              )}
            </div>
          ))}
          <div role="columnheader">
            <span className="sr-only">Disagreements</span>
          </div>
        </div>
      </div>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto">
        <div role="rowgroup" className="relative w-full" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {virtualizer.getVirtualItems().map((item) => {
            const cell = sorted[item.index];
            if (!cell) return null;
            const code = codeLabel(cell.codeId);
            const source = sourceName(cell.sourceId);
            const selected = cell.key === selectedKey;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`${GRID} absolute left-0 top-0 w-full border-b border-slate-200 px-2 dark:border-slate-800 ${selected ? "bg-blue-50 dark:bg-sky-950" : ""}`}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <div role="cell" className="truncate" title={code}>
                  {code}
                </div>
                <div role="cell" className="truncate" title={source}>
                  {source}
                </div>
                <div role="cell" className="tabular-nums">
                  {formatPercent(cell.agreement)}
                </div>
                <div role="cell">
                  <KappaValue kappa={cell.kappa} />
                </div>
                {SHARE_PARTS.map((part) => (
                  <div key={part} role="cell" className="tabular-nums">
                    {formatShare(cell.counts[part], cell.length)}
                  </div>
                ))}
                {showAlpha && (
                  <div role="cell" className="tabular-nums">
                    {formatAlpha(cell.alpha)}
                  </div>
                )}
                <div role="cell">
                  <button
                    type="button"
                    aria-label={`Show disagreements: ${code} in ${source}`}
                    disabled={cell.disagreements.length === 0}
                    onClick={() => onShowDisagreements(cell)}
                    className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800"
                  >
                    {cell.disagreements.length === 0 ? "No disagreements" : plural(cell.disagreements.length, "passage")}
                  </button>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
