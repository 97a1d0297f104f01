/** The corpus worker's speaker cut (renderer/search/speakerCutHandler.ts): passages cut to the kept turns. */
import { describe, expect, it } from "vitest";
import { Corpus, type CorpusStore } from "../../../../renderer/search/corpus";
import { answerSpeakerCut } from "../../../../renderer/search/speakerCutHandler";
import type { SourceId } from "../../../../shared/ids";
import type { SourceContentRecord } from "../../../../shared/model/records";

const TEXT = "Interviewer: How was the go-live?\nP07: It was chaos, honestly.";
const content: SourceContentRecord = {
  id: "s1" as SourceId,
  text: TEXT,
  blocks: [],
  marks: [],
  turns: [
    { speaker: "Interviewer", start: 0, end: 33, labelEnd: 12 },
    { speaker: "P07", start: 34, end: 62, labelEnd: 38 },
  ],
  timestamps: [],
  warnings: [],
};
const store: CorpusStore = {
  sources: () => Promise.resolve([]),
  cases: () => Promise.resolve([]),
  codings: () => Promise.resolve([]),
  memos: () => Promise.resolve([]),
  contents: (ids) => Promise.resolve(ids.map((id) => (id === "s1" ? content : undefined))),
};

async function heldCorpus(): Promise<Corpus> {
  const corpus = new Corpus(store);
  await corpus.sync(["s1"]);
  return corpus;
}

describe("speaker cut in the corpus worker", () => {
  it("cuts each passage to the participant's words, drops one wholly in the question, leaves unknown sources whole", async () => {
    const answer = await answerSpeakerCut(await heldCorpus(), {
      speakers: "withoutInterviewers",
      passages: [
        { sourceId: "s1", start: 13, end: 62 },
        { sourceId: "s1", start: 13, end: 30 },
        { sourceId: "gone", start: 1, end: 4 },
      ],
    });
    expect(answer.pieces).toEqual([[TEXT.indexOf("It was"), 62], [], [1, 4]]);
    const marked = await answerSpeakerCut(await heldCorpus(), {
      speakers: "participants",
      interviewerLabels: ["P07"],
      passages: [{ sourceId: "s1", start: 0, end: 62 }],
    });
    expect(marked.pieces).toEqual([[13, 33]]);
  });
});
