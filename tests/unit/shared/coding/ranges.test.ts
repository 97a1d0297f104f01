import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adjacent,
  contains,
  containsOffset,
  coveredLength,
  intersect,
  overlaps,
  paragraphRangeAt,
  subtract,
  turnAt,
  turnBodyRange,
  turnRangeAt,
  unionRanges,
  type Range,
} from "../../../../shared/coding/ranges";
import type { Block, Turn } from "../../../../shared/import/types";

const r = (start: number, end: number): Range => ({ start, end });

/** Ranges within [0, 60), some empty, start <= end. */
const arbRange = fc.tuple(fc.nat(60), fc.nat(60)).map(([a, b]) => r(Math.min(a, b), Math.max(a, b)));
const arbRanges = fc.array(arbRange, { maxLength: 12 });

/** The set of code units covered, as a boolean array: the reference model for the algebra. */
function cover(ranges: readonly Range[]): boolean[] {
  const out = Array<boolean>(61).fill(false);
  for (const x of ranges) for (let i = x.start; i < x.end; i++) out[i] = true;
  return out;
}

describe("range predicates", () => {
  it("overlaps needs a shared code unit; touching or empty ranges do not overlap", () => {
    expect(overlaps(r(0, 5), r(4, 9))).toBe(true);
    expect(overlaps(r(0, 5), r(5, 9))).toBe(false);
    expect(overlaps(r(3, 3), r(0, 9))).toBe(false);
    expect(overlaps(r(2, 8), r(3, 4))).toBe(true);
  });

  it("contains, containsOffset and adjacent", () => {
    expect(contains(r(0, 10), r(2, 10))).toBe(true);
    expect(contains(r(0, 10), r(2, 11))).toBe(false);
    expect(containsOffset(r(2, 5), 2)).toBe(true);
    expect(containsOffset(r(2, 5), 5)).toBe(false);
    expect(adjacent(r(0, 5), r(5, 8))).toBe(true);
    expect(adjacent(r(5, 8), r(0, 5))).toBe(true);
    expect(adjacent(r(0, 5), r(6, 8))).toBe(false);
    expect(adjacent(r(0, 5), r(5, 5))).toBe(false);
  });

  it("intersect gives the shared part or null", () => {
    expect(intersect(r(0, 5), r(3, 9))).toEqual(r(3, 5));
    expect(intersect(r(0, 5), r(5, 9))).toBeNull();
    expect(intersect(r(2, 4), r(0, 9))).toEqual(r(2, 4));
  });
});

describe("unionRanges, subtract, coveredLength", () => {
  it("merges overlapping and touching ranges, drops empty ones, sorts", () => {
    expect(unionRanges([r(10, 12), r(0, 3), r(2, 5), r(5, 7), r(8, 8)])).toEqual([r(0, 7), r(10, 12)]);
    expect(unionRanges([])).toEqual([]);
  });

  it("subtract cuts holes and trims ends", () => {
    expect(subtract(r(0, 10), r(3, 5))).toEqual([r(0, 3), r(5, 10)]);
    expect(subtract(r(0, 10), [r(0, 2), r(8, 12)])).toEqual([r(2, 8)]);
    expect(subtract([r(0, 4), r(6, 10)], r(3, 7))).toEqual([r(0, 3), r(7, 10)]);
    expect(subtract(r(0, 10), r(0, 10))).toEqual([]);
  });

  it("coveredLength counts overlaps once", () => {
    expect(coveredLength([r(0, 5), r(3, 8), r(10, 11)])).toBe(9);
  });

  it("union covers exactly what its inputs cover, and is idempotent", () => {
    fc.assert(
      fc.property(arbRanges, (ranges) => {
        const u = unionRanges(ranges);
        expect(cover(u)).toEqual(cover(ranges));
        expect(unionRanges(u)).toEqual(u);
        for (let i = 1; i < u.length; i++) expect((u[i] as Range).start).toBeGreaterThan((u[i - 1] as Range).end);
      }),
    );
  });

  it("union is order-independent", () => {
    fc.assert(
      fc.property(arbRanges, (ranges) => {
        expect(unionRanges([...ranges].reverse())).toEqual(unionRanges(ranges));
      }),
    );
  });

  it("subtract matches the set model; covered length matches the count of covered units", () => {
    fc.assert(
      fc.property(arbRanges, arbRanges, (a, b) => {
        const ca = cover(a);
        const cb = cover(b);
        expect(cover(subtract(a, b))).toEqual(ca.map((x, i) => x && !cb[i]));
        expect(coveredLength(a)).toBe(ca.filter(Boolean).length);
      }),
    );
  });

  it("intersect and overlaps agree with the model", () => {
    fc.assert(
      fc.property(arbRange, arbRange, (a, b) => {
        const both = cover([a]).map((x, i) => x && cover([b])[i]);
        expect(cover(intersect(a, b) ? [intersect(a, b) as Range] : [])).toEqual(both);
        expect(overlaps(a, b)).toBe(both.some(Boolean));
        expect(intersect(a, b)).toEqual(intersect(b, a));
      }),
    );
  });
});

describe("paragraphRangeAt and turnRangeAt", () => {
  // "Interviewer: How was it?\nP01: Fine.\nReally fine.\n## Next"
  const text = "Interviewer: How was it?\nP01: Fine.\nReally fine.\nNext";
  const blocks: Block[] = [
    { kind: "paragraph", start: 0, end: 24 },
    { kind: "paragraph", start: 25, end: 35 },
    { kind: "paragraph", start: 36, end: 48 },
    { kind: "heading", level: 1, start: 49, end: 53 },
  ];
  const turns: Turn[] = [
    { start: 0, end: 24, speaker: "Interviewer", labelEnd: 12 },
    { start: 25, end: 48, speaker: "P01", labelEnd: 29 },
  ];

  it("finds the block holding an offset, a caret at a block's end included", () => {
    expect(text.slice(blocks[1]?.start, blocks[1]?.end)).toBe("P01: Fine.");
    expect(paragraphRangeAt(blocks, 0)).toEqual(r(0, 24));
    expect(paragraphRangeAt(blocks, 30)).toEqual(r(25, 35));
    expect(paragraphRangeAt(blocks, 35)).toEqual(r(25, 35));
    expect(paragraphRangeAt(blocks, 53)).toEqual(r(49, 53));
    expect(paragraphRangeAt(blocks, 54)).toBeNull();
    expect(paragraphRangeAt([], 0)).toBeNull();
  });

  it("finds the whole turn (all its paragraphs) and its spoken words without the label", () => {
    expect(turnRangeAt(turns, 40)).toEqual(r(25, 48));
    expect(turnRangeAt(turns, 26)).toEqual(r(25, 48));
    expect(turnRangeAt(turns, 50)).toBeNull();
    const turn = turnAt(turns, 40) as Turn;
    const body = turnBodyRange(text, turn);
    expect(text.slice(body.start, body.end)).toBe("Fine.\nReally fine.");
    expect(text.slice(turnBodyRange(text, turns[0] as Turn).start, 24)).toBe("How was it?");
  });
});
