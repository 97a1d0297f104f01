import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";
import { snapToWords } from "../../../shared/coding/words";
import { offsetsToRange, rangeToOffsets, type TextOffsets } from "./selectionMapping";

/**
 * The viewer's selection as source offsets: `anchor` where it began, `focus` where the reading caret
 * is (equal when nothing is selected). It is the one truth for the keyboard caret, the coding tools
 * and the status line; the DOM selection shows it whenever its text is rendered.
 *
 *  - A mouse selection is read back from the DOM, and on release grown to whole words (snapToWords)
 *    unless Alt was held; the snapped range then becomes the real DOM selection.
 *  - Keyboard selections are exact (the researcher moved to the character or word they meant).
 *  - When the DOM selection leaves the transcript (focus goes to the palette's input, the memo…) or its
 *    rows are virtualised away, the selection is KEPT ("retained") and painted as a highlight: coding it
 *    must still be possible. A click in the text (or Escape) clears it.
 */
export interface SelectionModel {
  anchor: number;
  focus: number;
}

/** How long after a pointer press in the text a collapsing DOM selection counts as the researcher's. */
const GESTURE_MS = 1500;

/** The offsets a selection model stands for, without a lone block separator at either edge. */
export function modelOffsets(text: string, model: SelectionModel | null): TextOffsets | null {
  if (!model) return null;
  let start = Math.min(model.anchor, model.focus);
  let end = Math.max(model.anchor, model.focus);
  if (text.charCodeAt(start) === 10) start++;
  if (end > start && text.charCodeAt(end - 1) === 10) end--;
  return end > start ? { start, end } : null;
}

interface Applied {
  anchorNode: Node;
  anchorOffset: number;
  focusNode: Node;
  focusOffset: number;
}

export interface SelectionModelApi {
  model: SelectionModel | null;
  modelRef: RefObject<SelectionModel | null>;
  /** False when the selection is kept but not shown by the DOM (paint it instead). */
  domBacked: boolean;
  /** Sets the selection (or caret, when equal) and shows it in the DOM when rendered. */
  apply: (anchor: number, focus: number) => void;
  /** Shows the model in the DOM again (after a dialog took the DOM selection). */
  restore: () => void;
}

