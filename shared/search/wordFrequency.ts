/**
 * Word frequency (issue 16 item 5; docs/search.md "Word frequency"): the most frequent words in the
 * same scopes as search, as a table (word, length, count, weighted percentage, sources) and the data
 * for a word cloud.
 *
 *  - What a word is, and how words are folded: ./wordTally.ts (the same folding as search, so clicking
 *    a word and searching it finds what was counted). Words are counted in search units
 *    (./match.ts searchUnits), so speaker labels and timestamps ("[00:12:31] P07:") are never words,
 *    and a scope's cut (./scope.ts) counts only what it keeps.
 *  - Left out: stop words (folded the same way, so "Don’t" in the list leaves out "don't"), words
 *    shorter than `minLength` characters (after folding: accents do not count), and words with no
 *    letter ("2019", "12") unless `numbers`.
 *  - Weighted percentage (NVivo's name): a word's count as a share of every word counted, i.e. every
 *    word left after the stop words, the minimum length and the numbers rule (not only the top N).
 *  - Grouping word forms: words with the same Porter stem (`stemmer`, English) are one row, shown as its
 *    most frequent form and listing every form with its count ("nurse, nurses, nursing" → "nurs").
 *    Stop words are left out form by form before grouping.
 */
import { eng } from "stopword";
import { stemmer } from "stemmer";
import { toCsv } from "../retrieval/csv";
import { cutUnits, searchUnits, type SearchTarget } from "./match";
import { isCountable, WordTally, type WordEntry } from "./wordTally";
import { foldCodePoint } from "../text/find";

/**
 * Interviews are speech: fillers and the commonest contractions would otherwise top every transcript's
 * list (seen on the team kit's real interviews), and the package's written-English list has none.
 */
export const SPOKEN_STOP_WORDS: readonly string[] = [
  "ah",
  "er",
  "erm",
  "hmm",
  "mhm",
  "mm",
  "oh",
  "ok",
  "okay",
  "uh",
  "um",
  "umm",
  "yeah",
  "yep",
  "can't",
  "didn't",
  "doesn't",
  "don't",
  "i'm",
  "i've",
  "isn't",
  "it's",
  "that's",
  "there's",
  "they're",
  "wasn't",
  "we're",
  "won't",
  "you're",
];

/** The English stop-word list Margin starts from: the `stopword` package's `eng` list and SPOKEN_STOP_WORDS, sorted. */
export const ENGLISH_STOP_WORDS: readonly string[] = [...new Set([...eng, ...SPOKEN_STOP_WORDS].map((w) => w.toLowerCase()))].sort();

export interface WordFrequencyOptions {
  /** Words to leave out; default ENGLISH_STOP_WORDS. */
  stopWords?: readonly string[];
  /** Shortest word counted, in characters; default 3. */
  minLength?: number;
  /** How many rows to return, most frequent first; default 100; 0 for all. */
  top?: number;
  /** One row per Porter stem. */
  groupForms?: boolean;
  /** Count words without a letter ("2019"); default false. */
  numbers?: boolean;
}

export interface WordForm {
  word: string;
  count: number;
}

export interface WordFrequencyRow {
  /** As shown: the most frequent spelling (lower case, accents kept); for a group, its most frequent form. */
  word: string;
  /** Characters in `word`. */
  length: number;
  count: number;
  /** Sources it occurs in (a group: any of its forms). */
  sources: number;
  /** Share of every counted word, 0–100. */
  weightedPercent: number;
  /** Every form, most frequent first; one form when not grouped. */
  forms: WordForm[];
}

export interface WordFrequencyResult {
  rows: WordFrequencyRow[];
  /** Words left after stop words, minimum length and numbers: the base of the weighted percentage. */
  countedWords: number;
  /** Every word in scope, stop words and all. */
  allWords: number;
  /** Distinct counted words (or groups, when grouped). */
  distinctWords: number;
  sourcesCounted: number;
}

export const DEFAULT_MIN_LENGTH = 3;
export const DEFAULT_TOP = 100;

/** A word or stop word folded as words are counted (lower case, no accents, straight apostrophe). */
export function foldWordText(text: string): string {
  let out = "";
  for (const ch of text.trim()) out += foldCodePoint(ch.codePointAt(0) ?? 0);
  return out;
}

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** The spelling to show: the most frequent one (ASCII spellings are the folded word itself); on a tie, the folded word, else the first in code order. */
function shownSpelling(entry: WordEntry): string {
  if (!entry.spellings) return entry.word;
  let best = entry.word;
  let bestCount = entry.count - [...entry.spellings.values()].reduce((a, b) => a + b, 0);
  for (const [spelling, count] of entry.spellings) {
    if (
      count > bestCount ||
      (count === bestCount && best !== entry.word && spelling < best) ||
      (count === bestCount && spelling === entry.word)
    ) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}

const byCountThenWord = (a: { count: number; word: string }, b: { count: number; word: string }) =>
  b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0);

