import { useLayoutEffect, useState, type FocusEvent, type RefObject } from "react";
import { caretRect, type CaretBox } from "./caretGeometry";
import type { SelectionModelApi } from "./useSelectionModel";

/**
 * The reading caret: drawn (in frame coordinates) while the text has keyboard focus. Tabbing into the
 * text puts it at the first line in view, unless it is already on screen or something is selected.
 */
export function useReadingCaret({
  selection,
  contentRef,
  frameRef,
  readingOffset,
  layoutKey,
}: {
  selection: SelectionModelApi;
  contentRef: RefObject<HTMLElement | null>;
  frameRef: RefObject<HTMLElement | null>;
  readingOffset: () => number;
  /** Re-measure when this changes (rows rendered, moved or re-wrapped). */
  layoutKey: string;
}) {
  const [focused, setFocused] = useState(false);
  const [caret, setCaret] = useState<CaretBox | null>(null);
  const { model, modelRef, domBacked, apply, restore } = selection;
  const caretAt = model?.focus;

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget) return;
    setFocused(true);
    if (!event.currentTarget.matches(":focus-visible")) return;
    const container = contentRef.current;
    const current = modelRef.current;
    const box = current && container ? caretRect(current.focus, container) : null;
    const view = event.currentTarget.getBoundingClientRect();
    const onScreen = box && box.top >= view.top && box.top + box.height <= view.bottom;
    if (!current || (!onScreen && current.anchor === current.focus)) {
      const at = readingOffset();
      apply(at, at);
    } else if (!domBacked) {
      restore();
    }
  };
  const onBlur = (event: FocusEvent<HTMLElement>) => {
    if (event.target === event.currentTarget) setFocused(false);
  };

  useLayoutEffect(() => {
    const container = contentRef.current;
    const frame = frameRef.current;
    if (!focused || caretAt === undefined || !container || !frame) {
      setCaret(null);
      return;
    }
    const box = caretRect(caretAt, container);
    const origin = frame.getBoundingClientRect();
    setCaret(box ? { left: box.left - origin.left, top: box.top - origin.top, height: box.height } : null);
  }, [focused, caretAt, layoutKey, contentRef, frameRef]);

  return { caret, caretAt, onFocus, onBlur };
}
