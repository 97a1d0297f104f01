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
  const ranges = query.kind === "regex" ? matchRegex(query, target.text, units, control) : matchWords(query, target.text, units, control);
  return { hits: ranges.hits.map((r) => ({ sourceId: target.sourceId, start: r.start, end: r.end })), stopped: ranges.stopped };
}

interface Found {
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

/** First folded index whose origin is at or after `offset` (origins never decrease). */
function foldedIndexAt(prepared: PreparedSearch, offset: number): number {
  let lo = 0;
  let hi = prepared.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((prepared.origin[mid] ?? 0) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const UTF16 = new TextDecoder("utf-16le");
/** Typed arrays use the machine's byte order; every platform Margin runs on is little-endian, but check. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** The folded units as a string (TextDecoder is ~30× faster than fromCharCode; it cannot keep a lone surrogate). */
function foldedString(prepared: PreparedSearch): string {
  const units = prepared.folded.subarray(0, prepared.length);
  const decoded = LITTLE_ENDIAN ? UTF16.decode(units) : "\uFFFD";
  if (!decoded.includes("\uFFFD")) return decoded;
  let out = "";
  for (let i = 0; i < prepared.length; i += 8192) {
    out += String.fromCharCode(...prepared.folded.subarray(i, Math.min(prepared.length, i + 8192)));
  }
  return out;
}

/** True when folded index `i` is where a character's folded form begins (or the end). */
function startsCharacter(prepared: PreparedSearch, i: number): boolean {
  return i <= 0 || i >= prepared.length || prepared.origin[i] !== prepared.origin[i - 1];
}

interface WordsContext {
  text: string;
  prepared: PreparedSearch;
  folded: string;
  wholeWords: boolean;
  ticker: Ticker;
}

/** The hits of one term in one unit; `firstOnly` for exclusions. Null when stopped. */
function termHits(ctx: WordsContext, term: QueryTerm, unit: Range, from: number, to: number, firstOnly: boolean): Range[] | null {
  const { text, prepared, folded } = ctx;
  const out: Range[] = [];
  const length = term.folded.length;
  let pos = from;
  for (;;) {
    const idx = folded.indexOf(term.folded, pos);
    if (idx < 0 || idx + length > to) return out;
    if (ctx.ticker.tick()) return null;
    const start = prepared.origin[idx] ?? 0;
    let end = Math.min(unit.end, originalEnd(prepared.origin, prepared.length, text.length, idx + length - 1));
    let ok = startsCharacter(prepared, idx) && startsCharacter(prepared, idx + length);
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
    pos = term.kind === "prefix" ? foldedIndexAt(prepared, end) : idx + length;
  }
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

function matchWords(query: WordsQuery, text: string, units: readonly Range[], control: SearchControl): Found {
  const prepared = prepareSearch(text, query.matchCase);
  const ctx: WordsContext = { text, prepared, folded: foldedString(prepared), wholeWords: query.wholeWords, ticker: new Ticker(control) };
  const hits: Range[] = [];
  for (const unit of units) {
    const from = foldedIndexAt(prepared, unit.start);
    const to = foldedIndexAt(prepared, unit.end);
    if (from >= to) continue;
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

function matchRegex(query: RegexQuery, text: string, units: readonly Range[], control: SearchControl): Found {
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
