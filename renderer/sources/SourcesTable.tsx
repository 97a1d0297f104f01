import { useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { SOURCE_KINDS, type SourceKind, type SourceRecord } from "../../shared/model/records";
import type { SortDirection, SourceListRow, SourceSortKey } from "../../shared/sources/listing";
import { sourceHref } from "../app/router";
import { formatDate } from "../../shared/text/dates";

const COLUMNS: { key: SourceSortKey; label: string; numeric?: boolean }[] = [
  { key: "name", label: "Name" },
  { key: "kind", label: "Kind" },
  { key: "cases", label: "Cases" },
  { key: "words", label: "Words", numeric: true },
  { key: "codings", label: "Codings", numeric: true },
  { key: "imported", label: "Imported" },
];

const GRID = "grid grid-cols-[minmax(12rem,3fr)_9rem_minmax(6rem,2fr)_5rem_5rem_7rem_8.5rem] items-center";
const ROW_HEIGHT = 36;
const numberFormat = new Intl.NumberFormat();

/** The sources list, virtualised: only the rows on screen are in the DOM, so 1,000 sources scroll smoothly. */
export function SourcesTable({
  projectId,
  rows,
  sort,
  onSort,
  onKindChange,
  onRename,
  onDelete,
}: {
  projectId: string;
  rows: SourceListRow[];
  sort: { key: SourceSortKey; direction: SortDirection };
  onSort: (key: SourceSortKey) => void;
  onKindChange: (source: SourceRecord, kind: SourceKind) => void;
  onRename: (source: SourceRecord) => void;
  onDelete: (source: SourceRecord) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  return (
    <div role="table" aria-label="Sources" aria-rowcount={rows.length + 1} className="flex min-h-0 flex-1 flex-col text-sm">
      <div role="rowgroup" className="border-b border-slate-300 bg-slate-100 dark:border-slate-700 dark:bg-slate-800">
        <div role="row" aria-rowindex={1} className={`${GRID} px-3`}>
          {COLUMNS.map((column) => (
            <div
              key={column.key}
              role="columnheader"
              aria-sort={sort.key === column.key ? sort.direction : "none"}
              className={column.numeric ? "text-right" : ""}
            >
              <button
                type="button"
                onClick={() => onSort(column.key)}
                className="w-full px-1 py-1.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-700 hover:text-slate-950 dark:text-slate-300 dark:hover:text-white"
                style={column.numeric ? { textAlign: "right" } : undefined}
              >
                {column.label}
                <span aria-hidden="true">{sort.key === column.key ? (sort.direction === "ascending" ? " ▲" : " ▼") : ""}</span>
              </button>
            </div>
          ))}
          <div role="columnheader" className="px-1 text-xs">
            <span className="sr-only">Actions</span>
          </div>
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="min-h-0 flex-1 overflow-auto" data-testid="sources-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const { source } = row;
            return (
              <div
                key={source.id}
                role="row"
                aria-rowindex={item.index + 2}
                className={`${GRID} absolute inset-x-0 border-b border-slate-200 px-3 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900`}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                <div role="cell" className="min-w-0 px-1">
                  {/* The whole link stays inside its cell; a long name ends in "…" and shows in full on hover. */}
                  <a
                    href={sourceHref(projectId, source.id)}
                    title={source.name}
                    className="block truncate font-medium text-blue-800 hover:underline dark:text-sky-300"
                  >
                    {source.name}
                  </a>
                </div>
                <div role="cell" className="px-1">
                  <select
                    aria-label={`Kind of ${source.name}`}
                    value={source.kind}
                    onChange={(e) => onKindChange(source, e.target.value as SourceKind)}
                    className="w-full rounded border border-transparent bg-transparent px-1 py-0.5 hover:border-slate-300 dark:hover:border-slate-600"
                  >
                    {SOURCE_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {k}
                      </option>
                    ))}
                  </select>
                </div>
                <div role="cell" className="truncate px-1 text-slate-700 dark:text-slate-300">
                  {row.caseNames.join(", ")}
                </div>
                <div role="cell" className="px-1 text-right tabular-nums">
                  {numberFormat.format(source.wordCount)}
                </div>
                <div role="cell" className="px-1 text-right tabular-nums">
                  {numberFormat.format(row.codings)}
                </div>
                <div role="cell" className="px-1 text-slate-700 dark:text-slate-300">
                  {formatDate(source.importedAt)}
                </div>
                <div role="cell" className="flex justify-end gap-1 px-1">
                  <button
                    type="button"
                    aria-label={`Rename ${source.name}`}
                    onClick={() => onRename(source)}
                    className="rounded px-1.5 py-0.5 text-xs hover:bg-slate-200 dark:hover:bg-slate-700"
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    aria-label={`Delete ${source.name}`}
                    onClick={() => onDelete(source)}
                    className="rounded px-1.5 py-0.5 text-xs text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950"
                  >
                    Delete
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
