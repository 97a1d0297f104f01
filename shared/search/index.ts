/**
 * A search index over a project's sources, so a search does not fold 50 million characters again, nor
 * scan them, each time (docs/search.md, "The index"). Pure: the app keeps one in its corpus worker,
 * built while the project loads and kept current as sources are imported or deleted.
 *
 * Per source it keeps the folded text (find's folding, built once; FoldedText in ./match.ts) and the
 * search units; across sources, a vocabulary of the folded words with where each starts
 * (./postings.ts). A words query looks its terms up in the vocabulary, which gives every place each
 * term starts in each source, and hands those to the core's own matching (matchWords in ./match.ts),
 * which would otherwise find them by scanning. So the hits are exactly the core's, by construction,
 * and a property test checks it (tests/unit/shared/search/index.test.ts).
 *
 * Still exact, not looked up: regular expressions (the raw text is scanned, as in the core), match case
 * (a second, case-kept fold is made per source on its first match-case search and kept, then scanned),
 * terms without a letter or digit ("?"), terms whose rarest piece is in too many places ("e"), and
 * sources not indexed yet or indexed with another text (the core searches them).
 */
import type { Block, Turn } from "../import/types";
import type { Range } from "../coding/ranges";
import {
  cutUnits,
  foldText,
  matchWords,
  searchSource,
  searchUnits,
  STOPPED_MESSAGE,
  type FoldedText,
  type SearchControl,
  type SearchHit,
  type SearchOutcome,
  type SearchTarget,
} from "./match";
import { addWords, compactVocabulary, createVocabulary, termStarts, type Vocabulary } from "./postings";
import type { SearchQuery, WordsQuery } from "./query";

export interface IndexedSource {
  readonly sourceId: string;
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly turns: readonly Turn[];
  readonly units: readonly Range[];
  /** Folded as search does by default (case ignored). */
  readonly folded: FoldedText;
  /** Folded keeping letter case: made on the first match-case search, then kept. */
  foldedCase?: FoldedText;
  /** Its number in the vocabulary; a removed source's number is never reused. */
  readonly ordinal: number;
}

export interface SearchIndex {
  readonly sources: Map<string, IndexedSource>;
  /** Live sources by number; a removed one is undefined. */
  readonly byOrdinal: (IndexedSource | undefined)[];
  readonly vocabulary: Vocabulary;
  /** Above this many places to check for a term, scanning the folded texts is used instead. */
  readonly lookupLimit: number;
}

/** About one place in six of a seed-scale corpus's words: beyond it, a scan of the folded text is as quick. */
export const DEFAULT_LOOKUP_LIMIT = 1_500_000;

export function createSearchIndex(options: { lookupLimit?: number } = {}): SearchIndex {
  return { sources: new Map(), byOrdinal: [], vocabulary: createVocabulary(), lookupLimit: options.lookupLimit ?? DEFAULT_LOOKUP_LIMIT };
}

export interface IndexableSource {
  sourceId: string;
  text: string;
  blocks: readonly Block[];
  turns: readonly Turn[];
}

/** Adds a source (or replaces it, when its id is already there). */
export function addToIndex(index: SearchIndex, source: IndexableSource): IndexedSource {
  removeFromIndex(index, source.sourceId);
  const folded = foldText(source.text, false);
  const entry: IndexedSource = {
    sourceId: source.sourceId,
    text: source.text,
    blocks: source.blocks,
    turns: source.turns,
    units: searchUnits(source.text, source.blocks, source.turns),
    folded,
    ordinal: index.byOrdinal.length,
  };
  addWords(index.vocabulary, entry.ordinal, folded.folded);
  index.byOrdinal.push(entry);
  index.sources.set(source.sourceId, entry);
  return entry;
}

/** Removes a source. Its words' places stay in the vocabulary, ignored, until compactIndex. */
export function removeFromIndex(index: SearchIndex, sourceId: string): void {
  const entry = index.sources.get(sourceId);
  if (!entry) return;
  index.sources.delete(sourceId);
  index.byOrdinal[entry.ordinal] = undefined;
}

/** Drops removed sources' places from the vocabulary and trims its lists (after loading, and after many removals). */
export function compactIndex(index: SearchIndex): void {
  compactVocabulary(index.vocabulary, (ordinal) => index.byOrdinal[ordinal] !== undefined);
}

