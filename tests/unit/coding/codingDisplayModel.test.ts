import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CodeRecord, CoderRecord, CodingRecord } from "../../../shared/model/records";
import { buildCodingDisplay, updateCodingDisplay, type DisplayBuild, type DisplayInputs } from "../../../renderer/coding/codingDisplayModel";
import type { CodingFilter } from "../../../renderer/project/codingSession";

const CODE_IDS = ["a", "b", "c", "d"];
const codes = new Map(CODE_IDS.map((id, i) => [id, { id, name: `Code ${id}`, colour: "#336699", order: i } as CodeRecord]));
const paths = new Map(CODE_IDS.map((id) => [id, `Code ${id}`]));
const coders = new Map(["k1", "k2"].map((id) => [id, { id, name: id, initials: id } as CoderRecord]));

let serial = 0;
function coding(codeId: string, coderId: string, start: number, length: number): CodingRecord {
  serial++;
  const id = `c${String(serial).padStart(6, "0")}`;
  return { id, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "", updatedBy: coderId, deleted: false, sourceId: "s", codeId, coderId, start, end: start + length, note: "" };
}

const codingArb = fc
  .tuple(fc.constantFrom(...CODE_IDS, "gone"), fc.constantFrom("k1", "k2"), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 400 }))
  .map(([code, coder, start, length]) => coding(code, coder, start, length));

/** Everything a viewer reads from the display, as plain data. */
function summary(build: DisplayBuild) {
  const d = build.display;
  return {
    index: d.index.items.map((c) => c.id),
    segments: d.segments.items.map((s) => ({ key: s.key, start: s.start, end: s.end, ids: s.ids, lane: s.lane, codeId: s.codeId, coderId: s.coderId })),
    laneCount: d.laneCount,
    byId: [...d.byId.keys()],
    total: d.total,
    separateCoders: d.separateCoders,
  };
}

const inputs = (list: CodingRecord[], filter: CodingFilter, separateCoders: boolean): DisplayInputs => ({ codings: list, filter, codes, paths, coders, separateCoders });

describe("updateCodingDisplay", () => {
  it("adding codings gives exactly the display built from scratch", () => {
    fc.assert(
      fc.property(
        fc.array(codingArb, { maxLength: 120 }),
        fc.array(codingArb, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.option(fc.subarray(CODE_IDS, { minLength: 1 }), { nil: null }),
        (before, added, separateCoders, codeIds) => {
          const filter: CodingFilter = { codeIds, coderIds: null };
          const previous = buildCodingDisplay(inputs(before, filter, separateCoders));
          const next = inputs([...before, ...added], filter, separateCoders);
          expect(summary(updateCodingDisplay(previous, next))).toEqual(summary(buildCodingDisplay(next)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("lays an added coding in without rebuilding the other codes' stripes", () => {
    const filter: CodingFilter = { codeIds: null, coderIds: null };
    const before = [coding("a", "k1", 0, 50), coding("b", "k1", 20, 50), coding("a", "k1", 500, 10)];
    const previous = buildCodingDisplay(inputs(before, filter, false));
    const added = coding("a", "k2", 40, 100);
    const next = updateCodingDisplay(previous, inputs([...before, added], filter, false));
    expect(next.byKey.get("b")).toBe(previous.byKey.get("b"));
    expect(next.display.byId.get(added.id)).toBe(added);
    expect(next.display.segments.items.find((s) => s.key === "a" && s.start === 0)?.ids).toEqual([before[0]?.id, added.id]);
  });

  it("rebuilds from scratch when codings are replaced or removed, or the filter changes", () => {
    const filter: CodingFilter = { codeIds: null, coderIds: null };
    const before = [coding("a", "k1", 0, 50), coding("b", "k1", 20, 50)];
    const previous = buildCodingDisplay(inputs(before, filter, false));
    const moved = { ...(before[0] as CodingRecord), start: 100, end: 200 };
    const replaced = inputs([moved, before[1] as CodingRecord, coding("c", "k1", 5, 5)], filter, false);
    expect(summary(updateCodingDisplay(previous, replaced))).toEqual(summary(buildCodingDisplay(replaced)));
    const fewer = inputs([before[1] as CodingRecord], filter, false);
    expect(summary(updateCodingDisplay(previous, fewer)).index).toEqual([before[1]?.id]);
    const onlyB = inputs([...before, coding("a", "k1", 60, 5)], { codeIds: ["b"], coderIds: null }, false);
    expect(summary(updateCodingDisplay(previous, onlyB))).toEqual(summary(buildCodingDisplay(onlyB)));
  });

  it("counts an added coding the filter hides without changing what is shown", () => {
    const filter: CodingFilter = { codeIds: ["a"], coderIds: null };
    const before = [coding("a", "k1", 0, 50)];
    const previous = buildCodingDisplay(inputs(before, filter, false));
    const next = updateCodingDisplay(previous, inputs([...before, coding("b", "k1", 0, 10)], filter, false));
    expect(next.display.total).toBe(2);
    expect(next.display.segments).toBe(previous.display.segments);
  });
});