/** Every distinct word of some targets, before any option: what the options then filter and sort. */
export interface TalliedWords {
  entries: readonly WordEntry[];
  /** Every word in scope, stop words and all. */
  allWords: number;
  sourcesCounted: number;
}

/** Counts the words of the targets (in order; a target is one source), in their search units. */
export function tallyWords(targets: Iterable<SearchTarget>): TalliedWords {
  const tally = new WordTally();
  let sourcesCounted = 0;
  for (const target of targets) {
    let units = searchUnits(target.text, target.blocks, target.turns);
    if (target.within) units = cutUnits(units, target.within);
    tally.add(target.text, units, sourcesCounted);
    sourcesCounted++;
  }
  return { entries: tally.entries(), allWords: tally.total, sourcesCounted };
}

/** The most frequent words of the targets. */
export function wordFrequency(targets: Iterable<SearchTarget>, options: WordFrequencyOptions = {}): WordFrequencyResult {
  return summarise(tallyWords(targets), options);
}

/**
 * The table from tallied words: cheap (distinct words, not occurrences), so the worker keeps one
 * tally per scope and a change of stop words, minimum length, top N or grouping only re-summarises.
 */
export function summarise({ entries, allWords, sourcesCounted }: TalliedWords, options: WordFrequencyOptions = {}): WordFrequencyResult {
  const stop = new Set((options.stopWords ?? ENGLISH_STOP_WORDS).map(foldWordText));
  const minLength = options.minLength ?? DEFAULT_MIN_LENGTH;
  const numbers = options.numbers === true;
  const kept = entries.filter((e) => !stop.has(e.word) && codePointLength(e.word) >= minLength && isCountable(e.word, numbers));
  const countedWords = kept.reduce((n, e) => n + e.count, 0);
  const percent = (count: number) => (countedWords === 0 ? 0 : (count / countedWords) * 100);

  let rows: WordFrequencyRow[];
  if (options.groupForms) {
    const groups = new Map<string, WordEntry[]>();
    for (const e of kept) {
      const stem = stemmer(e.word);
      const group = groups.get(stem);
      if (group) group.push(e);
      else groups.set(stem, [e]);
    }
    rows = [...groups.values()].map((group) => {
      const forms = group.map((e) => ({ word: shownSpelling(e), count: e.count })).sort(byCountThenWord);
      const count = group.reduce((n, e) => n + e.count, 0);
      const sources = group.length === 1 ? (group[0]?.sources.length ?? 0) : new Set(group.flatMap((e) => e.sources)).size;
      const word = forms[0]?.word ?? "";
      return { word, length: codePointLength(word), count, sources, weightedPercent: percent(count), forms };
    });
  } else {
    rows = kept.map((e) => {
      const word = shownSpelling(e);
      return {
        word,
        length: codePointLength(word),
        count: e.count,
        sources: e.sources.length,
        weightedPercent: percent(e.count),
        forms: [{ word, count: e.count }],
      };
    });
  }
  rows.sort(byCountThenWord);
  const distinctWords = rows.length;
  const top = options.top ?? DEFAULT_TOP;
  return { rows: top > 0 ? rows.slice(0, top) : rows, countedWords, allWords, distinctWords, sourcesCounted };
}

/** The search that finds a row's words (with "whole words" on): the word, or its forms joined by OR. */
export function wordSearchQuery(row: Pick<WordFrequencyRow, "forms">): string {
  return row.forms.map((f) => f.word).join(" OR ");
}

export const WORD_FREQUENCY_CSV_HEADER = ["Word", "Length", "Count", "Weighted percentage", "Sources", "Forms"] as const;

/** The table as CSV with the project's writer (byte-order mark, quoted fields, formula guard). */
export function wordFrequencyCsv(rows: readonly WordFrequencyRow[]): string {
  return toCsv([
    WORD_FREQUENCY_CSV_HEADER,
    ...rows.map((r) => [
      r.word,
      r.length,
      r.count,
      Number(r.weightedPercent.toFixed(2)),
      r.sources,
      r.forms.map((f) => `${f.word} (${f.count})`).join("; "),
    ]),
  ]);
}