export function useSelectionModel({
  text,
  contentRef,
  scrollRef,
  onChange,
  onAnchorNode,
}: {
  text: string;
  contentRef: RefObject<HTMLElement | null>;
  scrollRef: RefObject<HTMLElement | null>;
  onChange: (offsets: TextOffsets | null) => void;
  /** Told which DOM node the selection starts in, so its row stays rendered (see TranscriptView). */
  onAnchorNode: (node: Node | null) => void;
}): SelectionModelApi {
  const [model, setModelState] = useState<SelectionModel | null>(null);
  const [domBacked, setDomBacked] = useState(true);
  const modelRef = useRef<SelectionModel | null>(null);
  const applied = useRef<Applied | null>(null);
  const gestureAt = useRef(-Infinity);
  const pointerSelect = useRef<{ alt: boolean } | null>(null);

  const setModel = useCallback((next: SelectionModel | null) => {
    const current = modelRef.current;
    if (current && next && current.anchor === next.anchor && current.focus === next.focus) return;
    modelRef.current = next;
    setModelState(next);
  }, []);

  const showInDom = useCallback(
    (next: SelectionModel): boolean => {
      const container = contentRef.current;
      const selection = container?.ownerDocument.getSelection();
      if (!container || !selection) return false;
      const a = offsetsToRange(next.anchor, next.anchor, container);
      const f = offsetsToRange(next.focus, next.focus, container);
      if (!a || !f) return false;
      selection.setBaseAndExtent(a.startContainer, a.startOffset, f.startContainer, f.startOffset);
      applied.current = {
        anchorNode: a.startContainer,
        anchorOffset: a.startOffset,
        focusNode: f.startContainer,
        focusOffset: f.startOffset,
      };
      onAnchorNode(a.startContainer);
      return true;
    },
    [contentRef, onAnchorNode],
  );

  const apply = useCallback(
    (anchor: number, focus: number) => {
      const clamp = (n: number) => Math.min(Math.max(0, n), text.length);
      const next = { anchor: clamp(anchor), focus: clamp(focus) };
      setModel(next);
      setDomBacked(showInDom(next));
    },
    [text.length, setModel, showInDom],
  );

  const restore = useCallback(() => {
    const current = modelRef.current;
    if (current) setDomBacked(showInDom(current));
  }, [showInDom]);

  // Publish what the model selects (null for a caret).
  const report = useRef(onChange);
  useLayoutEffect(() => {
    report.current = onChange;
  });
  const offsets = modelOffsets(text, model);
  const start = offsets?.start;
  const end = offsets?.end;
  useEffect(() => {
    report.current(start === undefined || end === undefined ? null : { start, end });
  }, [start, end]);

  // Follow the DOM selection (mouse, find, programmatic) once a frame at most.
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const container = contentRef.current;
      const selection = document.getSelection();
      if (!container || !selection || selection.rangeCount === 0) return;
      const done = applied.current;
      if (
        done &&
        selection.anchorNode === done.anchorNode &&
        selection.anchorOffset === done.anchorOffset &&
        selection.focusNode === done.focusNode &&
        selection.focusOffset === done.focusOffset
      ) {
        return; // our own selection, already in the model exactly
      }
      applied.current = null;
      const range = selection.getRangeAt(0);
      const recentGesture = performance.now() - gestureAt.current <= GESTURE_MS;
      if (!recentGesture && (selection.anchorNode === container || selection.focusNode === container)) {
        // The rows holding an end were virtualised away and the browser moved that end onto the
        // container: not the researcher's doing. Keep the selection (painted as a highlight).
        setDomBacked(false);
        return;
      }
      const inside = selection.anchorNode && selection.focusNode && selection.anchorNode.isConnected && selection.focusNode.isConnected;
      const offsets = inside ? rangeToOffsets(range, container) : null;
      if (!offsets) {
        // The selection went elsewhere (an input, another panel) or its rows are gone: keep ours.
        setDomBacked(false);
        return;
      }
      const current = modelRef.current;
      const collapsed = offsets.end <= offsets.start;
      if (collapsed && current && current.anchor !== current.focus && !recentGesture) {
        // Collapsed without a click in the text: rows re-rendered under it. Keep the selection.
        setDomBacked(false);
        return;
      }
      const forward = range.startContainer === selection.anchorNode && range.startOffset === selection.anchorOffset;
      setModel(forward ? { anchor: offsets.start, focus: offsets.end } : { anchor: offsets.end, focus: offsets.start });
      setDomBacked(true);
      onAnchorNode(collapsed ? null : selection.anchorNode);
    };
    const onChangeEvent = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    document.addEventListener("selectionchange", onChangeEvent);
    return () => {
      document.removeEventListener("selectionchange", onChangeEvent);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [contentRef, setModel, onAnchorNode]);

  // A mouse selection snaps to whole words when the button is released (not with Alt held).
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const onDown = (event: PointerEvent) => {
      const container = contentRef.current;
      if (event.button !== 0 || !container || !(event.target instanceof Node) || !container.contains(event.target)) return;
      gestureAt.current = performance.now();
      pointerSelect.current = { alt: event.altKey };
    };
    const onUp = (event: PointerEvent) => {
      const pressed = pointerSelect.current;
      pointerSelect.current = null;
      if (!pressed) return;
      gestureAt.current = performance.now();
      if (pressed.alt || event.altKey) return;
      // After the browser has finished the selection (and our rAF read it back).
      setTimeout(() => {
        requestAnimationFrame(() => {
          const current = modelRef.current;
          if (!current || current.anchor === current.focus) return;
          const from = Math.min(current.anchor, current.focus);
          const to = Math.max(current.anchor, current.focus);
          const snapped = snapToWords(text, from, to);
          if (snapped.end <= snapped.start || (snapped.start === from && snapped.end === to)) return;
          const forward = current.focus >= current.anchor;
          const anchor = forward ? snapped.start : snapped.end;
          const focus = forward ? snapped.end : snapped.start;
          // Ctrl+K straight after releasing the button: the palette's field already has the focus,
          // and moving the page's selection back into the text would take its typing away.
          if (typingElsewhere(contentRef.current)) {
            setModel({ anchor, focus });
            setDomBacked(false);
            return;
          }
          apply(anchor, focus);
        });
      }, 0);
    };
    scroller.addEventListener("pointerdown", onDown);
    document.addEventListener("pointerup", onUp);
    return () => {
      scroller.removeEventListener("pointerdown", onDown);
      document.removeEventListener("pointerup", onUp);
    };
  }, [scrollRef, contentRef, text, apply, setModel]);

  return { model, modelRef, domBacked, apply, restore };
}

/** Focus is in a text field outside the transcript (the quick-code palette, a memo, the find bar). */
function typingElsewhere(container: HTMLElement | null): boolean {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || container?.contains(active)) return false;
  return active.matches("input, textarea, select, [contenteditable='true']");
}
