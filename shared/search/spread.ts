/**
 * How far a coding made from a search hit spreads (issue 16 item 2): the hit only, the words it is in, its
 * sentence, its paragraph, its speaker turn, or the section under its heading. Pure, over a source's
 * text and structure as imported (shared/import/types.ts). The rules, in docs/search.md:
 *
 *  - hit: the hit as found;
 *  - word: grown to whole words (shared/coding/words.ts, as a selection snaps);
 *  - sentence: from the sentence holding the start to the one holding the end, never beyond their
 *    blocks; a sentence ends at . ! ? … (with closing quotes or brackets) followed by white space,
 *    or at 。！？; no dictionary, so "Dr. Khan" splits (the same answer in the app and the CLI);
 *  - paragraph: the blocks holding the hit; in a table, the whole cell (all its paragraphs);
 *    a turn's first sentence starts after the speaker's label ("P07:"), which is not part of it;
 *  - turn: the speaker turn's words (label and timestamp left out, as "code this turn" does); outside
 *    any turn, the paragraph;
 *  - section: the innermost heading before the hit and everything up to the next heading of the same
 *    or a higher level (the heading included); before the first heading, the text up to it.
 * Every range is clipped to the source, never splits a surrogate pair, and (except "hit") has no white
 * space at either end, so a coding never starts on a line break (CRLF text included).
 */
import type { Block, Turn } from "../import/types";
import { snapToWords, turnAt, turnBodyRange, type Range } from "../coding/ranges";
import { blockIndexAt } from "../text/transcript";

export const SPREAD_UNITS = ["hit", "word", "sentence", "paragraph", "turn", "section"] as const;
export type SpreadUnit = (typeof SPREAD_UNITS)[number];

export interface SpreadSource {
  text: string;
  blocks: readonly Block[];
  turns: readonly Turn[];
}

export function spreadHit(source: SpreadSource, hit: Range, unit: SpreadUnit): Range {
  const { text } = source;
  const start = Math.max(0, Math.min(hit.start, text.length));
  const end = Math.max(start, Math.min(hit.end, text.length));
  if (unit === "hit") return whole(text, { start, end });
  const last = Math.max(start, end - 1);
  let out: Range;
  switch (unit) {
    case "word":
      out = snapToWords(text, start, end);
      if (out.start === out.end) out = { start, end };
      break;
    case "sentence":
      out = withoutLabel(source, join(sentenceAt(source, start), sentenceAt(source, last)), start);
      break;
    case "paragraph":
      out = join(paragraphAt(source, start), paragraphAt(source, last));
      break;
    case "turn":
      out = join(turnOrParagraph(source, start), turnOrParagraph(source, last));
      break;
    case "section":
      out = join(sectionAt(source, start), sectionAt(source, last));
      break;
  }
  return trimSpace(text, whole(text, { start: Math.min(out.start, start), end: Math.max(out.end, end) }));
}

const join = (a: Range, b: Range): Range => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });

/** Widens a range that would split a surrogate pair, and clips it to the text. */
function whole(text: string, r: Range): Range {
  let start = Math.max(0, Math.min(r.start, text.length));
  let end = Math.max(start, Math.min(r.end, text.length));
  const low = (i: number) =>
    i > 0 && i < text.length && (text.charCodeAt(i) & 0xfc00) === 0xdc00 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800;
  if (low(start)) start--;
  if (low(end)) end++;
  return { start, end };
}

function trimSpace(text: string, r: Range): Range {
  let { start, end } = r;
  while (start < end && /\s/.test(text[start] ?? "")) start++;
  while (end > start && /\s/.test(text[end - 1] ?? "")) end--;
  return start < end ? { start, end } : r;
}

function blockAt(blocks: readonly Block[], offset: number): { block: Block; index: number } | null {
  const index = blockIndexAt(blocks, offset);
  const block = blocks[index];
  return block && block.start <= offset && offset <= block.end ? { block, index } : null;
}

