/** Keyword-in-context rows, counts, sorting and CSV (shared/search/kwic.ts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Block, Turn } from "../../../../shared/import/types";
import {
  countHits,
  hitLocation,
  kwicCsv,
  kwicRows,
  leftContext,
  rightContext,
  sortKwic,
  type KwicSource,
} from "../../../../shared/search/kwic";

describe("context", () => {
  it("cuts at word boundaries and shows line breaks as spaces", () => {
    const text = "the ward manager said\nthat the nurse was always there for handover";
    const at = text.indexOf("nurse");
    expect(leftContext(text, at, 12)).toBe("that the "); // "said" cut mid-word ("id") is left out
    expect(rightContext(text, at + 5, 12)).toBe(" was always");
    expect(leftContext(text, at, 1000)).toBe("the ward manager said that the ");
    expect(rightContext(text, text.length, 10)).toBe("");
  });

  it("never splits a surrogate pair or a word, for any window", () => {
    const text = "😀a b😀 c 😀😀 d e😀f 😀";
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(12), (at, n) => {
        fc.pre((text.charCodeAt(at) & 0xfc00) !== 0xdc00); // hits start and end between characters
        for (const side of [leftContext(text, at, n), rightContext(text, at, n)]) {
          expect(side.length).toBeLessThanOrEqual(n);
          expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(side)).toBe(false);
        }
        const left = leftContext(text, at, n);
        // The left context starts where a word starts (or is empty).
        const from = at - left.length;
        expect(left === "" || from === 0 || /\s/.test(text[from - 1] ?? "") || /^\s/.test(text.slice(from, at))).toBe(true);
      }),
    );
  });
});

const blocks: Block[] = [
  { kind: "heading", start: 0, end: 10, level: 1 },
  { kind: "paragraph", start: 11, end: 20 },
  { kind: "tableCell", start: 21, end: 25, table: 0, row: 1, column: 2 },
];
const text = "Background\nsome text\ncell";

describe("location", () => {
  it("names turns, headings, table cells and paragraphs", () => {
    expect(hitLocation(text, blocks, [], 2, 4)).toBe("heading “Background”");
    expect(hitLocation(text, blocks, [], 12, 14)).toBe("paragraph 2");
    expect(hitLocation(text, blocks, [], 22, 24)).toBe("table 1, row 2, column 3");
    const turns: Turn[] = [{ start: 11, end: 20, speaker: "P07", labelEnd: 11 }];
    expect(hitLocation(text, blocks, turns, 12, 14)).toBe("speaker turn 1 (P07)");
  });
});

describe("rows, sorting, counts and CSV", () => {
  const sources = new Map<string, KwicSource>([
    ["b", { id: "b", name: "Beta", text: "nurse and nurse", blocks: [], turns: [] }],
    ["a", { id: "a", name: "alpha", text: "=nurse here", blocks: [], turns: [] }],
  ]);
  const rows = kwicRows(
    [
      { sourceId: "b", start: 0, end: 5 },
      { sourceId: "b", start: 10, end: 15 },
      { sourceId: "a", start: 1, end: 6 },
      { sourceId: "gone", start: 0, end: 1 },
    ],
    sources,
  );

  it("leaves out hits of unknown sources and counts per source and in total", () => {
    expect(rows).toHaveLength(3);
    expect(countHits(rows)).toEqual({
      perSource: [
        { sourceId: "b", sourceName: "Beta", hits: 2 },
        { sourceId: "a", sourceName: "alpha", hits: 1 },
      ],
      total: 3,
    });
  });

  it("sorts by source (name, ignoring case) or by position", () => {
    expect(sortKwic(rows, "source").map((r) => `${r.sourceId}${r.start}`)).toEqual(["a1", "b0", "b10"]);
    expect(sortKwic(rows, "position").map((r) => `${r.sourceId}${r.start}`)).toEqual(["b0", "a1", "b10"]);
    expect(sortKwic(rows, "hit").map((r) => r.right)).toEqual(["", " and nurse", " here"]);
  });

  it("writes CSV with the project's writer: BOM, quoted fields, formula guard", () => {
    const csv = kwicCsv(sortKwic(rows, "source"));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe('"Source","Location","Left context","Hit","Right context","Start","End"');
    expect(lines[1]).toBe('"alpha","characters 1–6","\'=","nurse"," here","1","6"');
    expect(lines).toHaveLength(4);
  });
});
