/**
 * Spreading a hit to a unit (shared/search/spread.ts) on structures made by the real importer: a DOCX
 * with headings, lists, a table, CJK, Arabic and emoji; a transcript with speaker turns; and hand-made
 * content for CRLF text and a table cell of two paragraphs.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { convertDocx } from "../../../../shared/import";
import type { Block, ConvertedSource } from "../../../../shared/import/types";
import { searchUnits } from "../../../../shared/search/match";
import { headingSections, spreadHit, SPREAD_UNITS, type SpreadSource, type SpreadUnit } from "../../../../shared/search/spread";
import { FEATURE, makeFeatureDocx, makeTranscriptDocx } from "../../../fixtures/docx/generate";

let feature: ConvertedSource;
let transcript: ConvertedSource;

beforeAll(async () => {
  feature = await convertDocx(await makeFeatureDocx(), "feature.docx");
  transcript = await convertDocx(
    await makeTranscriptDocx({
      title: "Interview 7",
      preamble: ["Date: 1 May"],
      turns: [
        { speaker: "Interviewer", text: ["How was it? Tell me."] },
        { speaker: "P07", text: ["It was fine. The nurse helped.", "Second para here."] },
      ],
    }),
    "p07.docx",
  );
}, 30_000);

/** The text a unit spreads the first hit of `word` (after `after`) to. */
function spread(source: SpreadSource, word: string, unit: SpreadUnit, after = 0): string {
  const start = source.text.indexOf(word, after);
  expect(start, word).toBeGreaterThanOrEqual(0);
  const r = spreadHit(source, { start, end: start + word.length }, unit);
  return source.text.slice(r.start, r.end);
}

describe("spread units on an imported document", () => {
  it("word, sentence and paragraph of a hit in a body paragraph", () => {
    expect(spread(feature, "orta", "word")).toBe("portal");
    expect(spread(feature, "portal", "sentence")).toBe(FEATURE.boldItalic);
    expect(spread(feature, "portal", "paragraph")).toBe(FEATURE.boldItalic);
    expect(spread(feature, "portal", "turn")).toBe(FEATURE.boldItalic); // no turns: the paragraph
  });

  it("section: the innermost heading and what follows until a heading of the same or higher level", () => {
    const background = spread(feature, "portal", "section");
    expect(background.startsWith(`${FEATURE.h1}\n${FEATURE.boldItalic}\n${FEATURE.h2}`)).toBe(true); // level 2 and 3 inside it
    expect(background.endsWith(FEATURE.lineBreak[1])).toBe(true);
    const recruitment = spread(feature, "Audio", "section");
    expect(recruitment.startsWith(FEATURE.h3)).toBe(true);
    expect(recruitment.endsWith(FEATURE.lineBreak[1])).toBe(true); // up to the "Notes" heading (level 1)
    expect(spread(feature, "Acute", "section").startsWith(FEATURE.h2)).toBe(true);
    expect(spread(feature, "Interim", "section")).toBe(FEATURE.subtitle); // a level-2 heading with a level-1 next
  });

  it("a table cell is its paragraph, and a sentence stays in the cell", () => {
    expect(spread(feature, "withdrew", "paragraph")).toBe("Two withdrew");
    expect(spread(feature, "withdrew", "sentence")).toBe("Two withdrew");
    expect(spread(feature, "withdrew", "section").startsWith(FEATURE.h3)).toBe(true);
  });

  it("CJK, right-to-left and emoji text", () => {
    expect(spread(feature, "系统", "sentence")).toBe(FEATURE.chinese);
    expect(spread(feature, "النظ", "word")).toBe("النظام");
    expect(spread(feature, "النظام", "paragraph")).toBe(FEATURE.arabic);
    expect(spread(feature, "rota", "paragraph")).toBe(FEATURE.emoji);
    // Half an emoji (one surrogate) spreads to the whole character, never half of it.
    const party = feature.text.indexOf("🎉");
    const half = spreadHit(feature, { start: party + 1, end: party + 2 }, "hit");
    expect(feature.text.slice(half.start, half.end)).toBe("🎉");
  });

  it("headingSections nests by level", () => {
    const sections = headingSections(feature.text, feature.blocks).map((s) => [s.title, s.level]);
    expect(sections).toEqual([
      [FEATURE.title, 1],
      [FEATURE.subtitle, 2],
      [FEATURE.h1, 1],
      [FEATURE.h2, 2],
      [FEATURE.h3, 3],
      ["Notes", 1],
    ]);
  });
});