/** The block holding `offset` (a whole table cell inside a table); the line, when there are no blocks. */
function paragraphAt(source: SpreadSource, offset: number): Range {
  const { text, blocks } = source;
  const found = blockAt(blocks, offset);
  if (!found) {
    const from = text.lastIndexOf("\n", offset - 1) + 1;
    const next = text.indexOf("\n", offset);
    return { start: from, end: next === -1 ? text.length : next };
  }
  const { block, index } = found;
  if (block.table === undefined) return { start: block.start, end: block.end };
  const sameCell = (b: Block | undefined) => b !== undefined && b.table === block.table && b.row === block.row && b.column === block.column;
  let first = index;
  let last = index;
  while (sameCell(blocks[first - 1])) first--;
  while (sameCell(blocks[last + 1])) last++;
  return { start: blocks[first]?.start ?? block.start, end: blocks[last]?.end ?? block.end };
}

const SENTENCE_END = /[.!?\u2026]+["'\u2019\u201D)\]]*(?=\s)|[\u3002\uFF01\uFF1F]+/gu;

function sentenceAt(source: SpreadSource, offset: number): Range {
  const { text, blocks } = source;
  const found = blockAt(blocks, offset);
  const block = found ? found.block : paragraphAt({ ...source, blocks: [] }, offset);
  let start = block.start;
  let end = block.end;
  SENTENCE_END.lastIndex = block.start;
  for (let m = SENTENCE_END.exec(text); m !== null && m.index < block.end; m = SENTENCE_END.exec(text)) {
    const after = Math.min(block.end, m.index + m[0].length);
    if (after <= offset) start = after;
    else {
      end = after;
      break;
    }
  }
  return { start, end };
}

/**
 * A turn's first sentence starts after the speaker's label ("P07:"), as "code this turn" has it; the
 * paragraph keeps it, as "code this paragraph" does. Left alone when the hit itself is in the label.
 */
function withoutLabel(source: SpreadSource, r: Range, hitStart: number): Range {
  const turn = turnAt(source.turns, hitStart);
  if (!turn) return r;
  const body = turnBodyRange(source.text, turn);
  return body.start > r.start && body.start <= hitStart ? { start: body.start, end: r.end } : r;
}

function turnOrParagraph(source: SpreadSource, offset: number): Range {
  const turn = turnAt(source.turns, offset);
  return turn ? turnBodyRange(source.text, turn) : paragraphAt(source, offset);
}

export interface HeadingSection {
  /** Index of the heading in blocks; -1 for the text before the first heading. */
  blockIndex: number;
  level: number;
  /** The heading's text, white space tidied. */
  title: string;
  start: number;
  end: number;
}

/** Each heading's section: the heading and everything up to the next heading of the same or a higher level. */
export function headingSections(text: string, blocks: readonly Block[]): HeadingSection[] {
  const sections: HeadingSection[] = [];
  const open: HeadingSection[] = [];
  const close = (upTo: number, level: number) => {
    while (open.length > 0 && (open[open.length - 1]?.level ?? 0) >= level) {
      const s = open.pop() as HeadingSection;
      s.end = Math.max(s.start, upTo);
    }
  };
  for (const [index, block] of blocks.entries()) {
    if (block.kind !== "heading") continue;
    const level = block.level ?? 1;
    close(block.start - 1, level);
    const section: HeadingSection = {
      blockIndex: index,
      level,
      title: text.slice(block.start, block.end).replace(/\s+/g, " ").trim(),
      start: block.start,
      end: text.length,
    };
    sections.push(section);
    open.push(section);
  }
  close(text.length, 0);
  return sections;
}

/** Sections per block list, so spreading many hits in one source works them out once. */
const sectionCache = new WeakMap<readonly Block[], { text: string; sections: HeadingSection[] }>();

function sectionAt(source: SpreadSource, offset: number): Range {
  let cached = sectionCache.get(source.blocks);
  if (cached?.text !== source.text) {
    cached = { text: source.text, sections: headingSections(source.text, source.blocks) };
    sectionCache.set(source.blocks, cached);
  }
  const { sections } = cached;
  let inner: HeadingSection | undefined;
  for (const s of sections) if (s.start <= offset && offset < Math.max(s.end, s.start + 1)) inner = s;
  if (inner) return { start: inner.start, end: inner.end };
  const first = sections[0];
  return { start: 0, end: first && first.start > offset ? first.start : source.text.length };
}
