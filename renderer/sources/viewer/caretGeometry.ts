/**
 * Where the reading caret is on screen, and the caret moves that depend on layout (visual lines:
 * Up/Down, Home/End). Logical moves (character, word, sentence, paragraph) are in shared/text/caret.
 */
import { BLOCK_SELECTOR, offsetsToRange, pointToOffset } from "./selectionMapping";

export interface CaretBox {
  left: number;
  top: number;
  height: number;
}

/** Screen box of a caret at `offset` (zero width), or null when that text is not rendered. */
export function caretRect(offset: number, container: HTMLElement): CaretBox | null {
  const range = offsetsToRange(offset, offset, container);
  if (!range) return null;
  const rects = range.getClientRects();
  const rect = rects[rects.length - 1] ?? range.getBoundingClientRect();
  if (rect.height > 0) return { left: rect.left, top: rect.top, height: rect.height };
  // An empty paragraph has no text to measure: use its box.
  const node = range.startContainer;
  const block = (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement)?.closest(BLOCK_SELECTOR);
  if (!block) return null;
  const box = block.getBoundingClientRect();
  const lineHeight = parseFloat(getComputedStyle(block).lineHeight) || 24;
  return { left: box.left, top: box.top, height: Math.min(box.height || lineHeight, lineHeight) };
}

/** The source offset under a screen point, if it is transcript text. */
function offsetAtPoint(x: number, y: number, container: HTMLElement): number | null {
  const doc = container.ownerDocument;
  let node: Node | null = null;
  let offset = 0;
  if (typeof doc.caretPositionFromPoint === "function") {
    const position = doc.caretPositionFromPoint(x, y);
    node = position?.offsetNode ?? null;
    offset = position?.offset ?? 0;
  } else if (typeof doc.caretRangeFromPoint === "function") {
    const range = doc.caretRangeFromPoint(x, y);
    node = range?.startContainer ?? null;
    offset = range?.startOffset ?? 0;
  }
  if (!node || !container.contains(node)) return null;
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  if (!element?.closest(BLOCK_SELECTOR)) return null;
  return pointToOffset(node, offset, container);
}

/**
 * The offset one visual line above (-1) or below (1) the caret, at `goalX` (the column the researcher
 * started moving from). Scrolls the text when the line is outside the view. Null when there is no
 * line there in the rendered text.
 */
export function lineMove(offset: number, direction: 1 | -1, goalX: number, container: HTMLElement, scroller: HTMLElement): number | null {
  let box = caretRect(offset, container);
  if (!box) return null;
  const view = scroller.getBoundingClientRect();
  // Step down (or up) in small increments to cross the space between paragraphs.
  for (let step = 1; step <= 24; step++) {
    let y = direction > 0 ? box.top + box.height + 2 + (step - 1) * 6 : box.top - 2 - (step - 1) * 6;
    if (y < view.top + 2 || y > view.bottom - 2) {
      const by = direction > 0 ? y - (view.bottom - 2) + box.height : y - (view.top + 2) - box.height;
      scroller.scrollTop += by;
      box = caretRect(offset, container);
      if (!box) return null;
      y = direction > 0 ? box.top + box.height + 2 + (step - 1) * 6 : box.top - 2 - (step - 1) * 6;
    }
    const found = offsetAtPoint(goalX, y, container);
    if (found === null) continue;
    const foundBox = caretRect(found, container);
    const moved = foundBox && (direction > 0 ? foundBox.top > box.top + box.height / 2 : foundBox.top < box.top - box.height / 2);
    if (moved) return found;
  }
  return null;
}

/** The start or end of the visual line the caret is on, or null when it is not rendered. */
export function lineEdge(offset: number, edge: "start" | "end", text: string, container: HTMLElement): number | null {
  const box = caretRect(offset, container);
  const range = offsetsToRange(offset, offset, container);
  if (!box || !range) return null;
  const node = range.startContainer;
  const block = (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement)?.closest<HTMLElement>(BLOCK_SELECTOR);
  if (!block) return null;
  const blockStart = Number(block.dataset.blockStart);
  const blockEnd = Number(block.dataset.blockEnd);
  const bounds = block.getBoundingClientRect();
  const y = box.top + box.height / 2;
  // Both sides of the line: in right-to-left text the logical start is on the right.
  const left = offsetAtPoint(bounds.left + 1, y, container);
  const right = offsetAtPoint(bounds.right - 1, y, container);
  const found = [left, right].filter((o): o is number => o !== null && o >= blockStart && o <= blockEnd);
  if (found.length === 0) return edge === "start" ? blockStart : blockEnd;
  if (edge === "start") return Math.min(...found, offset);
  let end = Math.max(...found, offset);
  // A wrapped line ends before the space it wrapped at; after it would draw on the next line.
  if (end < blockEnd && end > offset && /\s/.test(text[end - 1] ?? "")) end -= 1;
  return end;
}
