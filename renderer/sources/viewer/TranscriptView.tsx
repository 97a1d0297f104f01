import { useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from "react";
import { useVirtualizer, type Range as VirtualRange } from "@tanstack/react-virtual";
import { estimateItemHeight, type Decoration, type TranscriptLayout } from "../../../shared/text/layout";
import { blockIndexAt, type Transcript } from "../../../shared/text/transcript";
import { clearHighlights, paintHighlights, type TextHighlight } from "./highlights";
import { offsetsToRange, rangeToOffsets, type TextOffsets } from "./selectionMapping";
import { TranscriptItem, type RenderContext } from "./TranscriptItem";

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
}

// Estimates for rows not yet measured: ~75 characters a line at the reading size.
const METRICS = { charsPerLine: 78, lineHeight: 25.5, gap: 12 };
/** How far (in rows) the viewer keeps the start of a selection rendered while the researcher drags on. */
const MAX_PIN_REACH = 200;

/** Colours of the find highlights (CSS Custom Highlight API: see highlights.ts). */
const HIGHLIGHT_STYLES = [
  "[&_::highlight(margin-find)]:bg-amber-200 [&_::highlight(margin-find)]:text-slate-950",
  "[&_::highlight(margin-find-current)]:bg-orange-400 [&_::highlight(margin-find-current)]:text-slate-950",
  "dark:[&_::highlight(margin-find)]:bg-amber-800 dark:[&_::highlight(margin-find)]:text-white",
  "dark:[&_::highlight(margin-find-current)]:bg-amber-400 dark:[&_::highlight(margin-find-current)]:text-slate-950",
].join(" ");

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

export function TranscriptView({
  transcript,
  layout,
  decorations,
  paragraphNumbers,
  highlights,
  onSelectionChange,
  ref,
}: {
  transcript: Transcript;
  layout: TranscriptLayout;
  decorations: readonly Decoration[];
  paragraphNumbers: boolean;
  highlights: readonly TextHighlight[];
  onSelectionChange: (offsets: TextOffsets | null) => void;
  ref?: Ref<TranscriptHandle>;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
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

  // Repaint highlights whenever the rendered rows or the highlights change.
  const firstItem = virtualItems[0]?.index;
  const lastItem = virtualItems[virtualItems.length - 1]?.index;
  useLayoutEffect(() => {
    const container = contentRef.current;
    if (!container || firstItem === undefined || lastItem === undefined) return;
    const windowStart = blocks[items[firstItem]?.first ?? 0]?.start ?? 0;
    const windowEnd = blocks[items[lastItem]?.last ?? 0]?.end ?? 0;
    paintHighlights(container, highlights, windowStart, windowEnd);
  }, [highlights, firstItem, lastItem, items, blocks, ctx]);
  const highlightNames = highlights.map((h) => h.name).join("\n");
  useEffect(() => () => clearHighlights(highlightNames.split("\n")), [highlightNames]);

  // Report the selection as offsets (once a frame at most) and pin the row it starts in.
  const report = useRef(onSelectionChange);
  useLayoutEffect(() => {
    report.current = onSelectionChange;
  });
  useEffect(() => {
    let frame = 0;
    const update = () => {
      frame = 0;
      const container = contentRef.current;
      const selection = document.getSelection();
      const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
      const offsets = container && range && !range.collapsed ? rangeToOffsets(range, container) : null;
      report.current(offsets && offsets.end > offsets.start ? offsets : null);
      if (!offsets) {
        setPinned(null);
        return;
      }
      const row = selection?.anchorNode && container ? rowOf(selection.anchorNode, container) : null;
      if (row !== null) setPinned(row);
    };
    const onChange = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    document.addEventListener("selectionchange", onChange);
    return () => {
      document.removeEventListener("selectionchange", onChange);
      if (frame) cancelAnimationFrame(frame);
    };
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      container: () => contentRef.current,
      readingOffset() {
        const row = virtualizer.getVirtualItemForOffset(virtualizer.scrollOffset ?? 0);
        const item = row ? items[row.index] : undefined;
        return item ? (blocks[item.first]?.start ?? 0) : 0;
      },
      focus: () => scrollRef.current?.focus({ preventScroll: true }),
      async scrollToOffsets(start, end) {
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
    }),
    [virtualizer, itemOfBlock, blocks, items],
  );

  return (
    <div
      ref={scrollRef}
      role="region"
      aria-label="Source text"
      tabIndex={0}
      className={`min-h-0 flex-1 overflow-y-auto bg-white focus-visible:outline-offset-[-2px] dark:bg-slate-900 ${HIGHLIGHT_STYLES}`}
    >
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {/* Rendered rows stay in normal flow inside one translated box, so a selection can run across them. */}
        <div className="absolute left-0 top-0 w-full" style={{ transform: `translateY(${virtualItems[0]?.start ?? 0}px)` }}>
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
      </div>
    </div>
  );
}

/** The virtual row holding a node, or null if it is not in the transcript. */
function rowOf(node: Node, container: HTMLElement): number | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  const row = element?.closest<HTMLElement>("[data-index]");
  return row && container.contains(row) ? Number(row.dataset.index) : null;
}
