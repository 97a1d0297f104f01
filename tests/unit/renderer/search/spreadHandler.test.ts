import { describe, expect, it } from "vitest";
import { Corpus, type CorpusStore } from "../../../../renderer/search/corpus";
import { answerSpread } from "../../../../renderer/search/spreadHandler";
import { convertFile } from "../../../../shared/import";
import type { SourceContentRecord } from "../../../../shared/model/records";
import type { SourceId } from "../../../../shared/ids";
import { spreadHit } from "../../../../shared/search/spread";

const TEXT = "Interviewer: How was the go-live weekend?\nP01: The go-live weekend was long. We coped.\nInterviewer: Thanks.";

async function corpusOf(texts: Record<string, string>): Promise<{ corpus: Corpus; contents: Map<string, SourceContentRecord> }> {
  const contents = new Map<string, SourceContentRecord>();
  for (const [id, text] of Object.entries(texts)) {
    const c = await convertFile(new TextEncoder().encode(text), `${id}.txt`);
    contents.set(id, {
      id: id as SourceId,
      text: c.text,
      blocks: c.blocks,
      marks: c.marks,
      turns: c.turns,
      timestamps: c.timestamps,
      warnings: [],
    });
  }
  const store: CorpusStore = {
    sources: () => Promise.resolve([]),
    cases: () => Promise.resolve([]),
    codings: () => Promise.resolve([]),
    memos: () => Promise.resolve([]),
    contents: (ids) => Promise.resolve(ids.map((id) => contents.get(id))),
  };
  const corpus = new Corpus(store);
  await corpus.sync([...contents.keys()]);
  return { corpus, contents };
}

describe("spreading hits in the corpus worker", () => {
  it("spreads each hit with the shared spreadHit, per source in first-hit order, and leaves out sources no longer held", async () => {
    const { corpus, contents } = await corpusOf({ a: TEXT, b: `P02: Nothing about the go-live weekend here.` });
    const a = contents.get("a") as SourceContentRecord;
    const first = a.text.indexOf("go-live weekend");
    const second = a.text.indexOf("go-live weekend", first + 1);
    const hits = [
      { sourceId: "b", start: 26, end: 41 },
      { sourceId: "a", start: first, end: first + 15 },
      { sourceId: "a", start: second, end: second + 15 },
      { sourceId: "gone", start: 0, end: 3 },
    ];
    const answer = await answerSpread(corpus, { hits, unit: "turn" });
    expect(answer.sources.map((s) => s.sourceId)).toEqual(["b", "a"]);
    const ranges = answer.sources[1]?.ranges ?? [];
    expect(ranges).toEqual([spreadHit(a, hits[1] ?? { start: 0, end: 0 }, "turn"), spreadHit(a, hits[2] ?? { start: 0, end: 0 }, "turn")]);
    expect(ranges.map((r) => a.text.slice(r.start, r.end))).toEqual([
      "How was the go-live weekend?",
      "The go-live weekend was long. We coped.",
    ]);
    const sentence = await answerSpread(corpus, { hits: hits.slice(2, 3), unit: "sentence" });
    expect(sentence.sources[0]?.ranges.map((r) => a.text.slice(r.start, r.end))).toEqual(["The go-live weekend was long."]);
  });
});
