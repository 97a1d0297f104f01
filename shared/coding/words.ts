/**
 * Snapping a text selection to whole words, so a coded passage never starts or ends mid-word.
 *
 * Rules (tests/unit/shared/coding/words.test.ts has an example of each):
 *  - White space at either end of the selection is trimmed; a selection of nothing but white space
 *    collapses to an empty range.
 *  - Each end then grows to the edge of the unit it falls in. Units are Unicode word segments
 *    (UAX #29 via Intl.Segmenter): letters, marks (Arabic harakat, accents), numbers, apostrophes
 *    inside words ("don’t") and joiners stay together; an emoji with its skin tone, ZWJ sequence,
 *    keycap or flag is one unit; each punctuation mark is its own unit. Surrogate pairs are never split.
 *  - Chinese and Japanese characters are each their own unit. A CJK word boundary needs a dictionary
 *    whose answers differ between ICU builds (Node, Chromium), so the researcher's selection is kept
 *    to the character instead of growing across a run that has no spaces.
 *  - Growing never crosses a line break, so a selection never spills into the next block.
 *  - A caret (empty selection) inside or at the edge of a word selects that word.
 * Without Intl.Segmenter a regular expression gives the same units for everything above.
 */
import type { Range } from "./ranges";

export interface WordUnit {
  start: number;
  end: number;
  /** Letters or numbers (what a double-click selects), as opposed to punctuation, symbols, space. */
  wordLike: boolean;
}

export interface SnapOptions {
  /** Use Intl.Segmenter when the runtime has it (default true); false forces the regex fallback. */
  intlSegmenter?: boolean;
}

/** Units are looked for within this many code units of the selection's ends: a window, not the line. */
const WINDOW = 512;

const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30FC\\uFF66-\\uFF9F";
const CJK_CHAR = new RegExp(`[${CJK}]`, "u");
const WORD_CHAR = `(?:(?![${CJK}])[\\p{L}\\p{M}\\p{N}\\p{Pc}\\u200C\\u200D])`;
const EMOJI_TAIL = "(?:[\\p{M}\\uFE0F\\u{E0020}-\\u{E007F}]|\\p{Emoji_Modifier})*";
const FALLBACK_UNIT = new RegExp(
  [
    // 1: emoji (flags, pictographs with modifiers and ZWJ sequences)
    `(\\p{Regional_Indicator}{2}|\\p{Extended_Pictographic}${EMOJI_TAIL}(?:\\u200D\\p{Extended_Pictographic}${EMOJI_TAIL})*)`,
    // 2: one CJK character with its marks and variation selectors
    `([${CJK}][\\p{M}\\uFE00-\\uFE0F\\u{E0100}-\\u{E01EF}]*)`,
    // 3: a word; apostrophes join letters, a point or comma joins digits (3.5, 1,000)
    `(${WORD_CHAR}+(?:(?:['\\u2019\\u02BC]|(?<=\\p{Nd})[.,](?=\\p{Nd}))${WORD_CHAR}+)*)`,
    // 4: white space
    "(\\s+)",
    // 5: anything else: one code point (never half a surrogate pair) with its marks
    "([^][\\p{M}\\u200D]*)",
  ].join("|"),
  "gu",
);

let wordSegmenter: Intl.Segmenter | null | undefined;
let graphemeSegmenter: Intl.Segmenter | null = null;

function segmenters(): { word: Intl.Segmenter; grapheme: Intl.Segmenter } | null {
  if (wordSegmenter === undefined) {
    wordSegmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter(undefined, { granularity: "word" }) : null;
    graphemeSegmenter = wordSegmenter ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;
  }
  return wordSegmenter && graphemeSegmenter ? { word: wordSegmenter, grapheme: graphemeSegmenter } : null;
}

/**
 * The units tiling `text` (offsets relative to it): words, punctuation and emoji clusters, runs of
 * white space. CJK characters come one per unit.
 */
export function wordUnits(text: string, options: SnapOptions = {}): WordUnit[] {
  const seg = options.intlSegmenter === false ? null : segmenters();
  const units: WordUnit[] = [];
  if (!seg) {
    for (const m of text.matchAll(FALLBACK_UNIT)) {
      const start = m.index;
      units.push({ start, end: start + m[0].length, wordLike: m[2] !== undefined || m[3] !== undefined });
    }
    return units;
  }
  for (const s of seg.word.segment(text)) {
    const wordLike = s.isWordLike === true;
    if (!CJK_CHAR.test(s.segment)) {
      units.push({ start: s.index, end: s.index + s.segment.length, wordLike });
      continue;
    }
    for (const g of seg.grapheme.segment(s.segment)) {
      const start = s.index + g.index;
      units.push({ start, end: start + g.segment.length, wordLike });
    }
  }
  return units;
}

const isSpace = (text: string, i: number): boolean => /\s/.test(text[i] ?? "");

/** Units of the line around `pos`, within a window, in absolute offsets. */
function unitsAround(text: string, pos: number, options: SnapOptions): WordUnit[] {
  const lineStart = pos > 0 ? text.lastIndexOf("\n", pos - 1) + 1 : 0;
  const nl = text.indexOf("\n", pos);
  const lineEnd = nl === -1 ? text.length : nl;
  const from = Math.max(lineStart, pos - WINDOW);
  const to = Math.min(lineEnd, pos + WINDOW);
  return wordUnits(text.slice(from, to), options).map((u) => ({ start: u.start + from, end: u.end + from, wordLike: u.wordLike }));
}

function unitAt(units: readonly WordUnit[], pos: number): WordUnit | undefined {
  return units.find((u) => u.start <= pos && pos < u.end);
}

/**
 * The selection grown to whole words (see the rules above). `start` and `end` may come in either
 * order and are clamped to the text.
 */
export function snapToWords(text: string, start: number, end: number, options: SnapOptions = {}): Range {
  const clamp = (n: number) => Math.min(Math.max(0, Math.trunc(Number.isFinite(n) ? n : 0)), text.length);
  let s = clamp(Math.min(start, end));
  let e = clamp(Math.max(start, end));
  if (s === e) return wordAtCaret(text, s, options);

  while (s < e && isSpace(text, s)) s++;
  while (e > s && isSpace(text, e - 1)) e--;
  if (s === e) return { start: s, end: s };

  const startUnits = unitsAround(text, s, options);
  const covered = startUnits[startUnits.length - 1];
  const endUnits = covered && covered.end > e - 1 ? startUnits : unitsAround(text, e - 1, options);
  let snappedStart = unitAt(startUnits, s)?.start ?? s;
  let snappedEnd = unitAt(endUnits, e - 1)?.end ?? e;
  // A mark after a space joins the space's unit (UAX #29 rule WB4): never grow into the space.
  while (snappedStart < s && isSpace(text, snappedStart)) snappedStart++;
  while (snappedEnd > e && isSpace(text, snappedEnd - 1)) snappedEnd--;
  return { start: snappedStart, end: snappedEnd };
}

function wordAtCaret(text: string, pos: number, options: SnapOptions): Range {
  const units = unitsAround(text, pos, options);
  const after = unitAt(units, pos);
  if (after?.wordLike) return { start: after.start, end: after.end };
  const before = pos > 0 ? unitAt(units, pos - 1) : undefined;
  if (before?.wordLike && before.end === pos) return { start: before.start, end: before.end };
  return { start: pos, end: pos };
}
