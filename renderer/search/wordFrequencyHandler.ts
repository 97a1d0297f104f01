/**
 * The corpus worker's answer to "the most frequent words in this scope" (issue 16 item 5), with the
 * shared core (shared/search/wordFrequency.ts). Counting every word is the slow part (about a second
 * for 8 million words); the options (stop words, minimum length, top N, grouping) only filter the
 * tally. So the last tally is kept, keyed by the scope and the sources it covered, and changing an
 * option answers in milliseconds. A scope limited by coding is never kept: codings change as the
 * researcher codes, and the worker is not told.
 */
import { searchTargets, sourcesInScope } from "../../shared/search/scope";
import { summarise, tallyWords, type TalliedWords, type WordFrequencyResult } from "../../shared/search/wordFrequency";
import type { Corpus } from "./corpus";
import type { WordFrequencyQuestion } from "./corpusProtocol";

const kept = new WeakMap<Corpus, { key: string; tallied: TalliedWords }>();

export async function answerWordFrequency(corpus: Corpus, question: WordFrequencyQuestion): Promise<WordFrequencyResult> {
  const { store } = corpus;
  const { scope } = question;
  const [sources, cases] = await Promise.all([store.sources(), store.cases()]);
  const codings = scope.coding ? await store.codings() : [];
  const inScope = sourcesInScope({ sources, cases }, scope);
  const key = scope.coding ? null : JSON.stringify([scope, inScope.map((s) => s.id)]);
  const last = kept.get(corpus);
  if (key !== null && last?.key === key) return summarise(last.tallied, question.options);
  const contents = await corpus.contents(inScope.map((s) => s.id));
  const tallied = tallyWords(searchTargets({ sources: inScope, sourceContent: contents, cases, codings }, scope));
  if (key !== null) kept.set(corpus, { key, tallied });
  else kept.delete(corpus);
  return summarise(tallied, question.options);
}
