/**
 * Running a parsed query (./query.ts) over sources: hits as UTF-16 offsets into each source's text,
 * half-open [start, end), in text order, never overlapping. Pure and synchronous, so the UI can run it
 * in a Web Worker and the CLI in Node with the same answers.
 *
 * Rules (docs/search.md has the researcher's version):
 *  - Units: see searchUnits. A hit lies inside one unit; a phrase may cross a line break inside a turn.
 *  - Folding: as find in a source (shared/text/find.ts), so both agree. A hit never starts or ends in
 *    the middle of a character's folded form, nor between a letter and its accents.
 *  - One term's hits do not overlap (the next is looked for after the previous one ends, as in find);
 *    where two terms' hits overlap, the one starting first wins, then the longer one.
 *  - Prefix terms (implement*) must start a word; the hit runs to the end of that word.
 *  - Whole words: nothing word-like (letter, mark, digit, "_") just before the start or after the end.
 *
 * Stopping: `shouldStop` is asked before each source and every CHECK_EVERY candidate hits; when it says
 * stop, the hits so far come back with `stopped` and a message. One catastrophic regular-expression
 * exec cannot be interrupted from inside JavaScript: the UI runs search in a worker and terminates it
 * when its time limit passes (the worker, not this module, owns the clock).
 */
import type { Block, Turn } from "../import/types";
import { subtract, turnBodyRange, type Range } from "../coding/ranges";
import { originalEnd, prepareSearch, type PreparedSearch } from "../text/find";
import type { QueryTerm, RegexQuery, SearchQuery, WordsQuery } from "./query";

export interface SearchHit {
  sourceId: string;
  start: number;
  end: number;
}

/** One source to search: its text and structure, and optionally the parts a scope keeps (./scope.ts). */
export interface SearchTarget {
  sourceId: string;
  text: string;
  blocks: readonly Block[];
  turns: readonly Turn[];
  /** Sorted, disjoint ranges to search within; absent: the whole source. */
  within?: readonly Range[];
}

export interface SearchControl {
  /** Asked between sources and every CHECK_EVERY candidates; true stops the search. */
  shouldStop?: () => boolean;
}

export interface SearchOutcome {
  hits: SearchHit[];
  sourcesSearched: number;
  stopped: boolean;
  /** Set when stopped: what happened, in the researcher's words. */
  message?: string;
}

export const CHECK_EVERY = 256;

export const STOPPED_MESSAGE =
  "The search stopped before it finished (it ran out of time or was cancelled). The hits found so far are shown; try a simpler search or fewer sources.";

/**
 * The units a query's words must share: each speaker turn's words (label and timestamp left out),
 * and outside turns each block (paragraph, heading, list item, table cell). Sorted and disjoint.
 * A source without blocks is one unit.
 */
export function searchUnits(text: string, blocks: readonly Block[], turns: readonly Turn[]): Range[] {
  if (blocks.length === 0) return text.length > 0 ? [{ start: 0, end: text.length }] : [];
  const units: Range[] = [];
  let t = 0;
  for (const block of blocks) {
    while (t < turns.length && (turns[t] as Turn).end <= block.start) t++;
    const turn = turns[t];
    if (turn && turn.start <= block.start && block.start < turn.end) {
      const body = turnBodyRange(text, turn);
      const last = units[units.length - 1];
      // The first block of a turn adds the turn's words; its later blocks are already in them.
      if (!(last && last.start === body.start && last.end === body.end) && body.start >= turn.labelEnd) units.push(body);
      continue;
    }
    if (block.end > block.start) units.push({ start: block.start, end: block.end });
  }
  return units;
}

/** Cuts sorted disjoint units by sorted disjoint `within` ranges. */
export function cutUnits(units: readonly Range[], within: readonly Range[]): Range[] {
  return subtract(units, subtract([{ start: 0, end: Number.MAX_SAFE_INTEGER }], within)).filter((r) => r.end > r.start);
}

const WORD_CHAR = /^[\p{L}\p{M}\p{N}\p{Pc}]$/u;

/** True when the character starting at `offset` is word-like. */
export function wordCharAt(text: string, offset: number): boolean {
  if (offset < 0 || offset >= text.length) return false;
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(offset) ?? 0));
}

/** True when the character ending at `offset` is word-like. */
export function wordCharBefore(text: string, offset: number): boolean {
  if (offset <= 0) return false;
  const low = text.charCodeAt(offset - 1);
  const pairStart = low >= 0xdc00 && low <= 0xdfff && offset >= 2 && (text.charCodeAt(offset - 2) & 0xfc00) === 0xd800;
  return wordCharAt(text, pairStart ? offset - 2 : offset - 1);
}

/** Runs the query over every target in turn. */
export function searchSources(query: SearchQuery, targets: Iterable<SearchTarget>, control: SearchControl = {}): SearchOutcome {
  const hits: SearchHit[] = [];
  let sourcesSearched = 0;
  for (const target of targets) {
    if (control.shouldStop?.()) return { hits, sourcesSearched, stopped: true, message: STOPPED_MESSAGE };
    const found = searchSource(query, target, control);
    hits.push(...found.hits);
    if (found.stopped) return { hits, sourcesSearched, stopped: true, message: STOPPED_MESSAGE };
    sourcesSearched++;
  }
  return { hits, sourcesSearched, stopped: false };
}

