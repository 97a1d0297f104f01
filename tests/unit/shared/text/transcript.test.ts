import { describe, expect, it } from "vitest";
import { blockIndexAt, countCharacters, paragraphsFromLines, readTranscript, speakerSummary } from "../../../../shared/text/transcript";

const text = "Title\nInterviewer: hello\nP07: hi 😀";
const blocks = [
  { kind: "heading", start: 0, end: 5, level: 1 },
  { kind: "paragraph", start: 6, end: 24 },
  { kind: "paragraph", start: 25, end: 35 },
];

describe("readTranscript", () => {
  it("types valid content as it is", () => {
    const t = readTranscript({
      text,
      blocks,
      marks: [{ kind: "bold", start: 0, end: 5 }],
      turns: [
        { start: 25, end: 35, speaker: "P07", labelEnd: 29 },
        { start: 6, end: 24, speaker: "Interviewer", labelEnd: 18 },
      ],
      timestamps: [],
      warnings: ["A picture was left out."],
    });
    expect(t.blocks).toEqual(blocks);
    expect(t.marks).toHaveLength(1);
    expect(t.turns.map((x) => x.speaker)).toEqual(["Interviewer", "P07"]);
    expect(t.warnings).toEqual(["A picture was left out."]);
  });

  it("drops entries that do not fit the text", () => {
    const t = readTranscript({
      text,
      blocks,
      marks: [{ kind: "bold", start: 0, end: 500 }, { kind: "underline", start: 0, end: 1 }, null, "x"],
      turns: [{ start: 0, end: 5 }],
      timestamps: [{ start: 3, end: 1 }],
      warnings: [],
    });
    expect(t.marks).toEqual([]);
    expect(t.turns).toEqual([]);
    expect(t.timestamps).toEqual([]);
  });

  it("falls back to one paragraph per line when blocks do not tile the text", () => {
    const t = readTranscript({ text, blocks: [blocks[0], blocks[2]], marks: [], turns: [], timestamps: [], warnings: [] });
    expect(t.blocks).toEqual(paragraphsFromLines(text));
    expect(t.blocks.map((b) => text.slice(b.start, b.end))).toEqual(["Title", "Interviewer: hello", "P07: hi 😀"]);
    expect(readTranscript({ text: "", blocks: [], marks: [], turns: [], timestamps: [], warnings: [] }).blocks).toEqual([
      { kind: "paragraph", start: 0, end: 0 },
    ]);
  });
});

describe("blockIndexAt", () => {
  it("finds the block holding an offset, block ends included", () => {
    expect(blockIndexAt(blocks, 0)).toBe(0);
    expect(blockIndexAt(blocks, 5)).toBe(0);
    expect(blockIndexAt(blocks, 6)).toBe(1);
    expect(blockIndexAt(blocks, 35)).toBe(2);
    expect(blockIndexAt(blocks, 999)).toBe(2);
    expect(blockIndexAt([], 3)).toBe(0);
  });
});

describe("speakerSummary", () => {
  it("counts turns per speaker in order of first appearance", () => {
    const turn = (speaker: string) => ({ start: 0, end: 0, labelEnd: 0, speaker });
    expect(speakerSummary([turn("Interviewer"), turn("P07"), turn("Interviewer")])).toEqual([
      { speaker: "Interviewer", turns: 2 },
      { speaker: "P07", turns: 1 },
    ]);
  });
});

describe("countCharacters", () => {
  it("counts what a reader sees as one character once", () => {
    expect(countCharacters("abc")).toBe(3);
    expect(countCharacters("😀")).toBe(1);
    expect(countCharacters("e\u0301")).toBe(1);
    expect(countCharacters("🧑🏽‍⚕️")).toBe(1);
    expect(countCharacters("مُحَمَّد")).toBe(4);
    expect(countCharacters("😀".repeat(30_000))).toBe(30_000);
  });
});
