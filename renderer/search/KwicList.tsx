import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { KwicRow } from "../../shared/search/kwic";
import { hitKey, nextIndex } from "./searchState";

const ROW_HEIGHT = 36;
const COLUMNS = "grid grid-cols-[2rem_minmax(6rem,11rem)_minmax(6rem,11rem)_minmax(0,1fr)_auto_minmax(0,1fr)] items-center gap-x-2";

/**
 * Keyword in context, virtualised: only the rows near the viewport are drawn, so 30,000 hits scroll
 * like 30. A grid with one focus stop: arrows (and Page, Home, End) move the active row, Space ticks
 * or unticks it, Enter opens the hit in its source. The hit is bold between its left and right context.
 */
export function KwicList({
  rows,
  unticked,
  activeIndex,
  scrollTo,
  onActiveChange,
  onTick,
  onOpen,
}: {
  rows: readonly KwicRow[];
  unticked: ReadonlySet<string>;
  activeIndex: number;
  /** Bumped to bring activeIndex into view (a click in the per-source list). */
  scrollTo: number;
  onActiveChange: (index: number) => void;
  onTick: (row: KwicRow, ticked: boolean) => void;
  onOpen: (row: KwicRow) => void;
}) {
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => (rows[i] ? hitKey(rows[i]) : i),
  });
  const active = Math.min(activeIndex, rows.length - 1);

  // Back from a source, or a jump from the per-source list: show the row the researcher was on.
  useEffect(() => {
    if (active >= 0) virtualizer.scrollToIndex(active, { align: "auto" });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on mount and on an explicit jump
  }, [scrollTo]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 360) / ROW_HEIGHT) - 1);
    const next = nextIndex(event.key, active, rows.length, page);
    if (next !== null) {
      event.preventDefault();
      onActiveChange(next);
      virtualizer.scrollToIndex(next, { align: "auto" });
      return;
    }
    const row = rows[active];
    if (!row) return;
    if (event.key === "Enter") {
      event.preventDefault();
      onOpen(row);
    } else if (event.key === " ") {
      event.preventDefault();
      onTick(row, unticked.has(hitKey(row)));
    }
  };

  const rowId = (i: number) => `${id}-row-${i}`;
  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label="Hits"
      aria-rowcount={rows.length + 1}
      aria-colcount={6}
      aria-activedescendant={active >= 0 ? rowId(active) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="flex min-h-0 flex-1 flex-col text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
    >
      <div role="rowgroup">
        <div
          role="row"
          aria-rowindex={1}
          className={`${COLUMNS} border-b border-slate-300 px-2 py-1 text-xs font-semibold text-slate-700 dark:border-slate-700 dark:text-slate-300`}
        >
          <span role="columnheader">
            <span className="sr-only">Ticked</span>
          </span>
          <span role="columnheader">Source</span>
          <span role="columnheader">Location</span>
          <span role="columnheader" className="text-right">
            Before
          </span>
          <span role="columnheader">Hit</span>
          <span role="columnheader">After</span>
        </div>
      </div>
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-auto">
        <div role="rowgroup" className="relative w-full" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const ticked = !unticked.has(hitKey(row));
            const isActive = item.index === active;
            return (
              <div
                key={item.key}
                id={rowId(item.index)}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={isActive}
                onClick={() => {
                  onActiveChange(item.index);
                  // Arrows and Enter work from here on, as after a Tab to the list.
                  gridRef.current?.focus({ preventScroll: true });
                }}
                onDoubleClick={() => onOpen(row)}
                className={`${COLUMNS} absolute left-0 top-0 w-full cursor-default border-b border-slate-100 px-2 dark:border-slate-800 ${
                  isActive
                    ? "bg-blue-50 outline-2 -outline-offset-2 outline-blue-600 dark:bg-sky-950"
                    : "hover:bg-slate-50 dark:hover:bg-slate-800/60"
                }`}
                style={{ height: `${ROW_HEIGHT}px`, transform: `translateY(${item.start}px)` }}
              >
                <span role="gridcell">
                  <input
                    type="checkbox"
                    tabIndex={-1}
                    checked={ticked}
                    aria-label={`Code hit ${item.index + 1}`}
                    onChange={(e) => onTick(row, e.target.checked)}
                  />
                </span>
                <span role="gridcell" className="truncate" title={row.sourceName}>
                  <button
                    type="button"
                    tabIndex={-1}
                    onClick={() => onOpen(row)}
                    className="max-w-full truncate text-left text-blue-800 underline dark:text-sky-300"
                  >
                    {row.sourceName}
                  </button>
                </span>
                <span role="gridcell" className="truncate text-slate-700 dark:text-slate-300" title={row.location}>
                  {row.location}
                </span>
                <span role="gridcell" className="truncate text-right" style={{ direction: "rtl" }}>
                  {/* rtl + an embedded ltr run: the ellipsis cuts the start of the left context, keeping the words next to the hit. */}
                  <bdi dir="ltr">{row.left}</bdi>
                </span>
                <span role="gridcell" className="whitespace-pre font-bold text-slate-950 dark:text-white">
                  {row.hit}
                </span>
                <span role="gridcell" className="truncate">
                  {row.right}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
