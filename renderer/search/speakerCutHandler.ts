/**
 * The corpus worker's answer to "cut these coded passages to speaker turns" (Coded segments' speaker
 * option): the rule is shared/retrieval/speakers.ts; the worker holds the texts, so the window never
 * loads them all.
 */
import { cutToKept, keptBySpeakers } from "../../shared/retrieval/speakers";
import type { Corpus } from "./corpus";
import type { SpeakerCutAnswer, SpeakerCutQuestion } from "./corpusProtocol";

export async function answerSpeakerCut(corpus: Corpus, question: SpeakerCutQuestion): Promise<SpeakerCutAnswer> {
  const sourceIds = [...new Set(question.passages.map((p) => p.sourceId))];
  const contents = new Map((await corpus.contents(sourceIds)).map((c) => [c.id as string, c]));
  const kept = new Map(
    [...contents].map(([id, content]) => [id, keptBySpeakers(content, question.speakers, question.interviewerLabels)] as const),
  );
  return {
    pieces: question.passages.map((p) => {
      const content = contents.get(p.sourceId);
      // A source the worker does not hold (deleted since) keeps its passage uncut.
      if (!content) return [p.start, p.end];
      return cutToKept(content.text, p, kept.get(p.sourceId)).flatMap((r) => [r.start, r.end]);
    }),
  };
}
