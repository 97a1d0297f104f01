import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { unionRanges, type Range as TextRange } from "../../shared/coding/ranges";
import { overlapDepths, repairLanes } from "../../shared/text/stripes";
import type { TextHighlight } from "../sources/viewer/highlights";
import { clearHighlights, paintHighlights } from "../sources/viewer/highlights";
import { offsetsToRange, renderedBlocks, type RenderedBlock } from "../sources/viewer/selectionMapping";
import type { MarginContext } from "../sources/viewer/TranscriptView";
import { DEPTH_HIGHLIGHTS, PRIORITY, SELECTED_HIGHLIGHT, highlightNameFor, syncHighlightStyles } from "./codingHighlights";
import { CodingStripes, LANE_WIDTH, type PlacedStripe } from "./CodingStripes";
import type { CodingDisplay, LanedSegment } from "./useCodingDisplay";

/** Room to keep beside the text for the stripes. */
export function marginWidthFor(laneCount: number): number {
  return laneCount === 0 ? 0 : (laneCount + 1) * LANE_WIDTH + 8;
}

/** Name of the performance measure of one repaint (highlights + stripe layout), read by the e2e test. */
export const PAINT_MEASURE = "margin:coding-paint";

let measures = 0;

/** Highlights for the codings in the window: one per code, overlap underlines, the chosen coding. */
function codingHighlights(display: CodingDisplay, from: number, to: number, selectedId: string | null): TextHighlight[] {
  const byCode = new Map<string, TextRange[]>();
  for (const coding of display.index.overlapping(from, to)) {
    const list = byCode.get(coding.codeId);
    if (list) list.push(coding);
    else byCode.set(coding.codeId, [coding]);
  }
  const out: TextHighlight[] = [];
  const unions: TextRange[] = [];
  for (const [codeId, ranges] of byCode) {
    const code = display.codes.get(codeId);
    if (!code) continue;
    const spans = unionRanges(ranges);
    unions.push(...spans);
    out.push({ name: highlightNameFor(codeId, code.colour), spans, priority: PRIORITY.code });
  }
  const depths = overlapDepths(unions);
  DEPTH_HIGHLIGHTS.forEach((name, i) => {
    const spans = depths.filter((d) => (i === DEPTH_HIGHLIGHTS.length - 1 ? d.depth >= i + 2 : d.depth === i + 2));
    out.push({ name, spans, priority: PRIORITY.depth });
  });
  const selected = selectedId ? display.byId.get(selectedId) : undefined;
  out.push({ name: SELECTED_HIGHLIGHT, spans: selected ? [selected] : [], priority: PRIORITY.selected });
  return out;
}

/** Top and bottom (frame coordinates) of the text at [start, end), or null when not rendered. */
function measure(
  start: number,
  end: number,
  container: HTMLElement,
  blocks: RenderedBlock[],
  originTop: number,
): { top: number; bottom: number } | null {
  const range = offsetsToRange(start, end, container, { clamp: true, blocks });
  if (!range) return null;
  const rects = [...range.getClientRects()].filter((r) => r.height > 0);
  const first = rects[0];
  const last = rects[rects.length - 1];
  if (!first || !last) return null;
  return { top: first.top - originTop, bottom: Math.max(first.bottom, last.bottom) - originTop };
}

/**
 * The codings of the rendered window: paints their highlights and lays out their stripes beside the
 * text. Only the window's codings are touched (SpanIndex), so 2,000 codings cost no more than 20.
 */
