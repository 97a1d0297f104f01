/**
 * Reading-caret movement over a source's plain text, for selecting without a mouse. Offsets are
 * UTF-16 code units, as everywhere else; a caret never lands inside a user-perceived character.
 *
 *  - character: one grapheme cluster (an emoji with its skin tone or ZWJ sequence, a letter with its
 *    combining marks, a flag) — never half a surrogate pair. The "\n" between blocks is one step.
 *  - word: forward to the END of the next word, backward to the START of the previous one, so
 *    Shift+Ctrl+arrows select whole words without the space after them. A line end is a stop, so
 *    the punctuation closing a paragraph can be selected too. Words are UAX #29 segments (shared
 *    with snapToWords).
 *  - sentence: forward to the end of the sentence (white space after it left out), backward to its
 *    start (Intl.Segmenter sentence boundaries, within a block).
 *  - paragraph: forward to the end of the block, backward to its start; at an edge, on to the next.
 *  - document: the start or end of the text.
 * Visual lines (Up/Down, Home/End) depend on layout and are worked out in the viewer.
 */
import { wordUnits, type WordUnit } from "../coding/words";

export type CaretUnit = "character" | "word" | "sentence" | "paragraph" | "document";
export type CaretDirection = 1 | -1;

export interface BlockSpan {
  start: number;
  end: number;
}

export interface CaretOptions {
  /** Use Intl.Segmenter when the runtime has it (default true); false forces the fallbacks. */
  intlSegmenter?: boolean;
}

/** How far around the caret text is segmented: enough for any real word, sentence or cluster. */
const WINDOW = 2048;

let graphemes: Intl.Segmenter | null | undefined;
let sentences: Intl.Segmenter | null | undefined;

function graphemeSegmenter(options: CaretOptions): Intl.Segmenter | null {
  if (options.intlSegmenter === false) return null;
  graphemes ??= typeof Intl.Segmenter === "function" ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
  return graphemes;
}

function sentenceSegmenter(options: CaretOptions): Intl.Segmenter | null {
  if (options.intlSegmenter === false) return null;
  sentences ??= typeof Intl.Segmenter === "function" ? new Intl.Segmenter(undefined, { granularity: "sentence" }) : null;
  return sentences;
}

function clamp(text: string, offset: number): number {
  return Math.min(Math.max(0, Math.trunc(Number.isFinite(offset) ? offset : 0)), text.length);
}

