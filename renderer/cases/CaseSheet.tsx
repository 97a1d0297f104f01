import { plural } from "../../shared/text/plural";
import { describeError } from "../../shared/describeError";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import type { AttributeRecord, CaseRecord } from "../../shared/model/records";
import { ATTRIBUTE_TYPE_LABELS, cleanName, formatAttributeValue, nameKey, parseAttributeValue } from "../../shared/cases/values";
import { renameCase, setCaseValue, type CaseWithSources } from "../db/cases";
import { useProject } from "../project/ProjectContext";
import { CellEditor, type EditorMove } from "./CellEditor";

/**
 * A sheet position. Row -1 is the header row; column 0 is the case name, 1 its sources, then (once the
 * project has case passages) 2 its passages, then attributes.
 */
export interface Cell {
  row: number;
  col: number;
}

const ROW_HEIGHT = 36;

/**
 * The cases × attributes sheet: a virtualised ARIA grid that edits like a spreadsheet. Arrow keys,
 * Home/End and Page Up/Down move; Enter, F2 or typing edits; Enter saves and moves down, Tab saves and
 * moves right, Escape cancels; Delete clears a value.
 */
export function CaseSheet({
  rows,
  attributes,
  active: wanted,
  onActiveChange,
  onOpenSources,
  onOpenPassages,
  showPassages = false,
  onEditAttribute,
  onStatus,
}: {
  rows: CaseWithSources[];
  attributes: AttributeRecord[];
  active: Cell;
  onActiveChange: (cell: Cell) => void;
  onOpenSources: (c: CaseRecord) => void;
  /** Lists a case's passages; the column shows only when `showPassages` (the project has case passages). */
  onOpenPassages?: (c: CaseRecord) => void;
  showPassages?: boolean;
  onEditAttribute: (a: AttributeRecord) => void;
  onStatus: (message: string) => void;
}) {
  const project = useProject();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [editing, setEditing] = useState<{ cell: Cell; initial: string } | null>(null);
  // Set when the active cell should take focus once it is rendered (it may be scrolled out of view).
  const wantFocus = useRef(false);
  const fixedColumns = showPassages ? 3 : 2;
  const passagesCol = showPassages ? 2 : -1;
  const colCount = fixedColumns + attributes.length;
  const lastRow = rows.length - 1;
  // The active cell kept inside the sheet when rows are filtered or deleted (the header when there are none).
  const active: Cell = { row: Math.min(wanted.row, lastRow), col: Math.min(wanted.col, colCount - 1) };

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      // Keep the active row rendered so the sheet always has a cell to Tab back into.
      if (active.row >= 0 && active.row < range.count && !indexes.includes(active.row))
        return [...indexes, active.row].sort((a, b) => a - b);
      return indexes;
    },
    [active.row],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: ROW_HEIGHT,
    scrollPaddingStart: ROW_HEIGHT,
    rangeExtractor,
  });

  useEffect(() => {
    if (!wantFocus.current || editing) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-cell="${active.row}:${active.col}"]`);
    if (el) {
      wantFocus.current = false;
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  });

  const moveTo = (cell: Cell) => {
    const next = { row: Math.max(-1, Math.min(lastRow, cell.row)), col: Math.max(0, Math.min(colCount - 1, cell.col)) };
    wantFocus.current = true;
    if (next.row >= 0) virtualizer.scrollToIndex(next.row, { align: "auto" });
    onActiveChange(next);
  };

  const attributeAt = (col: number): AttributeRecord | undefined => attributes[col - fixedColumns];

  const startEdit = (cell: Cell, typed: string | null) => {
    const row = rows[cell.row];
    if (!row) {
      const attribute = cell.row === -1 ? attributeAt(cell.col) : undefined;
      if (attribute) onEditAttribute(attribute);
      return;
    }
    if (cell.col === 1) return onOpenSources(row.record);
    if (cell.col === passagesCol) return onOpenPassages?.(row.record);
    const attribute = attributeAt(cell.col);
    const current = cell.col === 0 ? row.record.name : formatAttributeValue(attribute ? row.record.values[attribute.id] : null);
    let initial = typed ?? current;
    if (attribute?.type === "category") {
      // A select cannot hold typed text: typing picks the first option starting with that letter.
      const lower = (typed ?? "").toLowerCase();
      initial = typed === null ? current : (attribute.options.find((o) => o.toLowerCase().startsWith(lower)) ?? current);
    }
    setEditing({ cell, initial });
  };

  /** Checks the draft now (message, or null), then saves in the background and moves on. */
  const commit = (cell: Cell, draft: string, move: EditorMove): string | null => {
    const row = rows[cell.row];
    if (!row) return null;
    const attribute = attributeAt(cell.col);
    let save: Promise<unknown> | null = null;
    if (attribute) {
      const check = parseAttributeValue(draft, attribute);
      if (!check.ok) return check.message;
      if (check.value !== (row.record.values[attribute.id] ?? null)) save = setCaseValue(project, row.record.id, attribute.id, draft);
    } else if (cell.col === 0) {
      const name = cleanName(draft);
      if (!name) return "A case needs a name.";
      const clash = rows.find((r) => r.record.id !== row.record.id && nameKey(r.record.name) === nameKey(name));
      if (clash) return `There is already a case called “${clash.record.name}”.`;
      if (name !== row.record.name) save = renameCase(project, row.record.id, name);
    }
    save?.catch((e: unknown) => onStatus(`Not saved: ${describeError(e)}`));
    setEditing(null);
    if (move === "down") moveTo({ row: Math.min(lastRow, cell.row + 1), col: cell.col });
    else if (move === "right" || move === "left") moveTo({ row: cell.row, col: cell.col + (move === "right" ? 1 : -1) });
    return null;
  };

  const clearValue = (cell: Cell) => {
    const row = rows[cell.row];
    const attribute = attributeAt(cell.col);
    if (!row || !attribute) return;
    setCaseValue(project, row.record.id, attribute.id, "").catch((e: unknown) => onStatus(describeError(e)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing) return;
    const { row, col } = active;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const ctrl = event.ctrlKey || event.metaKey;
    const moves: Record<string, Cell | undefined> = {
      ArrowUp: { row: row - 1, col },
      ArrowDown: { row: row + 1, col },
      ArrowLeft: { row, col: col - 1 },
      ArrowRight: { row, col: col + 1 },
      Home: ctrl ? { row: Math.min(0, lastRow), col: 0 } : { row, col: 0 },
      End: ctrl ? { row: lastRow, col: colCount - 1 } : { row, col: colCount - 1 },
      PageUp: { row: Math.max(row === -1 ? -1 : 0, row - page), col },
      PageDown: { row: row + page, col },
    };
    const target = moves[event.key];
    if (target) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === "Tab") {
      // Tab moves along the row like a spreadsheet, and leaves the sheet at either end of it.
      const next = col + (event.shiftKey ? -1 : 1);
      if (next < 0 || next >= colCount) return;
      event.preventDefault();
      moveTo({ row, col: next });
    } else if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      startEdit(active, null);
    } else if ((event.key === "Delete" || event.key === "Backspace") && row >= 0) {
      event.preventDefault();
      clearValue(active);
    } else if (event.key.length === 1 && !ctrl && !event.altKey && row >= 0 && col !== 1 && col !== passagesCol && event.key !== " ") {
      event.preventDefault();
      startEdit(active, event.key);
    }
  };

  // No repeat() for no attributes: `repeat(0, …)` is invalid CSS, which dropped the whole template and
  // stacked every cell of a row in one column, over the next rows.
  const template = [
    "minmax(12rem, 16rem) 8rem",
    ...(showPassages ? ["9rem"] : []),
    ...(attributes.length > 0 ? [`repeat(${attributes.length}, minmax(10rem, 12rem))`] : []),
  ].join(" ");
  const cellProps = (cell: Cell, extra: string) => ({
    "data-cell": `${cell.row}:${cell.col}`,
    "aria-colindex": cell.col + 1,
    tabIndex: active.row === cell.row && active.col === cell.col ? 0 : -1,
    onFocus: () => {
      if (active.row !== cell.row || active.col !== cell.col) onActiveChange(cell);
    },
    onDoubleClick: () => startEdit(cell, null),
    className: `relative flex min-w-0 items-center border-b border-r border-slate-200 px-2 text-sm outline-none focus-visible:z-10 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-blue-700 dark:border-slate-700 dark:focus-visible:ring-sky-400 ${
      active.row === cell.row && active.col === cell.col ? "bg-blue-50 dark:bg-sky-950" : ""
    } ${extra}`,
  });

  const editorFor = (cell: Cell, row: CaseWithSources): ReactNode => {
    if (!editing || editing.cell.row !== cell.row || editing.cell.col !== cell.col) return null;
    const attribute = attributeAt(cell.col);
    return (
      <CellEditor
        label={attribute ? `${attribute.name} of ${row.record.name}` : `Name of case ${row.record.name}`}
        initial={editing.initial}
        options={attribute?.type === "category" ? attribute.options : undefined}
        placeholder={attribute?.type === "date" ? "yyyy-mm-dd" : undefined}
        inputMode={attribute?.type === "number" ? "decimal" : "text"}
        onCommit={(draft, move) => commit(cell, draft, move)}
        onCancel={() => {
          setEditing(null);
          moveTo(cell);
        }}
        onBlurInvalid={(text) => {
          setEditing(null);
          onStatus(`Not saved: ${text}`);
        }}
      />
    );
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Cases and attributes"
      aria-rowcount={rows.length + 1}
      aria-colcount={colCount}
      onKeyDown={onKeyDown}
      className="relative min-h-0 flex-1 overflow-auto"
    >
      <div
        role="row"
        aria-rowindex={1}
        className="sticky top-0 z-20 grid w-max min-w-full bg-slate-100 font-medium dark:bg-slate-800"
        style={{ gridTemplateColumns: template, height: ROW_HEIGHT }}
      >
        <div role="columnheader" {...cellProps({ row: -1, col: 0 }, "")}>
          Case
        </div>
        <div role="columnheader" {...cellProps({ row: -1, col: 1 }, "")}>
          Sources
        </div>
        {showPassages && (
          <div role="columnheader" {...cellProps({ row: -1, col: passagesCol }, "")}>
            Passages
          </div>
        )}
        {attributes.map((a, i) => (
          <div
            key={a.id}
            role="columnheader"
            aria-label={a.name}
            {...cellProps({ row: -1, col: fixedColumns + i }, "justify-between gap-1")}
          >
            <span className="truncate" title={`${a.name} (${ATTRIBUTE_TYPE_LABELS[a.type]})`}>
              {a.name}
            </span>
            <button
              type="button"
              tabIndex={-1}
              aria-label={`Edit attribute ${a.name}`}
              onClick={() => onEditAttribute(a)}
              className="shrink-0 rounded px-1 text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-700"
            >
              <span aria-hidden="true">⋯</span>
            </button>
          </div>
        ))}
      </div>
      <div className="relative w-max min-w-full" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const r = item.index;
          return (
            <div
              key={row.record.id}
              role="row"
              aria-rowindex={r + 2}
              className="absolute left-0 top-0 grid w-max min-w-full bg-white dark:bg-slate-900"
              style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start - ROW_HEIGHT}px)` }}
            >
              <div role="rowheader" {...cellProps({ row: r, col: 0 }, "font-medium")}>
                {editorFor({ row: r, col: 0 }, row) ?? <span className="truncate">{row.record.name}</span>}
              </div>
              <div role="gridcell" {...cellProps({ row: r, col: 1 }, "")}>
                <button
                  type="button"
                  tabIndex={-1}
                  onClick={() => onOpenSources(row.record)}
                  aria-label={`${plural(row.sourceCount, "source")}: link or unlink sources for ${row.record.name}`}
                  className="rounded px-1 text-blue-800 underline-offset-2 hover:underline dark:text-sky-300"
                >
                  {plural(row.sourceCount, "source")}
                </button>
              </div>
              {showPassages && (
                <div role="gridcell" {...cellProps({ row: r, col: passagesCol }, "")}>
                  <button
                    type="button"
                    tabIndex={-1}
                    onClick={() => onOpenPassages?.(row.record)}
                    aria-label={`${plural(row.passageCount, "passage")}: show the passages of ${row.record.name}`}
                    className="rounded px-1 text-blue-800 underline-offset-2 hover:underline dark:text-sky-300"
                  >
                    {plural(row.passageCount, "passage")}
                  </button>
                </div>
              )}
              {attributes.map((a, i) => {
                const cell = { row: r, col: fixedColumns + i };
                return (
                  <div key={a.id} role="gridcell" {...cellProps(cell, a.type === "number" ? "justify-end tabular-nums" : "")}>
                    {editorFor(cell, row) ?? <span className="truncate">{formatAttributeValue(row.record.values[a.id])}</span>}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
