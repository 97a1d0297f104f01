/** The corpus worker's heading sections (renderer/search/headingsHandler.ts), for Autocode by headings. */
import { describe, expect, it } from "vitest";
import { Corpus, type CorpusStore } from "../../../../renderer/search/corpus";
import { answerHeadings } from "../../../../renderer/search/headingsHandler";
import type { SourceId } from "../../../../shared/ids";
import type { SourceContentRecord } from "../../../../shared/model/records";

const record = (id: string, text: string, blocks: SourceContentRecord["blocks"]): SourceContentRecord => ({
  id: id as SourceId,
  text,
  blocks,
  marks: [],
  turns: [],
  timestamps: [],
  warnings: [],
});
const CONTENTS = [
  record("a", "Barriers\nStaff left.\nStaffing\nNo cover.", [
    { kind: "heading", level: 1, start: 0, end: 8 },
    { kind: "paragraph", start: 9, end: 20 },
    { kind: "heading", level: 2, start: 21, end: 29 },
    { kind: "paragraph", start: 30, end: 39 },
  ]),
  record("plain", "No headings here.", [{ kind: "paragraph", start: 0, end: 17 }]),
];
const store: CorpusStore = {
  sources: () => Promise.resolve([]),
  cases: () => Promise.resolve([]),
  codings: () => Promise.resolve([]),
  memos: () => Promise.resolve([]),
  contents: (ids) => Promise.resolve(ids.map((id) => CONTENTS.find((c) => c.id === id))),
};

describe("heading sections in the corpus worker", () => {
  it("gives each source's sections, leaving out sources without headings", async () => {
    const corpus = new Corpus(store);
    await corpus.sync(["a", "plain"]);
    const answer = await answerHeadings(corpus, { sourceIds: ["plain", "a"] });
    expect(answer.sources.map((s) => [s.id, s.sections.map((x) => [x.level, x.title, x.start, x.end])])).toEqual([
      [
        "a",
        [
          [1, "Barriers", 0, 39],
          [2, "Staffing", 21, 39],
        ],
      ],
    ]);
  });
});
