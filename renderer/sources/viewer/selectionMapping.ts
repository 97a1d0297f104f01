/**
 * Maps between DOM ranges in the rendered transcript and UTF-16 offsets into the source text.
 *
 * The contract with the renderer (TranscriptView / TranscriptItem):
 *  - every block element carries `data-block-start` and `data-block-end` (its span in the text) and
 *    renders exactly text.slice(start, end) in its non-UI text nodes, in order;
 *  - anything that is not source text (paragraph numbers, bullets drawn as text) sits inside an
 *    element marked `data-ui` (also aria-hidden and user-select: none) and is skipped;
 *  - block elements do not nest; structure around them (lists, tables, virtual rows) holds no text.
 * So an offset is: the block's start + the length of the non-UI text before the point in that block.
 * Points between blocks (in a table row, a list, the virtual row) snap to the nearest block edge, and
 * a range across blocks counts the "\n" separator between them, as text.slice does.
 */

export const BLOCK_SELECTOR = "[data-block-start]";
const UI_SELECTOR = "[data-ui]";

export interface TextOffsets {
  start: number;
  end: number;
}

export interface RenderedBlock {
  el: HTMLElement;
  start: number;
  end: number;
}

type Side = "start" | "end";

function readBlock(el: HTMLElement): RenderedBlock {
  const start = Number(el.dataset.blockStart);
  const end = Number(el.dataset.blockEnd);
  return { el, start, end: Number.isFinite(end) ? end : start };
}

/** The rendered blocks in document order, which is also text order. */
export function renderedBlocks(container: HTMLElement): RenderedBlock[] {
  return Array.from(container.querySelectorAll<HTMLElement>(BLOCK_SELECTOR), readBlock);
}

function elementOf(node: Node): Element | null {
  return node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
}

function blockHolding(node: Node, container: HTMLElement): HTMLElement | null {
  const block = elementOf(node)?.closest<HTMLElement>(BLOCK_SELECTOR) ?? null;
  return block && container.contains(block) ? block : null;
}

/** The source-text nodes of a block, in order (UI-only text skipped). */
function textNodes(block: HTMLElement): Text[] {
  const nodes: Text[] = [];
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      const ui = node.parentElement?.closest(UI_SELECTOR);
      return ui && block.contains(ui) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

function indexInParent(node: Node): number {
  let index = 0;
  for (let sibling = node.previousSibling; sibling; sibling = sibling.previousSibling) index++;
  return index;
}

/** Number of source characters in `block` before the point (node, offset). */
function offsetWithinBlock(block: HTMLElement, node: Node, offset: number, side: Side): number {
  // A point inside a paragraph number or bullet moves to just before (start) or after (end) it.
  const ui = elementOf(node)?.closest(UI_SELECTOR);
  if (ui && block.contains(ui) && ui !== block && ui.parentNode) {
    offset = indexInParent(ui) + (side === "end" ? 1 : 0);
    node = ui.parentNode;
  }
  const point = block.ownerDocument.createRange();
  point.setStart(node, offset);
  let count = 0;
  for (const text of textNodes(block)) {
    if (text === node) return count + Math.min(offset, text.length);
    // Whole text nodes that end at or before the point.
    if (point.comparePoint(text, text.length) <= 0) count += text.length;
    else break;
  }
  return count;
}

/** A point outside every block (between blocks, in a table row, outside the container) snaps to a block edge. */
function offsetBetweenBlocks(blocks: RenderedBlock[], node: Node, offset: number, side: Side): number | null {
  const first = blocks[0];
  const last = blocks[blocks.length - 1];
  if (!first || !last) return null;
  const point = first.el.ownerDocument.createRange();
  point.setStart(node, offset);
  // First block that begins after the point (blocks are in document order: binary search).
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const block = blocks[mid] as RenderedBlock;
    if (point.comparePoint(block.el, 0) > 0) hi = mid;
    else lo = mid + 1;
  }
  const after = blocks[lo];
  const before = blocks[lo - 1];
  if (side === "start") return after ? after.start : last.end;
  return before ? before.end : first.start;
}

function boundaryOffset(container: HTMLElement, blocks: RenderedBlock[], node: Node, offset: number, side: Side): number | null {
  const block = blockHolding(node, container);
  if (block) return readBlock(block).start + offsetWithinBlock(block, node, offset, side);
  return offsetBetweenBlocks(blocks, node, offset, side);
}

/**
 * The source offsets of a DOM range within the transcript `container`, or null when the range does
 * not touch the transcript. A range reaching outside the container is cut to the rendered blocks.
 */
