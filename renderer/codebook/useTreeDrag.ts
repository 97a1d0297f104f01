import { useEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from "react";
import { canMove, type CodeIndex, type MoveTarget } from "../../shared/coding/codeTree";
import type { CodeRecord } from "../../shared/model/records";
import type { TextSelection } from "../project/codingSession";
import { useSession } from "../project/ProjectContext";
import type { DropMark, RowHandlers } from "./CodeTreeRow";
import type { TreeRow } from "./treeRows";
import { SELECTION_DRAG_TYPE } from "../ui/selectionDrag";

/** A code being dragged within the tree (its id). */
export const CODE_DRAG_TYPE = "application/x-margin-code";

export interface DragActions {
  move: (id: string, target: MoveTarget) => void;
  /** `selection` is what the drag carried, or null to use the session's current selection. */
  codeDrop: (codeId: string, selection: TextSelection | null) => void;
}

export function parseSelectionDrag(data: string): TextSelection | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== "object" || value === null) return null;
    const { sourceId, start, end } = value as Record<string, unknown>;
    if (typeof sourceId !== "string" || typeof start !== "number" || typeof end !== "number") return null;
    return { sourceId, start, end };
  } catch {
    return null;
  }
}

type DragRowHandlers = Pick<RowHandlers, "onDragStart" | "onDragOver" | "onDragLeave" | "onDrop" | "onDragEnd">;

/**
 * Drag and drop on the tree: a code dropped on the top or bottom quarter of another goes before or
 * after it, on the middle inside it (never into itself or its own sub-codes); a viewer selection
 * dropped anywhere on a code is coded there.
 */
export function useTreeDrag(index: CodeIndex<CodeRecord>, actions: RefObject<DragActions>) {
  const session = useSession();
  const dragId = useRef<string | null>(null);
  const indexRef = useRef(index);
  useEffect(() => {
    indexRef.current = index;
  });
  const [mark, setMark] = useState<{ id: string; mark: DropMark } | null>(null);
  const [backgroundMark, setBackgroundMark] = useState(false);

  const rowHandlers = useMemo<DragRowHandlers>(() => {
    const kind = (e: DragEvent): "code" | "selection" | null => {
      const types = Array.from(e.dataTransfer.types);
      if (types.includes(CODE_DRAG_TYPE)) return dragId.current ? "code" : null;
      if (types.includes(SELECTION_DRAG_TYPE)) return "selection";
      // Text dragged natively from the viewer: code the selection the viewer published.
      if (types.includes("text/plain") && session.getState().selection) return "selection";
      return null;
    };
    const place = (row: TreeRow, e: DragEvent): { mark: DropMark; target: MoveTarget } | null => {
      const dragged = dragId.current;
      const id = row.code.id;
      if (!dragged || dragged === id) return null;
      const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
      const y = box.height > 0 ? (e.clientY - box.top) / box.height : 0.5;
      const at: DropMark = y < 0.25 ? "before" : y > 0.75 ? "after" : "inside";
      const idx = indexRef.current;
      // Just below an open code is its first child's place, which is where the line is drawn.
      const intoRow = at === "inside" || (at === "after" && row.expanded);
      const parentId = intoRow ? id : (idx.parentOf.get(id) ?? null);
      if (!canMove(idx, dragged, parentId)) return null;
      if (at === "inside")
        return { mark: at, target: { parentId: id, index: (idx.children.get(id) ?? []).filter((c) => c.id !== dragged).length } };
      if (intoRow) return { mark: at, target: { parentId: id, index: 0 } };
      return { mark: at, target: at === "before" ? { before: id } : { after: id } };
    };
    const show = (id: string, m: DropMark) => setMark((old) => (old?.id === id && old.mark === m ? old : { id, mark: m }));
    const clear = () => {
      setMark(null);
      setBackgroundMark(false);
    };
    return {
      onDragStart: (id, e) => {
        dragId.current = id;
        e.dataTransfer.setData(CODE_DRAG_TYPE, id);
        e.dataTransfer.effectAllowed = "move";
      },
      onDragOver: (row, e) => {
        const k = kind(e);
        if (!k) return;
        e.stopPropagation();
        if (k === "selection") {
          e.preventDefault();
          if (/copy|all|uninitialized/i.test(e.dataTransfer.effectAllowed)) e.dataTransfer.dropEffect = "copy";
          show(row.code.id, "code");
          return;
        }
        const p = place(row, e);
        if (!p) {
          setMark(null);
          return; // not preventing the default: the drop is refused
        }
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
        show(row.code.id, p.mark);
      },
      onDragLeave: (id, e) => {
        if ((e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) return;
        setMark((old) => (old?.id === id ? null : old));
      },
      onDrop: (row, e) => {
        const k = kind(e);
        if (!k) return;
        e.preventDefault();
        e.stopPropagation();
        clear();
        if (k === "selection") {
          actions.current.codeDrop(row.code.id, parseSelectionDrag(e.dataTransfer.getData(SELECTION_DRAG_TYPE)));
          return;
        }
        const p = place(row, e);
        const dragged = dragId.current;
        dragId.current = null;
        if (p && dragged) actions.current.move(dragged, p.target);
      },
      onDragEnd: () => {
        dragId.current = null;
        clear();
      },
    };
  }, [session, actions]);

  // Below the last code: the end of the top level.
  const onBackgroundDragOver = (e: DragEvent) => {
    if (!dragId.current || !Array.from(e.dataTransfer.types).includes(CODE_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    setMark(null);
    setBackgroundMark(true);
  };
  const onBackgroundDrop = (e: DragEvent) => {
    const dragged = dragId.current;
    if (!dragged) return;
    e.preventDefault();
    dragId.current = null;
    setBackgroundMark(false);
    const top = (index.children.get(null) ?? []).filter((c) => c.id !== dragged).length;
    actions.current.move(dragged, { parentId: null, index: top });
  };
  const onBackgroundDragLeave = (e: DragEvent) => {
    if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setBackgroundMark(false);
  };

  return {
    rowHandlers,
    markFor: (id: string): DropMark | null => (mark?.id === id ? mark.mark : null),
    backgroundMark,
    onBackgroundDragOver,
    onBackgroundDrop,
    onBackgroundDragLeave,
  };
}
