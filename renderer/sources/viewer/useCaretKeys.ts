import { useCallback, useRef, type KeyboardEvent, type RefObject } from "react";
import type { Block } from "../../../shared/import/types";
import { moveCaret, type CaretUnit } from "../../../shared/text/caret";
import { caretRect, lineEdge, lineMove } from "./caretGeometry";
import { offsetsToRange } from "./selectionMapping";
import type { SelectionModelApi } from "./useSelectionModel";

/**
 * Keyboard selection in the transcript: the region is focusable and holds a reading caret that the
 * arrow keys move (Chromium's own caret browsing is off by default and unreliable with a virtualised
 * list, so the viewer does it over offsets). Shift extends the selection. See CARET_KEYS for the map.
 */
type Move = { unit: CaretUnit | "line" | "lineEdge"; direction: 1 | -1 };

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** The keys, for the shortcuts help. */
export const CARET_KEYS: readonly { keys: string; does: string }[] = [
  { keys: "Tab to the text", does: "Show the reading caret (at the first line in view)" },
  { keys: "← / →", does: "Move by one character" },
  { keys: isMac ? "⌥← / ⌥→" : "Ctrl+← / Ctrl+→", does: "Move to the previous word start / next word end" },
  { keys: "↑ / ↓", does: "Move by one line" },
  { keys: "Alt+↑ / Alt+↓", does: "Move to the sentence start / end" },
  { keys: isMac ? "⌘↑ / ⌘↓" : "Ctrl+↑ / Ctrl+↓", does: "Move to the paragraph start / end" },
  { keys: "Home / End", does: "Move to the start / end of the line" },
  { keys: isMac ? "⌘Home / ⌘End" : "Ctrl+Home / Ctrl+End", does: "Move to the start / end of the source" },
  { keys: "Shift + any of these", does: "Select from the caret" },
  { keys: "Escape", does: "Clear the selection" },
  { keys: "Shift+F10 or the Menu key", does: "Coding menu for the selection" },
];

function moveFor(event: KeyboardEvent): Move | null {
  const primary = isMac ? event.metaKey : event.ctrlKey;
  const word = isMac ? event.altKey : event.ctrlKey;
  switch (event.key) {
    case "ArrowLeft":
    case "ArrowRight": {
      const direction = event.key === "ArrowRight" ? 1 : -1;
      return { unit: word ? "word" : "character", direction };
    }
    case "ArrowUp":
    case "ArrowDown": {
      const direction = event.key === "ArrowDown" ? 1 : -1;
      if (event.altKey && !isMac) return { unit: "sentence", direction };
      if (primary) return { unit: "paragraph", direction };
      if (event.altKey) return { unit: "sentence", direction };
      return { unit: "line", direction };
    }
    case "Home":
    case "End": {
      const direction = event.key === "End" ? 1 : -1;
      return primary ? { unit: "document", direction } : { unit: "lineEdge", direction };
    }
    default:
      return null;
  }
}

export function useCaretKeys({
  text,
  blocks,
  contentRef,
  scrollRef,
  selection,
  ensureRendered,
  readingOffset,
  onMenuKey,
}: {
  text: string;
  blocks: readonly Block[];
  contentRef: RefObject<HTMLElement | null>;
  scrollRef: RefObject<HTMLElement | null>;
  selection: SelectionModelApi;
  /** Scrolls so the offset is rendered (and on screen). */
  ensureRendered: (offset: number) => Promise<void>;
  readingOffset: () => number;
  onMenuKey: () => void;
}): (event: KeyboardEvent<HTMLElement>) => void {
  // The column kept while moving up and down through lines of different length.
  const goalX = useRef<number | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const pending = useRef(0);
  const { apply, modelRef } = selection;

  const run = useCallback(
    async (move: Move, extend: boolean) => {
      const container = contentRef.current;
      const scroller = scrollRef.current;
      if (!container || !scroller) return;
      const current = modelRef.current ?? { anchor: readingOffset(), focus: readingOffset() };
      // The caret's row may have been scrolled out of the rendered window: bring it back first.
      if (!offsetsToRange(current.focus, current.focus, container)) await ensureRendered(current.focus);
      const from = current.focus;
      const collapsed = current.anchor === current.focus;
      if (move.unit !== "line") goalX.current = null;

      let to: number;
      if (!extend && !collapsed && move.unit === "character") {
        // As in a text editor: an arrow collapses a selection to its edge.
        to = move.direction > 0 ? Math.max(current.anchor, current.focus) : Math.min(current.anchor, current.focus);
      } else if (move.unit === "line") {
        goalX.current ??= caretRect(from, container)?.left ?? 0;
        to =
          lineMove(from, move.direction, goalX.current, container, scroller) ?? moveCaret(text, blocks, from, "paragraph", move.direction);
      } else if (move.unit === "lineEdge") {
        to =
          lineEdge(from, move.direction > 0 ? "end" : "start", text, container) ??
          moveCaret(text, blocks, from, "paragraph", move.direction);
      } else {
        to = moveCaret(text, blocks, from, move.unit, move.direction);
      }
      await ensureRendered(to);
      apply(extend ? current.anchor : to, to);
    },
    [contentRef, scrollRef, modelRef, readingOffset, ensureRendered, text, blocks, apply],
  );

  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      // Only the text itself: keys on the stripes (inside the same scroller) are theirs.
      if (event.target !== event.currentTarget) return;
      if (event.key === "ContextMenu" || (event.key === "F10" && event.shiftKey)) {
        event.preventDefault();
        onMenuKey();
        return;
      }
      if (event.key === "Escape") {
        const current = modelRef.current;
        if (current && current.anchor !== current.focus) {
          event.preventDefault();
          apply(current.focus, current.focus);
        }
        return;
      }
      const move = moveFor(event);
      if (!move) return;
      event.preventDefault();
      // Moves run in order (one may have to wait for rows to render); a held key that outpaces them
      // drops presses rather than queueing a long tail.
      if (pending.current >= 4) return;
      pending.current++;
      const extend = event.shiftKey;
      queue.current = queue.current
        .then(() => run(move, extend))
        .catch(() => undefined)
        .finally(() => {
          pending.current--;
        });
    },
    [run, onMenuKey, modelRef, apply],
  );
}