export function rangeToOffsets(range: Range, container: HTMLElement): TextOffsets | null {
  // A range kept from before its rows were virtualised away points into detached nodes: it maps to nothing.
  if (!range.startContainer.isConnected || !range.endContainer.isConnected || !range.intersectsNode(container)) return null;
  const blocks = renderedBlocks(container);
  if (blocks.length === 0) return null;
  const start = boundaryOffset(container, blocks, range.startContainer, range.startOffset, "start");
  const end = boundaryOffset(container, blocks, range.endContainer, range.endOffset, "end");
  if (start === null || end === null) return null;
  // A range lying wholly in the gap between two blocks selects nothing.
  if (end <= start) return { start, end: start };
  // A triple-clicked paragraph ends at the start of the next block: the separator alone is not part of
  // what the researcher selected, so it is left out at either edge.
  let from = start;
  let to = end;
  if (from === blockAt(blocks, from)?.end) from += 1;
  if (to === blockAt(blocks, to)?.start && to - 1 >= from) to -= 1;
  return { start: from, end: Math.max(from, to) };
}

function blockAt(blocks: RenderedBlock[], offset: number): RenderedBlock | undefined {
  const found = locate(blocks, offset, "start", false);
  return found?.block;
}

/** The source offset of a DOM point (a caret position) in the transcript, or null outside it. */
export function pointToOffset(node: Node, offset: number, container: HTMLElement): number | null {
  const range = container.ownerDocument.createRange();
  range.setStart(node, offset);
  range.collapse(true);
  return rangeToOffsets(range, container)?.start ?? null;
}

/** The offsets of the document's current selection in the transcript, or null. */
export function selectionToOffsets(container: HTMLElement): TextOffsets | null {
  const selection = container.ownerDocument.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  return rangeToOffsets(selection.getRangeAt(0), container);
}

/** Finds the rendered block holding `offset`; with clamp, the nearest rendered block edge on the inner side. */
function locate(blocks: RenderedBlock[], offset: number, side: Side, clamp: boolean): { block: RenderedBlock; at: number } | null {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((blocks[mid] as RenderedBlock).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const candidate = blocks[lo];
  if (!candidate) return null;
  if (candidate.start <= offset && offset <= candidate.end) return { block: candidate, at: offset - candidate.start };
  if (!clamp) return null;
  if (side === "start") {
    const next = candidate.start > offset ? candidate : blocks[lo + 1];
    return next ? { block: next, at: 0 } : null;
  }
  const previous = candidate.start <= offset ? candidate : null;
  return previous ? { block: previous, at: previous.end - previous.start } : null;
}

/** The DOM point `at` source characters into a block. */
function pointInBlock(block: HTMLElement, at: number, side: Side): [Node, number] {
  let count = 0;
  const nodes = textNodes(block);
  for (let k = 0; k < nodes.length; k++) {
    const text = nodes[k] as Text;
    const next = count + text.length;
    // At a node edge, a start point goes into the later node and an end point stays in the earlier one.
    if (at < next || (at === next && (side === "end" || k === nodes.length - 1))) return [text, at - count];
    count = next;
  }
  return [block, block.childNodes.length];
}

/**
 * A DOM range for source offsets [start, end), built from the blocks rendered in `container`; null when
 * they are not rendered. With `clamp`, a span reaching beyond the rendered blocks is cut to them.
 */
export function offsetsToRange(
  start: number,
  end: number,
  container: HTMLElement,
  options: { clamp?: boolean; blocks?: RenderedBlock[] } = {},
): Range | null {
  if (end < start) return null;
  // Painting many spans at once passes the blocks, read once, instead of querying for each span.
  const blocks = options.blocks ?? renderedBlocks(container);
  if (blocks.length === 0) return null;
  const clamp = options.clamp ?? false;
  const from = locate(blocks, start, "start", clamp);
  const to = locate(blocks, end, "end", clamp);
  if (!from || !to) return null;
  if (from.block.start + from.at > to.block.start + to.at) return null;
  const range = container.ownerDocument.createRange();
  const [startNode, startOffset] = pointInBlock(from.block.el, from.at, "start");
  const [endNode, endOffset] = pointInBlock(to.block.el, to.at, "end");
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}

/** Replaces the document selection with the text at [start, end), if rendered. Returns whether it did. */
export function selectOffsets(start: number, end: number, container: HTMLElement): boolean {
  const range = offsetsToRange(start, end, container);
  const selection = container.ownerDocument.getSelection();
  if (!range || !selection) return false;
  selection.removeAllRanges();
  selection.addRange(range);
  return true;
}