function lineStart(text: string, offset: number): number {
  return offset > 0 ? text.lastIndexOf("\n", offset - 1) + 1 : 0;
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf("\n", offset);
  return nl === -1 ? text.length : nl;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
// Without a segmenter: a code point plus the marks, joiners and selectors that cling to it.
const CLING = "(?:\\p{M}|\\uFE0F|\\p{Emoji_Modifier}|[\\u{E0020}-\\u{E007F}])";
const FALLBACK_CLUSTER = new RegExp(`\\p{Regional_Indicator}{2}|[^]${CLING}*(?:\\u200D[^]${CLING}*)*`, "gu");

/** Cluster boundaries (relative to `from`) of text[from, to). */
function clusterStarts(text: string, from: number, to: number, options: CaretOptions): number[] {
  const slice = text.slice(from, to);
  const seg = graphemeSegmenter(options);
  const starts: number[] = [];
  if (seg) for (const g of seg.segment(slice)) starts.push(from + g.index);
  else for (const m of slice.matchAll(FALLBACK_CLUSTER)) if (m[0].length > 0) starts.push(from + m.index);
  return starts;
}

/** The offset after the character (grapheme cluster) at `offset`. */
export function nextCharacter(text: string, offset: number, options: CaretOptions = {}): number {
  const at = clamp(text, offset);
  if (at >= text.length) return text.length;
  if (text.charCodeAt(at) === 10) return at + 1;
  // Segment from the line start when it is near, so a run of flags pairs up as written.
  const from = Math.max(lineStart(text, at), at - WINDOW);
  const to = Math.min(lineEnd(text, at), at + 256);
  for (const start of clusterStarts(text, from, to, options)) if (start > at) return start;
  if (to < text.length && isLow(text.charCodeAt(to)) && isHigh(text.charCodeAt(to - 1))) return to + 1;
  return to;
}

/** The offset before the character (grapheme cluster) that ends at `offset`. */
export function previousCharacter(text: string, offset: number, options: CaretOptions = {}): number {
  const at = clamp(text, offset);
  if (at <= 0) return 0;
  if (text.charCodeAt(at - 1) === 10) return at - 1;
  const from = Math.max(lineStart(text, at), at - WINDOW);
  let previous = from;
  for (const start of clusterStarts(text, from, at, options)) {
    if (start >= at) break;
    previous = start;
  }
  return previous;
}

/** Word units of the line holding `offset` (within a window around it), in absolute offsets. */
function lineUnits(text: string, offset: number, options: CaretOptions): { units: WordUnit[]; start: number; end: number } {
  const start = lineStart(text, offset);
  const end = lineEnd(text, offset);
  const from = Math.max(start, offset - WINDOW);
  const to = Math.min(end, offset + WINDOW);
  const units = wordUnits(text.slice(from, to), options).map((u) => ({ start: u.start + from, end: u.end + from, wordLike: u.wordLike }));
  return { units, start, end };
}

/** Forward to the end of the next word; the end of a line is a stop. */
export function nextWordEnd(text: string, offset: number, options: CaretOptions = {}): number {
  let at = clamp(text, offset);
  for (;;) {
    if (at >= text.length) return text.length;
    const line = lineUnits(text, at, options);
    const word = line.units.find((u) => u.wordLike && u.end > at);
    if (word) return word.end;
    if (at < line.end) return line.end;
    at = line.end + 1;
  }
}

/** Back to the start of the previous word; the start of a line is a stop. */
export function previousWordStart(text: string, offset: number, options: CaretOptions = {}): number {
  let at = clamp(text, offset);
  for (;;) {
    if (at <= 0) return 0;
    const line = lineUnits(text, at, options);
    const word = line.units.findLast((u) => u.wordLike && u.start < at);
    if (word) return word.start;
    if (at > line.start) return line.start;
    at = line.start - 1;
  }
}

/** Forward to the start of the next word (a coding's start moving later by a word). */
export function nextWordStart(text: string, offset: number, options: CaretOptions = {}): number {
  let at = clamp(text, offset);
  for (;;) {
    if (at >= text.length) return text.length;
    const line = lineUnits(text, at, options);
    const word = line.units.find((u) => u.wordLike && u.start > at);
    if (word) return word.start;
    if (line.end >= text.length) return text.length;
    at = line.end + 1;
    const first = lineUnits(text, at, options).units.find((u) => u.wordLike && u.start >= at);
    if (first) return first.start;
  }
}

/** Back to the end of the previous word (a coding's end moving earlier by a word). */
export function previousWordEnd(text: string, offset: number, options: CaretOptions = {}): number {
  let at = clamp(text, offset);
  for (;;) {
    if (at <= 0) return 0;
    const line = lineUnits(text, at, options);
    const word = line.units.findLast((u) => u.wordLike && u.end < at);
    if (word) return word.end;
    if (line.start === 0) return 0;
    at = line.start - 1;
    const last = lineUnits(text, at, options).units.findLast((u) => u.wordLike && u.end <= at);
    if (last) return last.end;
  }
}

/** Index of the block holding `offset` (the last starting at or before it). */
function blockIndex(blocks: readonly BlockSpan[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((blocks[mid] as BlockSpan).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The block around `offset`, or the line when there are no blocks. */
function blockAround(text: string, blocks: readonly BlockSpan[], offset: number): { index: number; span: BlockSpan } {
  if (blocks.length === 0) return { index: -1, span: { start: lineStart(text, offset), end: lineEnd(text, offset) } };
  const index = blockIndex(blocks, offset);
  return { index, span: blocks[index] as BlockSpan };
}

const SENTENCE_FALLBACK = /[^.!?…。！？]*(?:[.!?…。！？]+["'”’)\]]*|$)\s*/gu;

/** Sentences of text[from, to) as [start, end) with the white space after each left out. */
function sentenceSpans(text: string, from: number, to: number, options: CaretOptions): BlockSpan[] {
  const slice = text.slice(from, to);
  const seg = sentenceSegmenter(options);
  const raw: { index: number; length: number }[] = [];
  if (seg) for (const s of seg.segment(slice)) raw.push({ index: s.index, length: s.segment.length });
  else for (const m of slice.matchAll(SENTENCE_FALLBACK)) if (m[0].length > 0) raw.push({ index: m.index, length: m[0].length });
  const spans: BlockSpan[] = [];
  for (const { index, length } of raw) {
    let end = index + length;
    while (end > index && /\s/.test(slice[end - 1] ?? "")) end--;
    let start = index;
    while (start < end && /\s/.test(slice[start] ?? "")) start++;
    if (end > start) spans.push({ start: from + start, end: from + end });
  }
  return spans;
}

function sentencesOf(text: string, span: BlockSpan, near: number, options: CaretOptions): BlockSpan[] {
  return sentenceSpans(text, Math.max(span.start, near - WINDOW), Math.min(span.end, near + WINDOW), options);
}

/** Forward to the end of the sentence (or of the next one, when already at an end). */
export function nextSentenceEnd(text: string, blocks: readonly BlockSpan[], offset: number, options: CaretOptions = {}): number {
  let at = clamp(text, offset);
  for (;;) {
    if (at >= text.length) return text.length;
    const { span } = blockAround(text, blocks, at);
    const end = sentencesOf(text, span, at, options).find((s) => s.end > at)?.end;
    if (end !== undefined) return end;
    if (at < span.end) return span.end;
    at = span.end + 1;
  }
}

/** Back to the start of the sentence (or of the previous one, when already at a start). */
export function previousSentenceStart(text: string, blocks: readonly BlockSpan[], offset: number, options: CaretOptions = {}): number {
  let at = clamp(text, offset);
  for (;;) {
    if (at <= 0) return 0;
    const { span } = blockAround(text, blocks, at);
    const start = sentencesOf(text, span, at, options).findLast((s) => s.start < at)?.start;
    if (start !== undefined) return start;
    if (at > span.start) return span.start;
    at = Math.max(0, span.start - 1);
  }
}

/** Forward to the end of the block (or of the next one, when already at its end). */
export function nextParagraphEnd(text: string, blocks: readonly BlockSpan[], offset: number): number {
  const at = clamp(text, offset);
  const { index, span } = blockAround(text, blocks, at);
  if (at < span.end) return span.end;
  if (index < 0) return at < text.length ? lineEnd(text, at + 1) : text.length;
  return blocks[index + 1]?.end ?? text.length;
}

/** Back to the start of the block (or of the previous one, when already at its start). */
export function previousParagraphStart(text: string, blocks: readonly BlockSpan[], offset: number): number {
  const at = clamp(text, offset);
  const { index, span } = blockAround(text, blocks, at);
  if (at > span.start) return span.start;
  if (index < 0) return at > 0 ? lineStart(text, at - 1) : 0;
  return index > 0 ? (blocks[index - 1] as BlockSpan).start : 0;
}

/** Where the caret goes from `offset` by one `unit` in `direction`. */
export function moveCaret(
  text: string,
  blocks: readonly BlockSpan[],
  offset: number,
  unit: CaretUnit,
  direction: CaretDirection,
  options: CaretOptions = {},
): number {
  const forward = direction > 0;
  switch (unit) {
    case "character":
      return forward ? nextCharacter(text, offset, options) : previousCharacter(text, offset, options);
    case "word":
      return forward ? nextWordEnd(text, offset, options) : previousWordStart(text, offset, options);
    case "sentence":
      return forward ? nextSentenceEnd(text, blocks, offset, options) : previousSentenceStart(text, blocks, offset, options);
    case "paragraph":
      return forward ? nextParagraphEnd(text, blocks, offset) : previousParagraphStart(text, blocks, offset);
    case "document":
      return forward ? text.length : 0;
  }
}