/** The hits in one source (`stopped` when shouldStop said so part-way; the hits so far are kept). */
export function searchSource(
  query: SearchQuery,
  target: SearchTarget,
  control: SearchControl = {},
): { hits: SearchHit[]; stopped: boolean } {
  let units = searchUnits(target.text, target.blocks, target.turns);
  if (target.within) units = cutUnits(units, target.within);
  const ranges =
    query.kind === "regex"
      ? matchRegex(query, target.text, units, control)
      : matchWords(query, foldText(target.text, query.matchCase), units, control);
  return { hits: ranges.hits.map((r) => ({ sourceId: target.sourceId, start: r.start, end: r.end })), stopped: ranges.stopped };
}

export interface Found {
  hits: Range[];
  stopped: boolean;
}

class Ticker {
  private count = 0;
  constructor(private readonly control: SearchControl) {}
  /** True when the search must stop (asked every CHECK_EVERY ticks). */
  tick(): boolean {
    this.count++;
    return this.count % CHECK_EVERY === 0 && this.control.shouldStop?.() === true;
  }
}

/**
 * A source's text folded for matching (find's folding, shared/text/find.ts), built once per text and
 * match-case setting: the core builds it per search, the index (./index.ts) keeps it between searches.
 */
export interface FoldedText {
  readonly text: string;
  readonly matchCase: boolean;
  /** The folded UTF-16 units as a string (one byte per character when every unit is ASCII, halving memory). */
  readonly folded: string;
  /** For each folded unit, the offset in `text` of the code point it came from; null when it is always the unit's own index. */
  readonly origin: Int32Array | null;
}

export function foldText(text: string, matchCase: boolean): FoldedText {
  const prepared = prepareSearch(text, matchCase);
  const { length, origin } = prepared;
  let identity = length === text.length;
  for (let i = 0; identity && i < length; i++) if (origin[i] !== i) identity = false;
  return { text, matchCase, folded: foldedString(prepared), origin: identity ? null : origin.slice(0, length) };
}

