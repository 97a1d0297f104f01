import type { TextSpan } from "../../../shared/text/find";
import { offsetsToRange, renderedBlocks } from "./selectionMapping";

/**
 * Paints spans of the source with the CSS Custom Highlight API. Unlike wrapping hits in <mark>, it
 * leaves the DOM alone: text nodes, offsets and the researcher's selection stay exactly as they are,
 * no block re-renders when the current hit moves, and a hit may cross bold or label boundaries.
 * Only spans within the rendered blocks are painted; the viewer repaints as the window scrolls.
 */
export interface TextHighlight {
  /** CSS highlight name, styled with ::highlight(name). */
  name: string;
  /** Sorted by start. */
  spans: readonly TextSpan[];
  /** Higher paints over lower where highlights overlap. */
  priority?: number;
}

/** Whether this browser can paint highlights (Chromium 105+, so Electron always can). */
export function canHighlight(): boolean {
  return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight !== "undefined";
}

function firstEndingAfter(spans: readonly TextSpan[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid]?.end ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Paints each highlight's spans that fall within [windowStart, windowEnd] of the rendered text. */
export function paintHighlights(
  container: HTMLElement,
  highlights: readonly TextHighlight[],
  windowStart: number,
  windowEnd: number,
): void {
  if (!canHighlight()) return;
  const blocks = renderedBlocks(container);
  for (const { name, spans, priority = 0 } of highlights) {
    const ranges: Range[] = [];
    // Spans are sorted by start and do not overlap, so their ends are sorted too.
    for (let k = firstEndingAfter(spans, windowStart); k < spans.length; k++) {
      const span = spans[k] as TextSpan;
      if (span.start > windowEnd) break;
      const range = offsetsToRange(span.start, span.end, container, { clamp: true, blocks });
      if (range) ranges.push(range);
    }
    const highlight = new Highlight(...ranges);
    highlight.priority = priority;
    CSS.highlights.set(name, highlight);
  }
}

export function clearHighlights(names: readonly string[]): void {
  if (!canHighlight()) return;
  for (const name of names) CSS.highlights.delete(name);
}
