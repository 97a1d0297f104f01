/**
 * The corpus worker's answers about speakers (renderer/search/corpus.worker.ts): every label's turns,
 * words and sources across the live sources, and the turns of chosen labels as ranges to code. The
 * transcripts stay in the worker; only counts and ranges cross to the window.
 */
import type { SourceContentRecord } from "../../shared/model/records";
import { countSpeakerLabels, mergeSpeakerLabelCounts, speakerTurnRanges, type SpeakerLabelCount } from "../../shared/search/speakers";
import type { Corpus } from "../search/corpus";
import type { SpeakersAnswer, SpeakersQuestion, SpeakerTurnsAnswer, SpeakerTurnsQuestion } from "../search/corpusProtocol";

/**
 * Each source's counts, kept while the worker holds its content (text never changes): counting 8M
 * words takes about 1.5 s, so after an import only the new sources are counted.
 */
const counted = new WeakMap<SourceContentRecord, SpeakerLabelCount[]>();

function countsOf(content: SourceContentRecord): SpeakerLabelCount[] {
  let counts = counted.get(content);
  if (!counts) counted.set(content, (counts = countSpeakerLabels([content])));
  return counts;
}

export async function answerSpeakers(corpus: Corpus, _question: SpeakersQuestion): Promise<SpeakersAnswer> {
  const sources = await corpus.store.sources();
  const contents = await corpus.contents(sources.map((s) => s.id));
  return { labels: mergeSpeakerLabelCounts(contents.map(countsOf)), sourcesCounted: contents.length };
}

export async function answerSpeakerTurns(corpus: Corpus, question: SpeakerTurnsQuestion): Promise<SpeakerTurnsAnswer> {
  const sources = await corpus.store.sources();
  const contents = await corpus.contents(sources.map((s) => s.id));
  return { sources: speakerTurnRanges(contents, question.labels) };
}