/** First folded index whose origin is at or after `offset` (origins never decrease). */
function foldedIndexAt(f: FoldedText, offset: number): number {
  const length = f.folded.length;
  if (!f.origin) return Math.max(0, Math.min(offset, length));
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((f.origin[mid] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const UTF16 = new TextDecoder("utf-16le");
/** Bytes below 0x80 decode as themselves in every single-byte decoder; the result is a one-byte string. */
const ASCII = new TextDecoder("latin1");
/** Typed arrays use the machine's byte order; every platform Margin runs on is little-endian, but check. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The folded units as a string (TextDecoder is ~30× faster than fromCharCode; it cannot keep a lone surrogate). */
function foldedString(prepared: PreparedSearch): string {
  const units = prepared.folded.subarray(0, prepared.length);
  let all = 0;
  for (let i = 0; i < units.length; i++) all |= units[i] ?? 0;
  if (all < 0x80) return ASCII.decode(Uint8Array.from(units));
  const decoded = LITTLE_ENDIAN ? UTF16.decode(units) : "\uFFFD";
  if (!decoded.includes("\uFFFD")) return decoded;
  let out = "";
  for (let i = 0; i < prepared.length; i += 8192) {
    out += String.fromCharCode(...prepared.folded.subarray(i, Math.min(prepared.length, i + 8192)));
  }
  return out;
}

/** True when folded index `i` is where a character's folded form begins (or the end). */
function startsCharacter(f: FoldedText, i: number): boolean {
  return !f.origin || i <= 0 || i >= f.origin.length || f.origin[i] !== f.origin[i - 1];
}

/** Every index where `pattern` starts in the folded text, overlapping ones included, in order. */
function occurrences(folded: string, pattern: string): Int32Array {
  let out = new Int32Array(16);
  let n = 0;
  for (let idx = folded.indexOf(pattern); idx >= 0; idx = folded.indexOf(pattern, idx + 1)) {
    if (n === out.length) {
      const grown = new Int32Array(n * 2);
      grown.set(out);
      out = grown;
    }
    out[n++] = idx;
  }
  return out.subarray(0, n);
}

/** First index of `sorted` holding a value at or after `value`. */
function lowerBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when some occurrence lies in [from, last]. */
function occursWithin(list: Int32Array, from: number, last: number): boolean {
  const k = lowerBound(list, from);
  return k < list.length && (list[k] ?? 0) <= last;
}

interface WordsContext {
  f: FoldedText;
  wholeWords: boolean;
  ticker: Ticker;
  /** Each term's occurrences in the whole folded text, found once per source. */
  found: Map<string, Int32Array>;
}

function occurrencesOf(ctx: WordsContext, term: QueryTerm): Int32Array {
  let list = ctx.found.get(term.folded);
  if (!list) {
    list = occurrences(ctx.f.folded, term.folded);
    ctx.found.set(term.folded, list);
  }
  return list;
}

/**
 * The hits of one term in one unit; `firstOnly` for exclusions. Null when stopped. Walking the term's
 * occurrences from `pos` is the same as calling indexOf from `pos` each time, without rescanning.
 */
function termHits(ctx: WordsContext, term: QueryTerm, unit: Range, from: number, to: number, firstOnly: boolean): Range[] | null {
  const { f } = ctx;
  const text = f.text;
  const out: Range[] = [];
  const length = term.folded.length;
  const list = occurrencesOf(ctx, term);
  let pos = from;
  for (let k = lowerBound(list, from); k < list.length; k++) {
    const idx = list[k] ?? 0;
    if (idx < pos) continue;
    if (idx + length > to) return out;
    if (ctx.ticker.tick()) return null;
    const start = f.origin ? (f.origin[idx] ?? 0) : idx;
    let end = Math.min(unit.end, f.origin ? originalEnd(f.origin, f.origin.length, text.length, idx + length - 1) : idx + length);
    let ok = startsCharacter(f, idx) && startsCharacter(f, idx + length);
    if (ok && term.kind === "prefix") {
      ok = !wordCharBefore(text, start);
      while (ok && end < unit.end && wordCharAt(text, end)) end += (text.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
    }
    if (ok && ctx.wholeWords) ok = !wordCharBefore(text, start) && !wordCharAt(text, end);
    if (!ok) {
      pos = idx + 1;
      continue;
    }
    out.push({ start, end });
    if (firstOnly) return out;
    pos = term.kind === "prefix" ? foldedIndexAt(f, end) : idx + length;
  }
  return out;
}

/** Hits sorted by start (longer first), keeping each only when it does not overlap one kept before. */
export function resolveOverlaps(hits: Range[]): Range[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Range[] = [];
  let reach = -1;
  for (const h of hits) {
    if (h.start < reach) continue;
    out.push(h);
    reach = h.end;
  }
  return out;
}

/**
 * A words query over one source's folded text and units. The index (./index.ts) calls this with its
 * kept fold and, in `known`, terms' occurrences it looked up (every index where the folded term starts,
 * in order, as `occurrences` would find them); other terms are found by scanning.
 */
export function matchWords(
  query: WordsQuery,
  f: FoldedText,
  units: readonly Range[],
  control: SearchControl,
  known?: ReadonlyMap<string, Int32Array>,
): Found {
  const ctx: WordsContext = { f, wholeWords: query.wholeWords, ticker: new Ticker(control), found: new Map(known) };
  const hits: Range[] = [];
  // A source where some AND part never occurs anywhere has no hits: skip its units.
  if (query.all.some((alternatives) => alternatives.every((term) => occurrencesOf(ctx, term).length === 0)))
    return { hits, stopped: false };
  const firstPart = query.all[0] ?? [];
  for (const unit of units) {
    const from = foldedIndexAt(f, unit.start);
    const to = foldedIndexAt(f, unit.end);
    if (from >= to) continue;
    // No occurrence of the first AND part inside the unit: no hits there, whatever else is in it.
    if (!firstPart.some((term) => occursWithin(occurrencesOf(ctx, term), from, to - term.folded.length))) continue;
    let excluded = false;
    for (const term of query.exclude) {
      const found = termHits(ctx, term, unit, from, to, true);
      if (found === null) return { hits, stopped: true };
      if (found.length > 0) excluded = true;
      if (excluded) break;
    }
    if (excluded) continue;
    const inUnit: Range[] = [];
    let missing = false;
    for (const alternatives of query.all) {
      let any = false;
      for (const term of alternatives) {
        const found = termHits(ctx, term, unit, from, to, false);
        if (found === null) return { hits, stopped: true };
        if (found.length > 0) any = true;
        inUnit.push(...found);
      }
      if (!any) {
        missing = true;
        break;
      }
    }
    if (!missing) hits.push(...resolveOverlaps(inUnit));
  }
  return { hits, stopped: false };
}

export function matchRegex(query: RegexQuery, text: string, units: readonly Range[], control: SearchControl): Found {
  const ticker = new Ticker(control);
  const regex = new RegExp(query.regex.source, query.regex.flags);
  const hits: Range[] = [];
  for (const unit of units) {
    const slice = text.slice(unit.start, unit.end);
    regex.lastIndex = 0;
    for (let m = regex.exec(slice); m !== null; m = regex.exec(slice)) {
      if (ticker.tick()) return { hits, stopped: true };
      if (m[0].length === 0) {
        // An empty match is no hit; step past it by one character (never half a surrogate pair).
        regex.lastIndex = m.index + ((slice.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
        continue;
      }
      const start = unit.start + m.index;
      const end = start + m[0].length;
      if (query.wholeWords && (wordCharBefore(text, start) || wordCharAt(text, end))) {
        regex.lastIndex = m.index + ((slice.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
        continue;
      }
      hits.push({ start, end });
    }
  }
  return { hits, stopped: false };
}
