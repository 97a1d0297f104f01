import { useEffect, useId, useImperativeHandle, useMemo, useRef, type KeyboardEvent, type Ref } from "react";
import { defaultRangeExtractor, useVirtualizer, type Range } from "@tanstack/react-virtual";
import type { CodeIndex } from "../../shared/coding/codeTree";
import type { CodeCount } from "../../shared/coding/counts";
import type { CodeRecord } from "../../shared/model/records";
import type { CodeStep } from "../db/codes";
import { CodeTreeRow, type RowHandlers } from "./CodeTreeRow";
import type { TreeRow } from "./treeRows";
import { useTreeDrag, type DragActions } from "./useTreeDrag";

export interface TreeActions extends DragActions {
  select: (id: string) => void;
  setExpanded: (id: string, expanded: boolean) => void;
  expandSiblings: (id: string) => void;
  open: (id: string) => void;
  rename: (id: string) => void;
  remove: (id: string) => void;
  step: (id: string, step: CodeStep) => void;
  contextMenu: (id: string, at: { x: number; y: number }) => void;
  renameCommit: (id: string, name: string) => Promise<string | null>;
  renameCancel: (id: string) => void;
}

export interface CodeTreeHandle {
  /** Moves keyboard focus to a code's row (scrolling it into view). */
  focusCode: (id: string) => void;
  /** Scrolls a code's row into view without taking focus. */
  revealCode: (id: string) => void;
}

const ROW_HEIGHT = 30;
const ALT_STEPS: Record<string, CodeStep> = { ArrowUp: "up", ArrowDown: "down", ArrowRight: "indent", ArrowLeft: "outdent" };

/**
 * The codebook as a WAI-ARIA tree, virtualised so 500+ codes stay smooth. Selection follows focus
 * (single-select tree); the focused row is always rendered so Tab can reach it.
 */
