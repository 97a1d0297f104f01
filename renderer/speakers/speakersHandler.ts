/**
 * The corpus worker's answers about speakers (renderer/search/corpus.worker.ts): every label's turns,
 * words and sources across the live sources, and the turns of chosen labels as ranges to code. The
 * transcripts stay in the worker; only counts and ranges cross to the window.
 */
import { countSpeakerLabels, speakerTurnRanges } from "../../shared/search/speakers";
import type { Corpus } from "../search/corpus";
import type { SpeakersAnswer, SpeakersQuestion, SpeakerTurnsAnswer, SpeakerTurnsQuestion } from "../search/corpusProtocol";

export async function answerSpeakers(corpus: Corpus, _question: SpeakersQuestion): Promise<SpeakersAnswer> {
  const sources = await corpus.store.sources();
  const contents = await corpus.contents(sources.map((s) => s.id));
  return { labels: countSpeakerLabels(contents), sourcesCounted: contents.length };
}

export async function answerSpeakerTurns(corpus: Corpus, question: SpeakerTurnsQuestion): Promise<SpeakerTurnsAnswer> {
  const sources = await corpus.store.sources();
  const contents = await corpus.contents(sources.map((s) => s.id));
  return { sources: speakerTurnRanges(contents, question.labels) };
}
