import { describe, expect, it } from "vitest";
import { planCodeRange } from "../../../../shared/coding/codeRange";
import { coding } from "../../helpers/codings";

describe("planCodeRange (pure: the write and the optimistic paint use it)", () => {
  it("extends a coding the range only touches, at either end", () => {
    expect(planCodeRange([coding("a", 0, 10)], "trust", "me", { start: 10, end: 15 })).toEqual({
      kind: "extend",
      keepId: "a",
      start: 0,
      end: 15,
      note: "",
      removeIds: [],
    });
    expect(planCodeRange([coding("a", 20, 30)], "trust", "me", { start: 12, end: 20 })).toEqual({
      kind: "extend",
      keepId: "a",
      start: 12,
      end: 30,
      note: "",
      removeIds: [],
    });
  });

  it("keeps a coding that already covers the range as it is", () => {
    expect(planCodeRange([coding("a", 0, 40, { note: "n" })], "trust", "me", { start: 5, end: 9 })).toEqual({
      kind: "extend",
      keepId: "a",
      start: 0,
      end: 40,
      note: "n",
      removeIds: [],
    });
  });

  it("joins every coding the range bridges into the earliest, in text order", () => {
    const codings = [coding("c", 50, 60), coding("a", 0, 10), coding("b", 20, 30, { note: "b" })];
    expect(planCodeRange(codings, "trust", "me", { start: 5, end: 55 })).toEqual({
      kind: "extend",
      keepId: "a",
      start: 0,
      end: 60,
      note: "b",
      removeIds: ["b", "c"],
    });
  });

  it("leaves other coders', other codes' and deleted codings alone", () => {
    const codings = [coding("o", 0, 10, { coderId: "sam" }), coding("x", 0, 10, { codeId: "cost" }), coding("d", 0, 10, { deleted: true })];
    expect(planCodeRange(codings, "trust", "me", { start: 5, end: 15 })).toEqual({ kind: "create", start: 5, end: 15 });
    expect(planCodeRange([], "trust", "me", { start: 5, end: 15 })).toEqual({ kind: "create", start: 5, end: 15 });
  });
});
