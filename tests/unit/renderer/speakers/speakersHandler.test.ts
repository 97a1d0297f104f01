/**
 * The corpus worker's speaker answers (renderer/speakers/speakersHandler.ts) over a fake store, and the
 * pure planning of "Code turns…" (renderer/speakers/codeTurnsPlan.ts).
 */
import { describe, expect, it } from "vitest";
import { Corpus, type CorpusStore } from "../../../../renderer/search/corpus";
import { answerSpeakers, answerSpeakerTurns } from "../../../../renderer/speakers/speakersHandler";
import { caseRequests, codeTurnsLabel, rangesForRows } from "../../../../renderer/speakers/codeTurnsPlan";
import type { Live } from "../../../../shared/model/live";
import type { SourceContentRecord, SourceRecord } from "../../../../shared/model/records";
import { speakerTable } from "../../../../shared/search/speakers";
import { source } from "../../shared/bundle/fixtures";

function withTurns(id: string, lines: [string, string][]): { source: Live<SourceRecord>; content: SourceContentRecord } {
  let text = "";
  const turns: SourceContentRecord["turns"] = [];
  for (const [label, words] of lines) {
    if (text) text += "\n";
    const start = text.length;
    text += `${label}: ${words}`;
    turns.push({ start, end: text.length, speaker: label, labelEnd: start + label.length + 1 });
  }
  const made = source(id, text);
  return { source: made.source as Live<SourceRecord>, content: { ...made.content, turns } };
}

const A = withTurns("s-a", [
  ["Facilitator", "Welcome."],
  ["P1", "Nights."],
  ["P2 (nurse)", "Days here."],
]);
const B = withTurns("s-b", [
  ["P1", "Weekends too."],
  ["P2", "Paper."],
]);

const store: CorpusStore = {
  sources: () => Promise.resolve([A.source, B.source]),
  cases: () => Promise.resolve([]),
  codings: () => Promise.resolve([]),
  memos: () => Promise.resolve([]),
  contents: (ids) => Promise.resolve(ids.map((id) => [A.content, B.content].find((c) => c.id === id))),
};

describe("speaker answers of the corpus worker", () => {
  it("counts every label of the live sources, and gives chosen labels' turn bodies (label left out)", async () => {
    const corpus = new Corpus(store);
    await corpus.sync(["s-a", "s-b"]);
    const { labels, sourcesCounted } = await answerSpeakers(corpus, {});
    expect(sourcesCounted).toBe(2);
    expect(labels.map((l) => [l.label, l.turns, l.words, l.sourceIds])).toEqual([
      ["Facilitator", 1, 1, ["s-a"]],
      ["P1", 2, 3, ["s-a", "s-b"]],
      ["P2 (nurse)", 1, 2, ["s-a"]],
      ["P2", 1, 1, ["s-b"]],
    ]);
    const { sources } = await answerSpeakerTurns(corpus, { labels: ["P1"] });
    expect(
      sources.map((s) => [s.sourceId, (s.byLabel.P1 ?? []).map((r) => (s.sourceId === "s-a" ? A : B).content.text.slice(r.start, r.end))]),
    ).toEqual([
      ["s-a", ["Nights."]],
      ["s-b", ["Weekends too."]],
    ]);
  });

  it("plans Code turns: ranges per source, one case request per speaker, the audit label", async () => {
    const corpus = new Corpus(store);
    await corpus.sync(["s-a", "s-b"]);
    const rows = speakerTable((await answerSpeakers(corpus, {})).labels, [
      {
        id: "r1",
        createdAt: "",
        updatedAt: "1790000000001-00000-n",
        updatedBy: "me",
        deleted: false,
        label: "P2 (nurse)",
        name: "P2",
        role: null,
      },
      { id: "r2", createdAt: "", updatedAt: "1790000000001-00000-n", updatedBy: "me", deleted: false, label: "P2", name: "P2", role: null },
    ]);
    const chosen = rows.filter((r) => r.name === "P1" || r.name === "P2");
    const { sources } = await answerSpeakerTurns(corpus, { labels: chosen.flatMap((r) => r.labels) });
    const all = rangesForRows(chosen, sources);
    expect([...all.keys()]).toEqual(["s-a", "s-b"]);
    expect(all.get("s-a")?.map((r) => A.content.text.slice(r.start, r.end))).toEqual(["Nights.", "Days here."]);
    const requests = caseRequests(chosen, sources, { kind: "perSpeaker" });
    expect(requests.map((r) => [r.target, [...r.ranges.keys()]])).toEqual([
      [{ newCaseName: "P1" }, ["s-a", "s-b"]],
      [{ newCaseName: "P2" }, ["s-a", "s-b"]],
    ]);
    expect(caseRequests(chosen, sources, { kind: "existing", caseId: "c1" })).toHaveLength(1);
    expect(codeTurnsLabel(chosen, "“Participants/P07”", 42)).toBe("Autocoded speaker turns of P1, P2 → “Participants/P07”, 42 turns");
  });
});
