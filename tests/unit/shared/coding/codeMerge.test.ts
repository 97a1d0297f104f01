import { describe, expect, it } from "vitest";
import { planCodeMerge, type MergeCode, type MergeCoding, type CodeMergePlan } from "../../../../shared/coding/codeMerge";

function code(id: string, parentId: string | null, order: number, name: string, description = ""): MergeCode {
  return { id, parentId, name, order, isCategory: false, deleted: false, description };
}

let next = 0;
function coding(codeId: string, start: number, end: number, extra: Partial<MergeCoding> = {}): MergeCoding {
  return { id: `k${++next}`, sourceId: "s1", codeId, start, end, coderId: "ann", note: "", deleted: false, ...extra };
}

const CODES: MergeCode[] = [
  code("a", null, 0, "Barriers", "Things that get in the way.\n\nWhen to use: any obstacle.\n\nExample: “the wifi was down”"),
  code("b", null, 1, "Obstacles", "Problems staff met.\n\nExample: “no login”"),
  code("a1", "a", 0, "Cost"),
  code("a2", "a", 1, "Training"),
  code("b1", "b", 0, "cost"),
  code("b2", "b", 5, "Time"),
];

function plan(codings: MergeCoding[], from = "a", into = "b", codes = CODES): CodeMergePlan {
  const result = planCodeMerge(codes, codings, from, into);
  if (!result.ok) throw new Error(result.reason);
  return result.plan;
}

describe("planCodeMerge: codings", () => {
  it("moves A's codings to B when nothing overlaps", () => {
    const k1 = coding("a", 0, 10);
    const k2 = coding("a", 20, 30, { sourceId: "s2", note: "key quote" });
    const k3 = coding("b", 10, 20); // touching k1: stays separate
    const p = plan([k1, k2, k3]);
    expect(p.rewrites).toEqual([
      { id: k1.id, codeId: "b", start: 0, end: 10, note: "" },
      { id: k2.id, codeId: "b", start: 20, end: 30, note: "key quote" },
    ]);
    expect(p.removed).toEqual([]);
    expect(p.summary).toEqual({ moved: 2, collapsed: 0, unioned: 0 });
  });

  it("collapses an identical coding by the same coder into B's, keeping both notes", () => {
    const ka = coding("a", 5, 15, { note: "from A" });
    const kb = coding("b", 5, 15, { note: "from B" });
    const p = plan([ka, kb]);
    expect(p.rewrites).toEqual([{ id: kb.id, codeId: "b", start: 5, end: 15, note: "from B\n\nfrom A" }]);
    expect(p.removed).toEqual([{ id: ka.id, survivorId: kb.id }]);
    expect(p.summary).toEqual({ moved: 0, collapsed: 1, unioned: 0 });
  });

  it("unions overlapping codings by the same coder into one, through chains of overlaps", () => {
    const k1 = coding("a", 0, 5);
    const k2 = coding("b", 4, 10);
    const k3 = coding("a", 9, 15);
    const p = plan([k3, k1, k2]);
    expect(p.rewrites).toEqual([{ id: k2.id, codeId: "b", start: 0, end: 15, note: "" }]);
    expect(p.removed).toEqual([
      { id: k1.id, survivorId: k2.id },
      { id: k3.id, survivorId: k2.id },
    ]);
    expect(p.summary).toEqual({ moved: 0, collapsed: 0, unioned: 2 });
  });

  it("unions A's own overlapping codings into A's earliest when B has none there", () => {
    const k1 = coding("a", 10, 20);
    const k2 = coding("a", 15, 25);
    const p = plan([k2, k1]);
    expect(p.rewrites).toEqual([{ id: k1.id, codeId: "b", start: 10, end: 25, note: "" }]);
    expect(p.removed).toEqual([{ id: k2.id, survivorId: k1.id }]);
  });

  it("never combines different coders or different sources, and ignores deleted codings", () => {
    const ka = coding("a", 0, 10, { coderId: "ann" });
    const kb = coding("b", 0, 10, { coderId: "bob" });
    const kc = coding("b", 0, 10, { coderId: "ann", sourceId: "s2" });
    const dead = coding("b", 0, 10, { coderId: "ann", deleted: true });
    const p = plan([ka, kb, kc, dead]);
    expect(p.rewrites).toEqual([{ id: ka.id, codeId: "b", start: 0, end: 10, note: "" }]);
    expect(p.removed).toEqual([]);
  });

  it("leaves B's own overlapping codings alone where A has nothing", () => {
    const p = plan([coding("b", 0, 10), coding("b", 5, 15), coding("a", 40, 50)]);
    expect(p.rewrites).toHaveLength(1);
    expect(p.removed).toEqual([]);
  });
});

describe("planCodeMerge: codes", () => {
  it("re-parents A's children after B's, renaming a clash, tombstones nothing else", () => {
    const p = plan([]);
    expect(p.reparented).toEqual([
      { id: "a1", parentId: "b", order: 6 },
      { id: "a2", parentId: "b", order: 7 },
    ]);
    expect(p.renamed).toEqual([{ id: "a1", name: "Cost (2)" }]);
  });

  it("adds A's description to B's, part by part", () => {
    const p = plan([]);
    expect(p.mergedNote).toBe("Merged from Barriers: Things that get in the way.");
    expect(p.description).toBe(
      "Problems staff met.\n\nMerged from Barriers: Things that get in the way.\n\nWhen to use: any obstacle.\n\nExample: “no login”\n“the wifi was down”",
    );
    const bare = plan([], "a2", "b1");
    expect(bare.description).toBe("Merged from Training.");
  });

  it("allows merging a sub-code into its parent, refuses the reverse and self-merges", () => {
    expect(planCodeMerge(CODES, [], "a1", "a").ok).toBe(true);
    expect(planCodeMerge(CODES, [], "a", "a1")).toEqual({
      ok: false,
      reason: "“Cost” is inside “Barriers”. Move it out of “Barriers” first, then merge.",
    });
    expect(planCodeMerge(CODES, [], "a", "a")).toEqual({ ok: false, reason: "A code cannot be merged into itself." });
    expect(planCodeMerge(CODES, [], "a", "nope")).toEqual({ ok: false, reason: "One of the codes no longer exists." });
  });
});
