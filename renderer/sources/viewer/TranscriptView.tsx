import {
  memo,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent,
  type ReactNode,
  type Ref,
  type RefObject,
} from "react";
import { useVirtualizer, type Range as VirtualRange } from "@tanstack/react-virtual";
import { estimateItemHeight, type Decoration, type TranscriptLayout } from "../../../shared/text/layout";
import { blockIndexAt, type Transcript } from "../../../shared/text/transcript";
import { caretRect } from "./caretGeometry";
import { clearHighlights, paintHighlights, type TextHighlight } from "./highlights";
import { offsetsToRange, type TextOffsets } from "./selectionMapping";
import { TranscriptItem, type RenderContext } from "./TranscriptItem";
import { useCaretKeys } from "./useCaretKeys";
import { useReadingCaret } from "./useReadingCaret";
import { modelOffsets, useSelectionModel } from "./useSelectionModel";

/** What the page (and later the coding tools) can ask of the viewer. */
export interface TranscriptHandle {
  /** Scrolls so [start, end) is in view (rendering its block first) and returns its DOM range. */
  scrollToOffsets(start: number, end: number): Promise<Range | null>;
  /** The element holding the rendered blocks: the `container` for rangeToOffsets/offsetsToRange. */
  container(): HTMLElement | null;
  /** Offset of the first block in view: where the researcher is reading. */
  readingOffset(): number;
  /** Moves keyboard focus to the text. */
  focus(): void;
  /** Where the reading caret is (the moving end of the selection), or null before there is one. */
  caretOffset(): number | null;
  /**
   * The selected text right now (null for a bare caret): the viewer's own model, which the coding
   * commands read so they never act on a selection a frame or a render behind (issue 14, item 5).
   */
  selectedOffsets(): TextOffsets | null;
  /**
   * Selects [start, end) of the source and scrolls it into view. The selection (what a coding command
   * acts on) changes at once; it shows in the DOM once its rows are rendered.
   */
  select(start: number, end: number): Promise<void>;
  /** Shows the kept selection in the DOM again (after a dialog took it), focusing the text if asked. */
  restoreSelection(focusText: boolean): void;
  /** Screen point under the caret, e.g. to open a menu from the keyboard. */
  caretPoint(): { x: number; y: number } | null;
}

/** What the margin beside the text (the coding stripes) is told about the rendered window. */
export interface MarginContext {
  /** Source offsets of the first and last rendered blocks. */
  start: number;
  end: number;
  /** Changes whenever rendered rows, their positions or the text width change: re-measure then. */
  layoutKey: string;
  /** The element holding the rendered blocks (for offsetsToRange). */
  content: RefObject<HTMLElement | null>;
  /** The positioned full-height box the margin is drawn in (measure relative to it). */
  frame: RefObject<HTMLElement | null>;
}

/** CSS highlight for a selection that is kept while the DOM selection is elsewhere. */
const KEPT_SELECTION = "margin-selection-kept";

// Estimates for rows not yet measured: ~75 characters a line at the reading size.
const METRICS = { charsPerLine: 78, lineHeight: 25.5, gap: 12 };
/** How far (in rows) the viewer keeps the start of a selection rendered while the researcher drags on. */
const MAX_PIN_REACH = 200;

/** Colours of the find highlights (CSS Custom Highlight API: see highlights.ts). */
const HIGHLIGHT_STYLES = [
  "[&_::highlight(margin-selection-kept)]:bg-sky-200 dark:[&_::highlight(margin-selection-kept)]:bg-sky-800",
  "[&_::highlight(margin-opened-at)]:bg-yellow-200 [&_::highlight(margin-opened-at)]:text-slate-950",
  "dark:[&_::highlight(margin-opened-at)]:bg-yellow-700 dark:[&_::highlight(margin-opened-at)]:text-white",
  "[&_::highlight(margin-find)]:bg-amber-200 [&_::highlight(margin-find)]:text-slate-950",
  "[&_::highlight(margin-find-current)]:bg-orange-400 [&_::highlight(margin-find-current)]:text-slate-950",
  "dark:[&_::highlight(margin-find)]:bg-amber-800 dark:[&_::highlight(margin-find)]:text-white",
  "dark:[&_::highlight(margin-find-current)]:bg-amber-400 dark:[&_::highlight(margin-find-current)]:text-slate-950",
].join(" ");

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * The text of a source, virtualised. Memoised: the page re-renders on every coding, message and
 * selection, and the text need not (the stripes get their data through context, see CodingMarks).
 */
