import { useCallback, useEffect, useSyncExternalStore } from "react";
import { useProject } from "./ProjectContext";
import { runHistoryStep, useUndoAnnouncement } from "./useUndoShortcuts";

/** How many main (non-fallback) UndoControls are on screen: fallbacks stand aside while one is. */
const placed = {
  count: 0,
  listeners: new Set<() => void>(),
  change(delta: number) {
    this.count += delta;
    for (const listener of this.listeners) listener();
  },
  subscribe(listener: () => void) {
    placed.listeners.add(listener);
    return () => placed.listeners.delete(listener);
  },
};

/**
 * Undo and Redo buttons for the open project's history, named after the change they would undo
 * ("Undo Renamed source"), with a status line saying what was undone.
 * `fallback`: a view that wants the buttons when the workspace header has none; it hides itself while
 * a main instance is on screen, so there is only ever one pair (and one status line).
 */
export function UndoControls({ fallback = false }: { fallback?: boolean }) {
  const project = useProject();
  const subscribe = useCallback((listener: () => void) => project.history.subscribe(listener), [project]);
  const undoLabel = useSyncExternalStore(subscribe, () => project.history.state().undoLabel);
  const redoLabel = useSyncExternalStore(subscribe, () => project.history.state().redoLabel);
  const message = useUndoAnnouncement();
  const mainPlaced = useSyncExternalStore(placed.subscribe, () => placed.count > 0);

  useEffect(() => {
    if (fallback) return;
    placed.change(1);
    return () => placed.change(-1);
  }, [fallback]);

  if (fallback && mainPlaced) return null;

  const button =
    "inline-flex items-center gap-1 rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-200 disabled:cursor-not-allowed disabled:text-slate-400 dark:text-slate-200 dark:hover:bg-slate-800 dark:disabled:text-slate-600";
  return (
    <div role="group" aria-label="Undo and redo" className="flex items-center gap-1">
      <button
        type="button"
        className={button}
        disabled={undoLabel === null}
        aria-label={undoLabel ? `Undo ${undoLabel}` : "Undo"}
        aria-keyshortcuts="Control+Z"
        title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : "Nothing to undo"}
        onClick={() => void runHistoryStep(project, "undo")}
      >
        <span aria-hidden="true">↶</span> Undo
      </button>
      <button
        type="button"
        className={button}
        disabled={redoLabel === null}
        aria-label={redoLabel ? `Redo ${redoLabel}` : "Redo"}
        aria-keyshortcuts="Control+Shift+Z Control+Y"
        title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z)` : "Nothing to redo"}
        onClick={() => void runHistoryStep(project, "redo")}
      >
        <span aria-hidden="true">↷</span> Redo
      </button>
      <span role="status" className="ml-1 max-w-[20rem] truncate text-xs text-slate-700 dark:text-slate-300">
        {message}
      </span>
    </div>
  );
}