/** Per term (folded text), where it starts in each source; terms the vocabulary cannot answer are left out. */
function lookUpTerms(index: SearchIndex, query: WordsQuery): Map<string, Map<number, Int32Array>> {
  const out = new Map<string, Map<number, Int32Array>>();
  const foldedOf = (ordinal: number) => index.byOrdinal[ordinal]?.folded.folded;
  for (const term of [...query.all.flat(), ...query.exclude]) {
    if (out.has(term.folded)) continue;
    const starts = termStarts(index.vocabulary, term.folded, foldedOf, index.lookupLimit);
    if (starts) out.set(term.folded, starts);
  }
  return out;
}

export interface IndexedSearchControl extends SearchControl {
  /** Called after each source with its hits (often none), so the caller can show the first screen early. */
  onSource?: (hits: readonly SearchHit[], sourcesSearched: number) => void;
}

/**
 * The same outcome as searchSources(query, targets, control) (./match.ts), using the index where it
 * can. The targets may include sources the index does not hold (yet): the core searches those.
 */
export function searchIndexed(
  index: SearchIndex,
  query: SearchQuery,
  targets: Iterable<SearchTarget>,
  control: IndexedSearchControl = {},
): SearchOutcome {
  const looked = query.kind === "words" && !query.matchCase ? lookUpTerms(index, query) : new Map<string, Map<number, Int32Array>>();
  const hits: SearchHit[] = [];
  let sourcesSearched = 0;
  for (const target of targets) {
    if (control.shouldStop?.()) return { hits, sourcesSearched, stopped: true, message: STOPPED_MESSAGE };
    const found = searchOne(index, query, target, looked, control);
    for (const hit of found.hits) hits.push(hit);
    if (found.stopped) return { hits, sourcesSearched, stopped: true, message: STOPPED_MESSAGE };
    sourcesSearched++;
    control.onSource?.(found.hits, sourcesSearched);
  }
  return { hits, sourcesSearched, stopped: false };
}

const NONE = new Int32Array(0);

function searchOne(
  index: SearchIndex,
  query: SearchQuery,
  target: SearchTarget,
  looked: Map<string, Map<number, Int32Array>>,
  control: SearchControl,
): { hits: SearchHit[]; stopped: boolean } {
  const entry = index.sources.get(target.sourceId);
  if (!entry || entry.text !== target.text || query.kind !== "words") return searchSource(query, target, control);
  const known = new Map<string, Int32Array>();
  for (const [term, perSource] of looked) known.set(term, perSource.get(entry.ordinal) ?? NONE);
  // Some AND part looked up and found nowhere in this source: no hits, and no units to cut.
  if (query.all.some((alternatives) => alternatives.every((t) => known.get(t.folded)?.length === 0))) return { hits: [], stopped: false };
  const sameStructure = target.blocks === entry.blocks && target.turns === entry.turns;
  let units = sameStructure ? entry.units : searchUnits(target.text, target.blocks, target.turns);
  if (target.within) units = cutUnits(units, target.within);
  let folded = entry.folded;
  if (query.matchCase) {
    entry.foldedCase ??= foldText(entry.text, true);
    folded = entry.foldedCase;
  }
  const found = matchWords(query, folded, units, control, known);
  return { hits: found.hits.map((r) => ({ sourceId: target.sourceId, start: r.start, end: r.end })), stopped: found.stopped };
}

export interface IndexSize {
  sources: number;
  characters: number;
  words: number;
  positions: number;
  /** Estimated bytes the index adds to the texts: folded texts, origin maps, units, vocabulary and places. */
  bytes: number;
}

/** An estimate of the memory the index adds to the texts it was built from (V8's layouts, roughly). */
export function indexSize(index: SearchIndex): IndexSize {
  let characters = 0;
  let bytes = 0;
  for (const entry of index.sources.values()) {
    characters += entry.text.length;
    for (const f of [entry.folded, entry.foldedCase]) {
      if (!f) continue;
      // eslint-disable-next-line no-control-regex -- ASCII is stored one byte per character
      bytes += f.folded.length * (/[^\x00-\x7f]/.test(f.folded) ? 2 : 1) + (f.origin ? f.origin.byteLength : 0) + 64;
    }
    bytes += entry.units.length * 40 + 200;
  }
  for (const [word, postings] of index.vocabulary.words)
    bytes += 40 + word.length * 2 + 80 + postings.ordinals.byteLength + postings.starts.byteLength;
  return { sources: index.sources.size, characters, words: index.vocabulary.words.size, positions: index.vocabulary.positions, bytes };
}
