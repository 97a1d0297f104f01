import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SpanIndex, type Span } from "../../../../shared/text/spans";
import { assignLanes, mergeStripeSegments, overlapDepths, repairLanes, type StripeInput } from "../../../../shared/text/stripes";

describe("SpanIndex", () => {
  it("finds exactly the spans overlapping a window, long early spans included", () => {
    const spans = [
      { start: 0, end: 10_000 }, // a whole interview coded at once
      { start: 10, end: 20 },
      { start: 500, end: 510 },
      { start: 505, end: 600 },
      { start: 700, end: 701 },
    ];
    const index = new SpanIndex(spans);
    expect(index.overlapping(502, 506)).toEqual([spans[0], spans[2], spans[3]]);
    expect(index.overlapping(20, 500)).toEqual([spans[0]]);
    expect(index.overlapping(10_000, 20_000)).toEqual([]);
    expect(index.overlapping(600, 700)).toEqual([spans[0]]);
    expect(index.overlapping(5, 5)).toEqual([]);
  });

  it("agrees with a linear scan", () => {
    const span = fc.tuple(fc.nat(500), fc.integer({ min: 1, max: 80 })).map(([start, length]) => ({ start, end: start + length }));
    fc.assert(
      fc.property(fc.array(span, { maxLength: 60 }), fc.nat(600), fc.integer({ min: 1, max: 100 }), (spans, from, length) => {
        const index = new SpanIndex(spans);
        const to = from + length;
        const expected = spans.filter((s) => s.start < to && s.end > from);
        const found = index.overlapping(from, to);
        expect(found).toHaveLength(expected.length);
        expect(new Set(found)).toEqual(new Set(expected));
        for (let i = 1; i < found.length; i++) expect((found[i] as Span).start).toBeGreaterThanOrEqual((found[i - 1] as Span).start);
      }),
    );
  });
});

const coding = (id: string, key: string, start: number, end: number): StripeInput => ({ id, key, start, end });

describe("mergeStripeSegments", () => {
  it("merges a key's overlapping and touching ranges and keeps keys apart", () => {
    const segments = mergeStripeSegments([
      coding("a", "trust", 0, 10),
      coding("b", "trust", 5, 20),
      coding("c", "trust", 20, 25), // touches b
      coding("d", "trust", 30, 40),
      coding("e", "usability", 8, 12),
      coding("f", "usability", 0, 0), // empty: dropped
    ]);
    expect(segments).toEqual([
      { key: "trust", start: 0, end: 25, ids: ["a", "b", "c"] },
      { key: "usability", start: 8, end: 12, ids: ["e"] },
      { key: "trust", start: 30, end: 40, ids: ["d"] },
    ]);
  });
});

describe("assignLanes", () => {
  it("gives overlapping segments different lanes and lets a key keep its lane", () => {
    const segments = mergeStripeSegments([
      coding("1", "A", 0, 100),
      coding("2", "B", 50, 150),
      coding("3", "C", 120, 130),
      coding("4", "B", 400, 450),
      coding("5", "A", 420, 500),
    ]);
    const { lanes, count } = assignLanes(segments, 10);
    const laneOf = (id: string) => lanes[segments.findIndex((s) => s.ids.includes(id))];
    expect(laneOf("1")).toBe(0);
    expect(laneOf("2")).toBe(1);
    expect(laneOf("3")).toBe(0); // A's lane is free again by 120
    expect(laneOf("4")).toBe(1); // B keeps its lane
    expect(laneOf("5")).toBe(0); // A keeps its lane
    expect(count).toBe(2);
  });

  it("never puts two segments within the gap in one lane", () => {
    const input = fc.array(fc.tuple(fc.constantFrom("A", "B", "C", "D"), fc.nat(1000), fc.integer({ min: 1, max: 200 })), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(input, fc.nat(50), (items, gap) => {
        const segments = mergeStripeSegments(items.map(([key, start, length], i) => coding(String(i), key, start, start + length)));
        const { lanes, count } = assignLanes(segments, gap);
        for (let i = 0; i < segments.length; i++) {
          for (let j = i + 1; j < segments.length; j++) {
            if (lanes[i] !== lanes[j]) continue;
            const [a, b] = [segments[i], segments[j]] as [Span, Span];
            expect(b.start >= a.end + gap || a.start >= b.end + gap).toBe(true);
          }
        }
        expect(Math.max(-1, ...lanes) + 1).toBe(count);
      }),
    );
  });
});

describe("repairLanes", () => {
  it("moves a box off a lane where it overlaps another on screen", () => {
    const { lanes, count } = repairLanes([
      { lane: 0, top: 0, bottom: 50 },
      { lane: 0, top: 20, bottom: 40 }, // a table cell beside the first
      { lane: 1, top: 100, bottom: 120 },
      { lane: 0, top: 60, bottom: 80 },
    ]);
    expect(lanes).toEqual([0, 1, 1, 0]);
    expect(count).toBe(2);
  });
});

describe("overlapDepths", () => {
  it("reports stretches where two or more codes overlap, and how many", () => {
    expect(
      overlapDepths([
        { start: 0, end: 10 },
        { start: 5, end: 20 },
        { start: 8, end: 12 },
        { start: 20, end: 30 }, // touches: no overlap
      ]),
    ).toEqual([
      { start: 5, end: 8, depth: 2 },
      { start: 8, end: 10, depth: 3 },
      { start: 10, end: 12, depth: 2 },
    ]);
    expect(overlapDepths([{ start: 0, end: 5 }])).toEqual([]);
  });
});
