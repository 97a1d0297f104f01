import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CodeRecord, CoderRecord, CodingRecord } from "../../../../shared/model/records";
import {
  buildCodingDisplay,
  updateCodingDisplay,
  type DisplayBuild,
  type DisplayInputs,
} from "../../../../renderer/coding/codingDisplayModel";
import type { CodingFilter } from "../../../../renderer/project/codingSession";

const CODE_IDS = ["a", "b", "c", "d"];
const codes = new Map(CODE_IDS.map((id, i) => [id, { id, name: `Code ${id}`, colour: "#336699", order: i } as CodeRecord]));
const paths = new Map(CODE_IDS.map((id) => [id, `Code ${id}`]));
const coders = new Map(["k1", "k2"].map((id) => [id, { id, name: id, initials: id } as CoderRecord]));

let serial = 0;
function coding(codeId: string, coderId: string, start: number, length: number): CodingRecord {
  serial++;
  const id = `c${String(serial).padStart(6, "0")}`;
  return {
    id,
    createdAt: "2026-01-01T00:00:00.000Z",
    updatedAt: `stamp-${serial}`,
    updatedBy: coderId,
    deleted: false,
    sourceId: "s",
    codeId,
    coderId,
    start,
    end: start + length,
    note: "",
  };
}

const codingArb = fc
  .tuple(
    fc.constantFrom(...CODE_IDS, "gone"),
    fc.constantFrom("k1", "k2"),
    fc.integer({ min: 0, max: 3000 }),
    fc.integer({ min: 1, max: 400 }),
  )
  .map(([code, coder, start, length]) => coding(code, coder, start, length));

/** Everything a viewer reads from the display, as plain data. */
function summary(build: DisplayBuild) {
  const d = build.display;
  return {
    index: d.index.items.map((c) => c.id),
    segments: d.segments.items.map((s) => ({
      key: s.key,
      start: s.start,
      end: s.end,
      ids: s.ids,
      lane: s.lane,
      codeId: s.codeId,
      coderId: s.coderId,
    })),
    laneCount: d.laneCount,
    byId: [...d.byId.keys()],
    total: d.total,
    separateCoders: d.separateCoders,
  };
}

const inputs = (list: CodingRecord[], filter: CodingFilter, separateCoders: boolean): DisplayInputs => ({
  codings: list,
  filter,
  codes,
  paths,
  coders,
  separateCoders,
});

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

  it("a list read again (copies), with its last codings changed, removed or added, gives the display built from scratch", () => {
    fc.assert(
      fc.property(
        fc.array(codingArb, { maxLength: 120 }),
        fc.array(codingArb, { maxLength: 5 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 3000 })), { maxLength: 5 }),
        fc.array(codingArb, { maxLength: 4 }),
        fc.boolean(),
        (before, tail, edits, added, separateCoders) => {
          const filter: CodingFilter = { codeIds: null, coderIds: null };
          const previous = buildCodingDisplay(inputs([...before, ...tail], filter, separateCoders));
          // The tail as saved: some kept, some moved (a new stamp), some gone.
          const saved = tail.flatMap((c, i) => {
            const [keep, start] = edits[i] ?? [true, -1];
            if (!keep) return [];
            return start < 0 ? [{ ...c }] : [{ ...c, start, end: start + 10, updatedAt: `${c.updatedAt}-2` }];
          });
          const next = inputs([...before.map((c) => ({ ...c })), ...saved, ...added], filter, separateCoders);
          expect(summary(updateCodingDisplay(previous, next))).toEqual(summary(buildCodingDisplay(next)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps the display as it is when the list read again is the same", () => {
    const filter: CodingFilter = { codeIds: null, coderIds: null };
    const before = [coding("a", "k1", 0, 50), coding("b", "k1", 20, 50)];
    const previous = buildCodingDisplay(inputs(before, filter, false));
    const next = updateCodingDisplay(
      previous,
      inputs(
        before.map((c) => ({ ...c })),
        filter,
        false,
      ),
    );
    expect(next.display).toBe(previous.display);
  });

  it("replaces the coding painted while it saved with its saved version", () => {
    const filter: CodingFilter = { codeIds: null, coderIds: null };
    const before = [coding("a", "k1", 0, 50), coding("b", "k1", 20, 50)];
    const painted = { ...coding("a", "k1", 60, 10), updatedAt: "" };
    const shown = updateCodingDisplay(buildCodingDisplay(inputs(before, filter, false)), inputs([...before, painted], filter, false));
    const stored = { ...painted, updatedAt: "stamp-saved" };
    const next = updateCodingDisplay(shown, inputs([...before.map((c) => ({ ...c })), stored], filter, false));
    expect(next.display.byId.get(painted.id)).toBe(stored);
    expect(next.byKey.get("b")).toBe(shown.byKey.get("b"));
    expect(summary(next)).toEqual(summary(buildCodingDisplay(inputs([...before, stored], filter, false))));
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
    // Every write stamps the record anew (writeChanges), so a moved coding has a new updatedAt.
    const moved = { ...(before[0] as CodingRecord), start: 100, end: 200, updatedAt: "stamp-moved" };
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
