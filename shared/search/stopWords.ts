/**
 * The researcher's stop-word list for word frequency (docs/search.md "Word frequency"): kept as the
 * changes made to the English list (words added, English words removed), so the list is always
 * "English, plus these, minus those", and "Reset" is simply no changes. Words are kept folded (lower
 * case, no accents, straight apostrophes) as words are counted (./wordTally.ts).
 */
import { ENGLISH_STOP_WORDS, foldWordText } from "./wordFrequency";

export interface StopWordChanges {
  added: string[];
  removed: string[];
}

export const NO_STOP_WORD_CHANGES: StopWordChanges = { added: [], removed: [] };

/** Longest stop word kept (a paste of a paragraph into the box is a mistake, not a word). */
const MAX_WORD = 100;

const sorted = (words: Iterable<string>) => [...new Set(words)].sort();

/** The list in use: English plus the added words, minus the removed ones; sorted. */
export function stopWordList(changes: StopWordChanges): string[] {
  const removed = new Set(changes.removed);
  return sorted([...ENGLISH_STOP_WORDS, ...changes.added].filter((w) => !removed.has(w)));
}

/** The words typed in a box, separated by commas, semicolons or white space; folded, each once. */
export function typedStopWords(text: string): string[] {
  return sorted(
    text
      .split(/[\s,;]+/u)
      .map(foldWordText)
      .filter((w) => w !== "" && w.length <= MAX_WORD),
  );
}

export function addStopWords(changes: StopWordChanges, words: readonly string[]): StopWordChanges {
  const english = new Set(ENGLISH_STOP_WORDS);
  const adding = new Set(words);
  return {
    added: sorted([...changes.added, ...words.filter((w) => !english.has(w))]),
    removed: changes.removed.filter((w) => !adding.has(w)),
  };
}

export function removeStopWord(changes: StopWordChanges, word: string): StopWordChanges {
  const english = ENGLISH_STOP_WORDS.includes(word);
  return {
    added: changes.added.filter((w) => w !== word),
    removed: english ? sorted([...changes.removed, word]) : changes.removed,
  };
}

/** Reads stored changes, dropping anything that is not a list of words (a hand-edited or old value). */
export function parseStopWordChanges(raw: unknown): StopWordChanges {
  const words = (value: unknown) =>
    Array.isArray(value)
      ? sorted(value.filter((w): w is string => typeof w === "string" && w !== "" && w.length <= MAX_WORD).map(foldWordText))
      : [];
  if (typeof raw !== "object" || raw === null) return NO_STOP_WORD_CHANGES;
  const record = raw as Record<string, unknown>;
  return { added: words(record.added), removed: words(record.removed) };
}