describe("spread units in a transcript", () => {
  it("turn spreads to the speaker's words without the label; sentence and paragraph stay inside", () => {
    expect(spread(transcript, "nurse", "turn")).toBe("It was fine. The nurse helped.\nSecond para here.");
    expect(spread(transcript, "nurse", "sentence")).toBe("The nurse helped.");
    expect(spread(transcript, "nurse", "paragraph")).toBe("P07: It was fine. The nurse helped.");
    expect(spread(transcript, "Tell", "sentence")).toBe("Tell me.");
    // A turn's first sentence is what was said, not the speaker's label (autocoding "P07: It was fine." was wrong).
    expect(spread(transcript, "fine", "sentence")).toBe("It was fine.");
    expect(spread(transcript, "May", "turn")).toBe("Date: 1 May"); // outside turns: the paragraph
    expect(spread(transcript, "Tell", "section")).toBe(transcript.text); // one heading over everything
  });

  it("search units are each turn's words (label left out) and each block outside turns", () => {
    const units = searchUnits(transcript.text, transcript.blocks, transcript.turns).map((u) => transcript.text.slice(u.start, u.end));
    expect(units).toEqual(["Interview 7", "Date: 1 May", "How was it? Tell me.", "It was fine. The nurse helped.\nSecond para here."]);
  });

  it("a hit across two turns spreads over both", () => {
    const start = transcript.text.indexOf("me.");
    const end = transcript.text.indexOf("fine") + 4;
    const r = spreadHit(transcript, { start, end }, "turn");
    expect(transcript.text.slice(r.start, r.end)).toBe("How was it? Tell me.\nP07: It was fine. The nurse helped.\nSecond para here.");
  });
});

function linesAsBlocks(text: string): Block[] {
  let start = 0;
  return text.split("\n").map((line) => {
    const block: Block = { kind: "paragraph", start, end: start + line.length };
    start += line.length + 1;
    return block;
  });
}

describe("hand-made content", () => {
  it("CRLF line ends never end up inside a spread coding", () => {
    const text = "One. Two three.\r\nFour five.";
    const source = { text, blocks: linesAsBlocks(text), turns: [] };
    expect(spread(source, "three", "paragraph")).toBe("One. Two three.");
    expect(spread(source, "three", "sentence")).toBe("Two three.");
    expect(spread(source, "Four", "sentence")).toBe("Four five.");
    expect(spread(source, "Four", "section")).toBe(text); // no headings: the whole text
  });

  it("a table cell of two paragraphs spreads to the whole cell", () => {
    const text = "Cell one.\nStill cell one.\nCell two.";
    const blocks: Block[] = [
      { kind: "tableCell", start: 0, end: 9, table: 0, row: 0, column: 0 },
      { kind: "tableCell", start: 10, end: 25, table: 0, row: 0, column: 0 },
      { kind: "tableCell", start: 26, end: 35, table: 0, row: 0, column: 1 },
    ];
    expect(spread({ text, blocks, turns: [] }, "Still", "paragraph")).toBe("Cell one.\nStill cell one.");
    expect(spread({ text, blocks, turns: [] }, "two", "paragraph")).toBe("Cell two.");
  });

  it("without blocks a paragraph is the line", () => {
    expect(spread({ text: "a b\nc d", blocks: [], turns: [] }, "d", "paragraph")).toBe("c d");
  });
});

describe("spread properties on the imported document", () => {
  it("every unit holds the hit, stays in the text, never splits a surrogate pair, and the units nest", () => {
    const order: SpreadUnit[] = ["hit", "sentence", "paragraph", "section"];
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 12 }), (at, width) => {
        const blocks = feature.blocks;
        const block = blocks[at % blocks.length] as Block;
        const start = block.start + (at % Math.max(1, block.end - block.start));
        const end = Math.min(block.end, start + width);
        // A hit starts and ends on a character (spreading trims white space at the ends).
        fc.pre(end > start && !/\s/.test(feature.text[start] ?? "") && !/\s/.test(feature.text[end - 1] ?? ""));
        const ranges = Object.fromEntries(SPREAD_UNITS.map((u) => [u, spreadHit(feature, { start, end }, u)]));
        for (const u of SPREAD_UNITS) {
          const r = ranges[u] as { start: number; end: number };
          expect(r.start).toBeGreaterThanOrEqual(0);
          expect(r.end).toBeLessThanOrEqual(feature.text.length);
          expect((feature.text.charCodeAt(r.start) & 0xfc00) === 0xdc00).toBe(false);
          expect((feature.text.charCodeAt(r.end) & 0xfc00) === 0xdc00 && r.end < feature.text.length).toBe(false);
          if (u !== "hit") {
            expect(r.start, u).toBeLessThanOrEqual(start);
            expect(r.end, u).toBeGreaterThanOrEqual(end);
          }
        }
        for (let i = 2; i < order.length; i++) {
          const inner = ranges[order[i - 1] as string] as { start: number; end: number };
          const outer = ranges[order[i] as string] as { start: number; end: number };
          expect(outer.start).toBeLessThanOrEqual(inner.start);
          expect(outer.end).toBeGreaterThanOrEqual(inner.end);
        }
      }),
      { numRuns: 300 },
    );
  });
});
