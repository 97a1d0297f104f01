/** The corpus worker's word-frequency answer (renderer/search/wordFrequencyHandler.ts), over a fake store. */
import { describe, expect, it, vi } from "vitest";
import type { Live } from "../../../../shared/model/live";
import type { CodingRecord, SourceContentRecord, SourceRecord } from "../../../../shared/model/records";
import { tallyWords, wordFrequency } from "../../../../shared/search/wordFrequency";
import { Corpus, type CorpusStore } from "../../../../renderer/search/corpus";
import { answerWordFrequency } from "../../../../renderer/search/wordFrequencyHandler";

vi.mock("../../../../shared/search/wordFrequency", async (original) => {
  const real = await original<typeof import("../../../../shared/search/wordFrequency")>();
  return { ...real, tallyWords: vi.fn(real.tallyWords) };
});

const meta = { createdAt: "2024-01-01T00:00:00Z", updatedAt: "0", updatedBy: "me", deleted: false as const };
const source = (id: string, kind: SourceRecord["kind"]) =>
  ({
    ...meta,
    id,
    name: id,
    kind,
    fileName: `${id}.txt`,
    format: "txt",
    importedAt: "",
    charCount: 0,
    wordCount: 0,
    contentHash: "",
    caseIds: [],
    memo: "",
  }) as Live<SourceRecord>;
const content = (id: string, text: string): SourceContentRecord => ({
  id,
  text,
  blocks: [{ kind: "paragraph", start: 0, end: text.length }],
  turns: [],
  marks: [],
  timestamps: [],
  warnings: [],
});

async function fakeCorpus() {
  const texts = new Map([
    ["a", "nurses nurses ward"],
    ["b", "nurse ward ward doctor"],
  ]);
  let reads = 0;
  let codings: Live<CodingRecord>[] = [];
  const store: CorpusStore = {
    sources: () => Promise.resolve([source("a", "interview"), source("b", "document")]),
    cases: () => Promise.resolve([]),
    codings: () => Promise.resolve(codings),
    memos: () => Promise.resolve([]),
    contents: (ids) => {
      reads++;
      return Promise.resolve(ids.map((id) => content(id, texts.get(id) ?? "")));
    },
  };
  const corpus = new Corpus(store);
  await corpus.sync(["a", "b"]);
  return {
    corpus,
    reads: () => reads,
    setCodings: (c: Live<CodingRecord>[]) => (codings = c),
    texts,
  };
}

describe("word frequency in the corpus worker", () => {
  it("answers as the shared core does, for the scope", async () => {
    const { corpus, texts } = await fakeCorpus();
    const answer = await answerWordFrequency(corpus, { scope: { sourceKinds: ["interview"] }, options: { stopWords: [] } });
    expect(answer).toEqual(wordFrequency([{ sourceId: "a", text: texts.get("a") ?? "", blocks: [], turns: [] }], { stopWords: [] }));
    expect(answer.rows.map((r) => [r.word, r.count])).toEqual([
      ["nurses", 2],
      ["ward", 1],
    ]);
  });

  it("keeps the tally for the scope: changing an option reads and counts nothing again", async () => {
    const { corpus, reads } = await fakeCorpus();
    const first = await answerWordFrequency(corpus, { scope: {}, options: { stopWords: [] } });
    const readsAfterFirst = reads();
    const tallies = vi.mocked(tallyWords).mock.calls.length;
    const grouped = await answerWordFrequency(corpus, { scope: {}, options: { stopWords: ["ward"], groupForms: true } });
    expect(reads()).toBe(readsAfterFirst);
    expect(vi.mocked(tallyWords).mock.calls.length).toBe(tallies);
    await answerWordFrequency(corpus, { scope: { sourceKinds: ["document"] }, options: {} });
    expect(vi.mocked(tallyWords).mock.calls.length).toBe(tallies + 1);
    expect(first.rows[0]).toMatchObject({ word: "ward", count: 3 });
    expect(grouped.rows).toEqual([
      expect.objectContaining({ word: "nurses", count: 3, sources: 2 }),
      expect.objectContaining({ word: "doctor" }),
    ]);
  });

  it("recounts a coding scope every time (codings change as the researcher codes)", async () => {
    const { corpus, setCodings } = await fakeCorpus();
    const coding = (end: number) =>
      ({ ...meta, id: `c${end}`, sourceId: "b", codeId: "k", coderId: "me", start: 0, end, note: "" }) as Live<CodingRecord>;
    const scope = { coding: { codeIds: ["k"], inside: true } };
    setCodings([coding(5)]);
    const before = await answerWordFrequency(corpus, { scope, options: { stopWords: [] } });
    setCodings([coding(10)]);
    const after = await answerWordFrequency(corpus, { scope, options: { stopWords: [] } });
    expect(before.rows.map((r) => r.word)).toEqual(["nurse"]);
    expect(after.rows.map((r) => r.word)).toEqual(["nurse", "ward"]);
  });
});
