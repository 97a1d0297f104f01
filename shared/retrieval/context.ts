/**
 * The text around a retrieved segment: "Show context" in the coded-segments list. Pure.
 *
 * The rule: the context is the whole paragraph (block) the segment starts in through the block it
 * ends in, so a researcher reads the sentence it came from and the speaker label at the turn's start.
 * Long paragraphs are cut to about `maxChars` on each side, at a word boundary, and the cut is flagged
 * so the view can show an ellipsis. Without blocks, the context is ±maxChars.
 */
import type { Block } from "../import/types";
import { blockIndexAt } from "../text/transcript";

export interface SegmentContext {
  before: string;
  text: string;
  after: string;
  /** True when the paragraph went on before `before` / after `after`. */
  clippedBefore: boolean;
  clippedAfter: boolean;
}

export const DEFAULT_CONTEXT_CHARS = 300;

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

/** The segment's own text, offsets clamped to the text. */
export function segmentText(text: string, start: number, end: number): string {
  const s = clamp(start, 0, text.length);
  return text.slice(s, clamp(end, s, text.length));
}

/**
 * Moves a cut forward (or back), towards the segment, to the nearest white space within 40
 * characters so no word is split; text without spaces there (CJK, a URL) is cut where it is.
 */
function atWordBoundary(text: string, offset: number, direction: 1 | -1, limit: number): number {
  for (let i = 0; i < 40; i++) {
    const at = offset + i * direction;
    if ((direction === 1 && at >= limit) || (direction === -1 && at <= limit)) break;
    if (/\s/.test(text[at] ?? "")) return direction === 1 ? at + 1 : at;
  }
  return offset;
}

export function segmentContext(
  text: string,
  blocks: readonly Block[],
  start: number,
  end: number,
  maxChars = DEFAULT_CONTEXT_CHARS,
): SegmentContext {
  const s = clamp(start, 0, text.length);
  const e = clamp(end, s, text.length);
  let from = Math.max(0, s - maxChars);
  let to = Math.min(text.length, e + maxChars);
  let paragraphFrom = 0;
  let paragraphTo = text.length;
  if (blocks.length > 0) {
    const first = blocks[blockIndexAt(blocks, s)];
    const last = blocks[blockIndexAt(blocks, Math.max(s, e - 1))];
    paragraphFrom = first ? Math.min(first.start, s) : s;
    paragraphTo = last ? Math.max(last.end, e) : e;
    from = Math.max(paragraphFrom, s - maxChars);
    to = Math.min(paragraphTo, e + maxChars);
  }
  if (from > paragraphFrom) from = atWordBoundary(text, from, 1, s);
  if (to < paragraphTo) to = atWordBoundary(text, to, -1, e);
  return {
    before: text.slice(from, s),
    text: text.slice(s, e),
    after: text.slice(e, to),
    clippedBefore: from > paragraphFrom,
    clippedAfter: to < paragraphTo,
  };
}