export function CodeTree({
  rows,
  index,
  counts,
  includeSubCodes,
  filter,
  selectedId,
  editingId,
  actions,
  handle,
}: {
  rows: TreeRow[];
  index: CodeIndex<CodeRecord>;
  counts: Map<string, CodeCount> | undefined;
  includeSubCodes: boolean;
  filter: string;
  selectedId: string | null;
  editingId: string | null;
  actions: TreeActions;
  handle: Ref<CodeTreeHandle>;
}) {
  const hintId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<string | null>(null);
  const typed = useRef({ text: "", at: 0 });
  const actionsRef = useRef(actions);
  useEffect(() => {
    actionsRef.current = actions;
  });

  const rowIndex = useMemo(() => new Map(rows.map((r, i) => [r.code.id, i])), [rows]);
  const activeIndex = selectedId !== null && rowIndex.has(selectedId) ? (rowIndex.get(selectedId) ?? 0) : rows.length > 0 ? 0 : -1;
  const activeId = rows[activeIndex]?.code.id ?? null;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]?.code.id ?? i,
    rangeExtractor: (range: Range) => {
      const shown = defaultRangeExtractor(range);
      return activeIndex >= 0 && !shown.includes(activeIndex) ? [...shown, activeIndex].sort((a, b) => a - b) : shown;
    },
  });

  const focusCode = (id: string) => {
    const i = rowIndex.get(id);
    if (i === undefined) return;
    pendingFocus.current = id;
    if (id !== selectedId) actionsRef.current.select(id);
    virtualizer.scrollToIndex(i, { align: "auto" });
  };
  const focusRef = useRef(focusCode);
  useEffect(() => {
    focusRef.current = focusCode;
  });
  const revealRef = useRef<(id: string) => void>(() => {});
  useEffect(() => {
    revealRef.current = (id: string) => {
      const i = rowIndex.get(id);
      if (i !== undefined) virtualizer.scrollToIndex(i, { align: "auto" });
    };
  });
  useImperativeHandle(handle, () => ({ focusCode: (id) => focusRef.current(id), revealCode: (id) => revealRef.current(id) }), []);

  // After each render: a row asked to take focus does so once it is in the DOM.
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-code-id="${CSS.escape(id)}"]`);
    // Not while something inside the row has it (the rename box): then on the render that removes it.
    if (element && (!element.contains(document.activeElement) || document.activeElement === element)) {
      pendingFocus.current = null;
      element.focus();
    }
  });

  const drag = useTreeDrag(index, actionsRef);

  const handlers = useMemo<RowHandlers>(
    () => ({
      onClick: (id) => focusRef.current(id),
      onToggle: (id) => {
        const row = rows[rowIndex.get(id) ?? -1];
        if (row) actionsRef.current.setExpanded(id, !row.expanded);
      },
      onOpen: (id) => actionsRef.current.open(id),
      onContextMenu: (id, at) => {
        focusRef.current(id);
        actionsRef.current.contextMenu(id, at);
      },
      onRenameCommit: (id, name) => actionsRef.current.renameCommit(id, name),
      onRenameCancel: (id) => actionsRef.current.renameCancel(id),
      ...drag.rowHandlers,
    }),
    [rows, rowIndex, drag.rowHandlers],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (!target.matches("[role=treeitem]")) return;
    const at = rowIndex.get(target.dataset.codeId ?? "") ?? -1;
    const row = rows[at];
    if (!row) return;
    const id = row.code.id;
    const a = actionsRef.current;
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      const step = ALT_STEPS[event.key];
      if (step) {
        handled();
        a.step(id, step);
      }
      return;
    }
    if ((event.shiftKey && event.key === "F10") || event.key === "ContextMenu") {
      handled();
      const box = scrollRef.current?.querySelector(`[data-code-id="${CSS.escape(id)}"]`)?.getBoundingClientRect();
      a.contextMenu(id, { x: (box?.left ?? 0) + 24, y: box?.bottom ?? 0 });
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const go = (target: TreeRow | undefined) => {
      handled();
      if (target) focusCode(target.code.id);
    };
    switch (event.key) {
      case "ArrowDown":
        return go(rows[at + 1]);
      case "ArrowUp":
        return go(rows[at - 1]);
      case "Home":
        return go(rows[0]);
      case "End":
        return go(rows[rows.length - 1]);
      case "ArrowRight":
        if (row.hasChildren && !row.expanded) {
          handled();
          return a.setExpanded(id, true);
        }
        return go(row.expanded ? rows[at + 1] : undefined);
      case "ArrowLeft":
        if (row.expanded) {
          handled();
          return a.setExpanded(id, false);
        }
        return go(row.parentId !== null ? rows[rowIndex.get(row.parentId) ?? -1] : undefined);
      case "Enter":
        handled();
        return a.open(id);
      case "F2":
        handled();
        return a.rename(id);
      case "Delete":
      case "Backspace":
        handled();
        return a.remove(id);
      case "*":
        handled();
        return a.expandSiblings(id);
    }
    if (event.key.length === 1 && event.key !== " ") typeAhead(event.key, at, handled);
  };

  // Type-ahead: letters typed within half a second of each other find the next name starting with them.
  const typeAhead = (key: string, at: number, handled: () => void) => {
    handled();
    const now = Date.now();
    const text = now - typed.current.at < 500 ? typed.current.text + key.toLowerCase() : key.toLowerCase();
    typed.current = { text, at: now };
    const from = text.length === 1 ? at + 1 : at;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[(from + k) % rows.length];
      if (row?.code.name.toLowerCase().startsWith(text)) return focusCode(row.code.id);
    }
  };

  return (
    <>
      <p id={hintId} className="sr-only">
        Arrow keys move and open codes. Enter opens a code's properties, F2 renames, Delete deletes. Alt with Up or Down moves a code among
        its siblings; Alt with Right puts it inside the code above; Alt with Left moves it out. Shift+F10 opens more actions.
      </p>
      <div
        ref={scrollRef}
        role="tree"
        aria-label="Codes"
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          // Selection follows focus, however the row got it.
          const id = (e.target as HTMLElement).dataset.codeId;
          if (id && id !== selectedId && (e.target as HTMLElement).matches("[role=treeitem]")) actionsRef.current.select(id);
        }}
        onDragOver={drag.onBackgroundDragOver}
        onDrop={drag.onBackgroundDrop}
        onDragLeave={drag.onBackgroundDragLeave}
        className={`relative min-h-0 flex-1 overflow-auto ${drag.backgroundMark ? "outline-2 -outline-offset-2 outline-dashed outline-blue-700" : ""}`}
      >
        <div role="presentation" className="relative w-full" style={{ height: virtualizer.getTotalSize() + ROW_HEIGHT }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const withSubCodes = includeSubCodes || (row.hasChildren && !row.expanded);
            return (
              <CodeTreeRow
                key={item.key}
                row={row}
                index={item.index}
                start={item.start}
                selected={row.code.id === selectedId}
                tabbable={row.code.id === activeId}
                editing={row.code.id === editingId}
                filter={filter}
                count={counts?.get(row.code.id)}
                withSubCodes={withSubCodes}
                mark={drag.markFor(row.code.id)}
                handlers={handlers}
                measure={virtualizer.measureElement}
              />
            );
          })}
        </div>
      </div>
    </>
  );
}
