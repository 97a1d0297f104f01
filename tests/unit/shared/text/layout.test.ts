import { describe, expect, it } from "vitest";
import type { Block } from "../../../../shared/import/types";
import {
  BOLD,
  ITALIC,
  LABEL,
  LIST_CHUNK,
  TABLE_CHUNK_ROWS,
  TIMESTAMP,
  buildLayout,
  columnWidths,
  estimateItemHeight,
  inlineRuns,
  listNumbers,
  prepareDecorations,
} from "../../../../shared/text/layout";
import { readTranscript } from "../../../../shared/text/transcript";

/** Lays blocks out over a text made of their lengths, one "\n" apart. */
function tile(specs: (Omit<Block, "start" | "end"> & { length?: number })[]): Block[] {
  let at = 0;
  return specs.map(({ length = 4, ...rest }) => {
    const block = { ...rest, start: at, end: at + length } as Block;
    at += length + 1;
    return block;
  });
}

describe("buildLayout", () => {
  it("gives each paragraph and heading its own row and groups consecutive list items", () => {
    const blocks = tile([
      { kind: "heading", level: 1 },
      { kind: "listItem", level: 0, ordered: true },
      { kind: "listItem", level: 1, ordered: false },
      { kind: "paragraph" },
      { kind: "listItem", level: 0 },
    ]);
    const layout = buildLayout(blocks);
    expect(layout.items.map((i) => [i.kind, i.first, i.last])).toEqual([
      ["block", 0, 0],
      ["list", 1, 2],
      ["block", 3, 3],
      ["list", 4, 4],
    ]);
    expect(Array.from(layout.itemOfBlock)).toEqual([0, 1, 1, 2, 3]);
  });

  it("cuts long lists into chunks", () => {
    const blocks = tile(Array.from({ length: LIST_CHUNK + 5 }, () => ({ kind: "listItem" as const, level: 0 })));
    expect(buildLayout(blocks).items.map((i) => i.last - i.first + 1)).toEqual([LIST_CHUNK, 5]);
  });

  it("lays table cells out by row and column, reading gaps as merged or empty cells", () => {
    const blocks = tile([
      { kind: "tableCell", table: 0, row: 0, column: 0 }, // a heading merged across the table
      { kind: "tableCell", table: 0, row: 1, column: 0 },
      { kind: "paragraph", table: 0, row: 1, column: 0 },
      { kind: "tableCell", table: 0, row: 1, column: 2 },
      { kind: "tableCell", table: 0, row: 2, column: 1 }, // column 0 merged from above
      { kind: "tableCell", table: 0, row: 3, column: 0 },
      { kind: "tableCell", table: 0, row: 3, column: 1 }, // then an empty cell
      { kind: "paragraph" },
    ]);
    const layout = buildLayout(blocks);
    expect(layout.items).toHaveLength(2);
    const item = layout.items[0];
    if (item?.kind !== "table") throw new Error("expected a table");
    expect(item.table.columns).toBe(3);
    expect(item.table.rows.map((r) => r.cells.map((c) => [c.column, c.colSpan, c.blocks]))).toEqual([
      [[0, 3, [0]]],
      [
        [0, 2, [1, 2]],
        [2, 1, [3]],
      ],
      [
        [0, 1, []],
        [1, 1, [4]],
        [2, 1, []],
      ],
      [
        [0, 1, [5]],
        [1, 1, [6]],
        [2, 1, []],
      ],
    ]);
    expect(Array.from(layout.itemOfBlock)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it("cuts long tables into row chunks that share column widths", () => {
    const specs = [];
    for (let row = 0; row < TABLE_CHUNK_ROWS + 3; row++) {
      specs.push({ kind: "tableCell" as const, table: 2, row, column: 0, length: 8 });
      specs.push({ kind: "tableCell" as const, table: 2, row, column: 1, length: 200 });
    }
    const items = buildLayout(tile(specs)).items;
    expect(items).toHaveLength(2);
    const [a, b] = items;
    if (a?.kind !== "table" || b?.kind !== "table") throw new Error("expected tables");
    expect(a.table.rows).toHaveLength(TABLE_CHUNK_ROWS);
    expect(b.table.rows).toHaveLength(3);
    expect(a.table.widths).toEqual(b.table.widths);
    expect(a.table.widths[0]).toBeLessThan(20);
  });

  it("starts a new table when the table number changes (nested tables)", () => {
    const blocks = tile([
      { kind: "tableCell", table: 0, row: 0, column: 0 },
      { kind: "tableCell", table: 1, row: 0, column: 0 },
      { kind: "tableCell", table: 0, row: 0, column: 1 },
    ]);
    expect(buildLayout(blocks).items.map((i) => i.kind === "table" && i.table.table)).toEqual([0, 1, 0]);
  });
});

describe("columnWidths", () => {
  it("sums to about 100 and keeps short columns narrow", () => {
    const widths = columnWidths([10, 300]);
    expect(widths[0]).toBeLessThan(widths[1] ?? 0);
    expect((widths[0] ?? 0) + (widths[1] ?? 0)).toBeCloseTo(100, 0);
  });
});

describe("listNumbers", () => {
  it("counts per level and restarts after other blocks", () => {
    const blocks = tile([
      { kind: "listItem", level: 0, ordered: true },
      { kind: "listItem", level: 1, ordered: true },
      { kind: "listItem", level: 1, ordered: true },
      { kind: "listItem", level: 0, ordered: true },
      { kind: "listItem", level: 1, ordered: true },
      { kind: "listItem", level: 0, ordered: false },
      { kind: "paragraph" },
      { kind: "listItem", level: 0, ordered: true },
    ]);
    expect(Array.from(listNumbers(blocks))).toEqual([1, 1, 2, 2, 1, 0, 0, 1]);
  });
});

describe("decorations and inline runs", () => {
  const text = "[00:01] Interviewer: so **this** matters\nP07: yes";
  const transcript = readTranscript({
    text,
    blocks: [
      { kind: "paragraph", start: 0, end: 40 },
      { kind: "paragraph", start: 41, end: 49 },
    ],
    marks: [
      { kind: "bold", start: 24, end: 32 },
      { kind: "italic", start: 28, end: 40 },
    ],
    turns: [
      { start: 0, end: 40, speaker: "Interviewer", labelEnd: 20 },
      // A label running over the block break is cut at it.
      { start: 41, end: 49, speaker: "P07", labelEnd: 45 },
    ],
    timestamps: [{ start: 0, end: 7 }],
    warnings: [],
  });
  const decorations = prepareDecorations(transcript);

  it("cuts every decoration to one block", () => {
    for (const d of decorations) {
      const inFirst = d.start >= 0 && d.end <= 40;
      const inSecond = d.start >= 41 && d.end <= 49;
      expect(inFirst || inSecond).toBe(true);
    }
  });

  it("covers a block exactly with runs of constant decoration", () => {
    const runs = inlineRuns(decorations, 0, 40);
    expect(runs[0]).toEqual({ start: 0, end: 7, flags: LABEL | TIMESTAMP });
    expect(runs[1]).toEqual({ start: 7, end: 20, flags: LABEL });
    expect(runs.find((r) => r.start === 28)).toEqual({ start: 28, end: 32, flags: BOLD | ITALIC });
    expect(runs[runs.length - 1]?.end).toBe(40);
    for (let k = 1; k < runs.length; k++) expect(runs[k]?.start).toBe(runs[k - 1]?.end);
    expect(inlineRuns(decorations, 41, 49)).toEqual([
      { start: 41, end: 45, flags: LABEL },
      { start: 45, end: 49, flags: 0 },
    ]);
    expect(inlineRuns(decorations, 5, 5)).toEqual([]);
    expect(inlineRuns([], 3, 9)).toEqual([{ start: 3, end: 9, flags: 0 }]);
  });
});

describe("estimateItemHeight", () => {
  it("grows with text length", () => {
    const blocks = tile([
      { kind: "paragraph", length: 10 },
      { kind: "paragraph", length: 1000 },
    ]);
    const m = { charsPerLine: 80, lineHeight: 24, gap: 12 };
    const short = estimateItemHeight({ kind: "block", first: 0, last: 0 }, blocks, m);
    const long = estimateItemHeight({ kind: "block", first: 1, last: 1 }, blocks, m);
    expect(short).toBe(36);
    expect(long).toBe(13 * 24 + 12);
  });
});
