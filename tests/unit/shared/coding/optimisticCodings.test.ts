import { describe, expect, it } from "vitest";
import { planCodeRange } from "../../../../shared/coding/codeRange";
import { reflects, stillPending, withPending, type PendingChange } from "../../../../renderer/coding/optimisticCodings";
import { coding } from "../../helpers/codings";

describe("planning a coding (shared by the write and the optimistic paint)", () => {
  it("creates when nothing of this coder's with this code touches the range", () => {
    const codings = [
      coding("a", 0, 10, { coderId: "other" }),
      coding("b", 0, 10, { codeId: "other" }),
      coding("c", 40, 50),
      coding("d", 11, 15, { deleted: true }),
    ];
    expect(planCodeRange(codings, "trust", "me", { start: 11, end: 20 })).toEqual({ kind: "create", start: 11, end: 20 });
  });

  it("extends the earliest touching coding and removes the others it swallows, joining notes", () => {
    const codings = [coding("late", 30, 40, { note: "second" }), coding("early", 0, 10, { note: "first" }), coding("far", 100, 110)];
    expect(planCodeRange(codings, "trust", "me", { start: 10, end: 35 })).toEqual({
      kind: "extend",
      keepId: "early",
      start: 0,
      end: 40,
      note: "first\n\nsecond",
      removeIds: ["late"],
    });
  });
});

describe("codings shown while they are saved", () => {
  const live = [coding("a", 0, 10), coding("b", 20, 30)];
  const pending = (change: Partial<PendingChange>): PendingChange => ({ key: 1, upsert: [], hide: [], committed: null, ...change });

  it("lays pending changes over the live codings", () => {
    const shown = withPending(live, [
      pending({ upsert: [coding("a", 0, 25)], hide: ["b"] }),
      pending({ key: 2, upsert: [coding("n", 50, 60)] }),
    ]);
    expect(shown?.map((c) => `${c.id}:${c.start}-${c.end}`).sort()).toEqual(["a:0-25", "n:50-60"]);
    expect(withPending(live, [])).toBe(live);
    expect(withPending(undefined, [pending({ upsert: [coding("n", 1, 2)] })])).toBeUndefined();
  });

  it("knows when the live list shows a change", () => {
    expect(reflects([...live, coding("n", 50, 60)], { upsert: [coding("n", 50, 60)], hide: [] })).toBe(true);
    expect(reflects(live, { upsert: [coding("n", 50, 60)], hide: [] })).toBe(false);
    expect(reflects([coding("a", 0, 25), coding("b", 20, 30)], { upsert: [coding("a", 0, 25)], hide: ["b"] })).toBe(false);
    expect(reflects([coding("a", 0, 25)], { upsert: [coding("a", 0, 25)], hide: ["b"] })).toBe(true);
  });

  it("keeps a change until it is committed and confirmed, or the live list has moved on since the commit", () => {
    const change = { upsert: [coding("n", 50, 60)], hide: [] };
    // Not committed yet: kept even if a live list (from before the write) lacks it.
    expect(stillPending([pending(change)], live)).toHaveLength(1);
    // Committed, and the live list is still the one from before: kept (no flicker).
    expect(stillPending([pending({ ...change, committed: { live } })], live)).toHaveLength(1);
    // Committed and confirmed by the live list: dropped.
    const confirmed = [...live, coding("n", 50, 60)];
    expect(stillPending([pending({ ...change, committed: { live } })], confirmed)).toHaveLength(0);
    // Committed, then undone before the confirmation arrived: a newer live list without it wins.
    expect(stillPending([pending({ ...change, committed: { live } })], [...live])).toHaveLength(0);
  });
});