export const TranscriptView = memo(function TranscriptView({
  transcript,
  layout,
  decorations,
  paragraphNumbers,
  highlights,
  onSelectionChange,
  onCaretChange,
  renderMargin,
  marginWidth = 0,
  onMenuRequest,
  onSelectionDrag,
  ref,
}: {
  transcript: Transcript;
  layout: TranscriptLayout;
  decorations: readonly Decoration[];
  paragraphNumbers: boolean;
  highlights: readonly TextHighlight[];
  onSelectionChange: (offsets: TextOffsets | null) => void;
  /** Where the reading caret is (null before there is one): the status line names what it would code. */
  onCaretChange?: (offset: number | null) => void;
  /** Drawn beside the text, inside the scrolling area (coding stripes). */
  renderMargin?: (margin: MarginContext) => ReactNode;
  /** Room kept for the margin to the right of the text, in pixels. */
  marginWidth?: number;
  /** Right-click on a selection, or the Menu key: the page shows its coding menu at this point. */
  onMenuRequest?: (at: { x: number; y: number }) => void;
  /** The researcher is dragging the selection (to the codebook, say): add to what is dragged. */
  onSelectionDrag?: (offsets: TextOffsets, data: DataTransfer) => void;
  ref?: Ref<TranscriptHandle>;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const { blocks } = transcript;
  const { items, itemOfBlock } = layout;
  // The row where the current selection starts stays rendered while the researcher drags away from it;
  // if the virtualiser dropped it, the browser would move the selection's start.
  const [pinned, setPinned] = useState<number | null>(null);

  const rangeExtractor = useCallback(
    (range: VirtualRange) => {
      let from = Math.max(0, range.startIndex - range.overscan);
      let to = Math.min(range.count - 1, range.endIndex + range.overscan);
      if (pinned !== null && pinned < range.count) {
        if (pinned < from && from - pinned <= MAX_PIN_REACH) from = pinned;
        if (pinned > to && pinned - to <= MAX_PIN_REACH) to = pinned;
      }
      const indexes: number[] = [];
      for (let i = from; i <= to; i++) indexes.push(i);
      return indexes;
    },
    [pinned],
  );

  // The virtualiser asks for estimates of every unmeasured row each time a row is measured: work them out once.
  const estimates = useMemo(() => Float64Array.from(items, (item) => estimateItemHeight(item, blocks, METRICS)), [items, blocks]);
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLDivElement>({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimates[i] ?? METRICS.lineHeight,
    overscan: 8,
    paddingStart: 24,
    paddingEnd: 96,
    rangeExtractor,
  });
  const virtualItems = virtualizer.getVirtualItems();

  const ctx = useMemo<RenderContext>(
    () => ({
      text: transcript.text,
      blocks,
      decorations,
      listNumbers: layout.listNumbers,
      turnStarts: new Set(transcript.turns.map((t) => t.start)),
      paragraphNumbers,
    }),
    [transcript, blocks, decorations, layout, paragraphNumbers],
  );

  const pinNode = useCallback((node: Node | null) => {
    const container = contentRef.current;
    setPinned(node && container ? rowOf(node, container) : null);
  }, []);
  const selection = useSelectionModel({ text: transcript.text, contentRef, scrollRef, onChange: onSelectionChange, onAnchorNode: pinNode });
  const { model, domBacked } = selection;
  const selected = modelOffsets(transcript.text, model);
  const caretFocus = model?.focus ?? null;
  useEffect(() => onCaretChange?.(caretFocus), [onCaretChange, caretFocus]);
  const keptStart = !domBacked ? selected?.start : undefined;
  const keptEnd = !domBacked ? selected?.end : undefined;
  const painted = useMemo<TextHighlight[]>(
    () => [
      ...highlights,
      { name: KEPT_SELECTION, spans: keptStart !== undefined && keptEnd !== undefined ? [{ start: keptStart, end: keptEnd }] : [] },
    ],
    [highlights, keptStart, keptEnd],
  );

  // Repaint highlights whenever the rendered rows or the highlights change.
  const firstItem = virtualItems[0]?.index;
  const lastItem = virtualItems[virtualItems.length - 1]?.index;
  const windowStart = firstItem === undefined ? 0 : (blocks[items[firstItem]?.first ?? 0]?.start ?? 0);
  const windowEnd = lastItem === undefined ? 0 : (blocks[items[lastItem]?.last ?? 0]?.end ?? 0);
  const paintedNames = useRef(new Set<string>());
  useLayoutEffect(() => {
    const container = contentRef.current;
    if (!container || firstItem === undefined) return;
    paintHighlights(container, painted, windowStart, windowEnd);
    // Names no longer in the list are cleared here, not in an effect cleanup that would run after
    // this paint and wipe highlights that share a name.
    const names = new Set(painted.map((h) => h.name));
    clearHighlights([...paintedNames.current].filter((name) => !names.has(name)));
    paintedNames.current = names;
  }, [painted, firstItem, windowStart, windowEnd, ctx]);
  useEffect(() => () => clearHighlights([...paintedNames.current]), []);

  // The text's width, so the margin re-measures when lines re-wrap.
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry?.contentRect.width ?? 0)));
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);
  const translate = virtualItems[0]?.start ?? 0;
  const totalSize = virtualizer.getTotalSize();
  const layoutKey = `${firstItem}:${lastItem}:${translate}:${totalSize}:${width}:${paragraphNumbers}:${marginWidth}`;

  const readingOffset = useCallback(() => {
    const row = virtualizer.getVirtualItemForOffset(virtualizer.scrollOffset ?? 0);
    const item = row ? items[row.index] : undefined;
    return item ? (blocks[item.first]?.start ?? 0) : 0;
  }, [virtualizer, items, blocks]);

  const scrollToOffsets = useCallback(
    async (start: number, end: number): Promise<Range | null> => {
      const container = contentRef.current;
      const scroller = scrollRef.current;
      if (!container || !scroller) return null;
      let range = offsetsToRange(start, end, container, { clamp: true });
      if (!range) {
        virtualizer.scrollToIndex(itemOfBlock[blockIndexAt(blocks, start)] ?? 0, { align: "center" });
        for (let frame = 0; frame < 60 && !range; frame++) {
          await nextFrame();
          range = offsetsToRange(start, end, container, { clamp: true });
        }
        if (!range) return null;
        // Let freshly rendered rows be measured before judging where the hit ended up.
        await nextFrame();
        await nextFrame();
      }
      // A tall row (a table chunk) or a corrected estimate can leave the span itself off screen.
      const box = scroller.getBoundingClientRect();
      const rect = range.getBoundingClientRect();
      if (rect.top < box.top + 16 || rect.bottom > box.bottom - 16) {
        scroller.scrollTop += rect.top - box.top - box.height / 2 + rect.height / 2;
      }
      return range;
    },
    [virtualizer, itemOfBlock, blocks],
  );

  // Keyboard moves keep the caret just inside the view (scrolling a line, not re-centring).
  const ensureRendered = useCallback(
    async (offset: number) => {
      const container = contentRef.current;
      const scroller = scrollRef.current;
      if (!container || !scroller) return;
      if (!offsetsToRange(offset, offset, container)) {
        await scrollToOffsets(offset, offset);
        return;
      }
      const box = caretRect(offset, container);
      if (!box) return;
      const view = scroller.getBoundingClientRect();
      const margin = 24;
      if (box.top < view.top + margin) scroller.scrollTop -= view.top + margin - box.top;
      else if (box.top + box.height > view.bottom - margin) scroller.scrollTop += box.top + box.height - (view.bottom - margin);
    },
    [scrollToOffsets],
  );

  const caretPoint = useCallback(() => {
    const container = contentRef.current;
    const focus = selection.modelRef.current?.focus;
    const box = container && focus !== undefined ? caretRect(focus, container) : null;
    return box ? { x: box.left, y: box.top + box.height } : null;
  }, [selection.modelRef]);

  const onKeyDown = useCaretKeys({
    text: transcript.text,
    blocks,
    contentRef,
    scrollRef,
    selection,
    ensureRendered,
    readingOffset,
    onMenuKey: () => {
      const at = caretPoint();
      const box = scrollRef.current?.getBoundingClientRect();
      onMenuRequest?.(at ?? { x: (box?.left ?? 0) + 40, y: (box?.top ?? 0) + 40 });
    },
  });

  const { caret, caretAt, onFocus, onBlur } = useReadingCaret({ selection, contentRef, frameRef, readingOffset, layoutKey });

  const onContextMenu = (event: MouseEvent<HTMLDivElement>) => {
    if (!onMenuRequest || !selected || !contentRef.current?.contains(event.target as Node)) return;
    event.preventDefault();
    onMenuRequest({ x: event.clientX, y: event.clientY });
  };
  const onDragStart = (event: DragEvent<HTMLDivElement>) => {
    if (selected && domBacked && onSelectionDrag) onSelectionDrag(selected, event.dataTransfer);
  };

  useImperativeHandle(
    ref,
    () => ({
      container: () => contentRef.current,
      readingOffset,
      focus: () => scrollRef.current?.focus({ preventScroll: true }),
      scrollToOffsets,
      caretOffset: () => selection.modelRef.current?.focus ?? null,
      selectedOffsets: () => modelOffsets(transcript.text, selection.modelRef.current),
      async select(start, end) {
        // The model first: a key pressed while the rows render (Ctrl+Shift+P straight after closing
        // find) acts on this selection, not on the caret before it.
        selection.apply(start, end);
        await scrollToOffsets(start, end);
        selection.restore();
      },
      restoreSelection(focusText) {
        if (focusText) scrollRef.current?.focus({ preventScroll: true });
        selection.restore();
      },
      caretPoint,
    }),
    [readingOffset, scrollToOffsets, selection, caretPoint, transcript.text],
  );

  return (
    <>
      <div
        ref={scrollRef}
        role="region"
        aria-label="Source text"
        aria-describedby={hintId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={onBlur}
        onContextMenu={onContextMenu}
        onDragStart={onDragStart}
        className={`min-h-0 flex-1 overflow-auto bg-white focus-visible:outline-offset-[-2px] dark:bg-slate-900 ${HIGHLIGHT_STYLES}`}
      >
        <div
          ref={frameRef}
          className="relative w-full"
          style={{ height: totalSize, minWidth: marginWidth ? marginWidth + 320 : undefined }}
        >
          {/* Rendered rows stay in normal flow inside one translated box, so a selection can run across them. */}
          <div className="absolute left-0 top-0 w-full" style={{ transform: `translateY(${translate}px)`, paddingRight: marginWidth }}>
            <div
              ref={contentRef}
              data-transcript=""
              className={`mx-auto max-w-[75ch] text-[15px] leading-[1.7] break-words whitespace-pre-wrap text-slate-900 dark:text-slate-100 ${
                paragraphNumbers ? "pl-16 pr-6" : "px-6"
              }`}
            >
              {virtualItems.map((row) => {
                const item = items[row.index];
                return (
                  <div key={row.key} data-index={row.index} ref={virtualizer.measureElement} className="relative flow-root pb-3">
                    {item && <TranscriptItem ctx={ctx} item={item} />}
                  </div>
                );
              })}
            </div>
          </div>
          {renderMargin?.({ start: windowStart, end: windowEnd, layoutKey, content: contentRef, frame: frameRef })}
          {caret && (
            <div
              aria-hidden="true"
              data-reading-caret={caretAt}
              className="pointer-events-none absolute w-[2px] bg-blue-700 outline outline-1 outline-white dark:bg-sky-300 dark:outline-slate-900"
              style={{ left: caret.left - 1, top: caret.top, height: caret.height }}
            />
          )}
        </div>
      </div>
      <p id={hintId} hidden>
        Arrow keys move a reading caret; Shift with them selects. Ctrl+K codes the selection.
      </p>
    </>
  );
});

/** The virtual row holding a node, or null if it is not in the transcript. */
function rowOf(node: Node, container: HTMLElement): number | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const row = element?.closest<HTMLElement>("[data-index]");
  return row && container.contains(row) ? Number(row.dataset.index) : null;
}