export function CodingMarks({
  margin,
  sourceId,
  display,
  selectedCodingId,
  openSegment,
  panelId,
  onOpen,
}: { margin: MarginContext } & CodingMarksProps) {
  // The display the stripes were placed for travels with them: a new display re-renders the stripes
  // once, when they are placed (below), not also before with the old places.
  const [placed, setPlaced] = useState<{ stripes: PlacedStripe[]; left: number; display: CodingDisplay }>({
    stripes: [],
    left: 0,
    display,
  });
  // What each highlight name was last painted with, and in which window of which source.
  const painted = useRef<{ window: string; spans: Map<string, string> }>({ window: "", spans: new Map() });
  const started = useRef<number | null>(null);
  const { content, frame, start, end, layoutKey } = margin;

  useLayoutEffect(() => {
    const container = content.current;
    const box = frame.current;
    if (!container || !box) return;
    started.current = performance.now();
    const highlights = codingHighlights(display, start, end + 1, selectedCodingId);
    syncHighlightStyles();
    // Only highlights whose spans changed are replaced (a new coding: its code's and the overlaps'):
    // replacing a highlight makes the browser repaint all the text it covers. The same rows and spans
    // give the same ranges, so in an unchanged window the others stay as they are.
    const windowKey = `${sourceId}:${start}:${end}:${layoutKey}`;
    const before = painted.current.window === windowKey ? painted.current.spans : new Map<string, string>();
    const spans = new Map(highlights.map((h) => [h.name, `${h.priority ?? 0}:${h.spans.map((r) => `${r.start}-${r.end}`).join(",")}`]));
    paintHighlights(
      container,
      highlights.filter((h) => before.get(h.name) !== spans.get(h.name)),
      start,
      end,
    );
    clearHighlights([...painted.current.spans.keys()].filter((name) => !spans.has(name)));
    painted.current = { window: windowKey, spans };

    const origin = box.getBoundingClientRect();
    const blocks = renderedBlocks(container);
    const segments = display.segments.overlapping(start, end + 1);
    const boxes: { segment: LanedSegment; lane: number; top: number; bottom: number }[] = [];
    for (const segment of segments) {
      const at = measure(Math.max(segment.start, start), Math.min(segment.end, end), container, blocks, origin.top);
      if (at) boxes.push({ segment, lane: segment.lane, ...at });
    }
    const { lanes } = repairLanes(boxes);
    const left = container.getBoundingClientRect().right - origin.left + 4;
    setPlaced({
      display,
      left,
      stripes: boxes.map((b, i) => ({ segment: b.segment, lane: lanes[i] ?? b.lane, top: b.top, height: Math.max(8, b.bottom - b.top) })),
    });
  }, [content, frame, start, end, layoutKey, display, selectedCodingId, sourceId]);

  // The measure spans the paint and the stripes' render, which commits just before this runs.
  useLayoutEffect(() => {
    if (started.current === null) return;
    // Kept for the last few hundred repaints only: a long session scrolls through thousands.
    if (++measures % 500 === 0) performance.clearMeasures(PAINT_MEASURE);
    performance.measure(PAINT_MEASURE, { start: started.current, end: performance.now() });
    started.current = null;
  }, [placed]);

  useEffect(() => () => clearHighlights([...painted.current.spans.keys()]), []);

  return (
    <CodingStripes
      stripes={placed.stripes}
      left={placed.left}
      display={placed.display}
      openSegment={openSegment}
      panelId={panelId}
      onOpen={onOpen}
    />
  );
}

/** What the page gives the stripes: through context, so a new coding re-renders them and not the text. */
export interface CodingMarksProps {
  /** The source shown: another source's text has other text nodes, so everything is painted anew. */
  sourceId: string;
  display: CodingDisplay;
  selectedCodingId: string | null;
  openSegment: LanedSegment | null;
  panelId: string;
  onOpen: (segment: LanedSegment, stripe: HTMLElement) => void;
}

export const CodingMarksContext = createContext<CodingMarksProps | null>(null);

function CodingMarksSlot({ margin }: { margin: MarginContext }) {
  const props = useContext(CodingMarksContext);
  return props ? <CodingMarks margin={margin} {...props} /> : null;
}

/** The viewer's `renderMargin`: one function for the page's life, so the memoised text need not re-render. */
export function renderCodingMarks(margin: MarginContext): ReactNode {
  return <CodingMarksSlot margin={margin} />;
}
