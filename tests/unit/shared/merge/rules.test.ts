import { describe, expect, it } from "vitest";
import { applyMergePlan, compareVersions, joinTables, overlay, planMerge } from "../../../../shared/merge";
import { emptyProjectTables, type ProjectTables } from "../../../../shared/model/tables";
import { code, coder, coding, memo, source, stamp } from "../bundle/fixtures";

function project(build: (t: ProjectTables) => void): ProjectTables {
  const t = emptyProjectTables();
  build(t);
  return t;
}

/** A clock for the merging coder: later than anything in these tests. */
function ctx() {
  let n = 0;
  return { stamp: () => stamp(1_000_000 + n++, "merger"), coderId: "coder-m" };
}

describe("last writer wins per record", () => {
  it("the later HLC stamp wins whichever side it is on", () => {
    const older = code("c1", "Trust", stamp(10, "nodeA"), "coder-a");
    const newer = { ...older, name: "Trust in teams", updatedAt: stamp(20, "nodeB"), updatedBy: "coder-b" };
    const local = project((t) => t.codes.push(older));
    const incoming = project((t) => t.codes.push(newer));
    expect(planMerge(local, incoming).winners.codes).toEqual([newer]);
    expect(planMerge(incoming, local).winners.codes).toEqual([]);
    expect(planMerge(local, incoming).preview.byTable.codes).toMatchObject({ changed: 1, new: 0 });
  });

  it("ties on the stamp break by coder id, then by a hash of the record: the same on every replica", () => {
    const a = code("c1", "A", stamp(10), "coder-a");
    const b = { ...a, updatedBy: "coder-b", name: "B" };
    expect(compareVersions(b, a)).toBeGreaterThan(0);
    const c = { ...a, name: "C" };
    expect(Math.sign(compareVersions(a, c))).toBe(-Math.sign(compareVersions(c, a)));
    expect(compareVersions(a, { ...a })).toBe(0);
  });

  it("a newer tombstone deletes; an edit newer than the tombstone restores", () => {
    const live = coding("k1", "s1", "c1", 0, 5, stamp(10), "coder-a");
    const tomb = { ...live, deleted: true, updatedAt: stamp(20), updatedBy: "coder-b" };
    const restored = { ...live, note: "kept after all", updatedAt: stamp(30), updatedBy: "coder-a" };
    const plan = planMerge(
      project((t) => t.codings.push(live)),
      project((t) => t.codings.push(tomb)),
    );
    expect(plan.winners.codings).toEqual([tomb]);
    expect(plan.preview.byTable.codings.deleted).toBe(1);
    expect(
      planMerge(
        project((t) => t.codings.push(restored)),
        project((t) => t.codings.push(tomb)),
      ).winners.codings,
    ).toEqual([]);
    expect(
      planMerge(
        project((t) => t.codings.push(tomb)),
        project((t) => t.codings.push(restored)),
      ).winners.codings,
    ).toEqual([restored]);
    // An older edit never brings a deleted record back.
    expect(
      planMerge(
        project((t) => t.codings.push(tomb)),
        project((t) => t.codings.push(live)),
      ).winners.codings,
    ).toEqual([]);
  });

  it("importing the same bundle twice changes nothing", () => {
    const s = source("s1", "some text here");
    const local = project((t) => t.coders.push(coder("coder-a", "Ada")));
    const incoming = project((t) => {
      t.sources.push(s.source);
      t.sourceContent.push(s.content);
      t.codes.push(code("c1", "Trust", stamp(5), "coder-b"));
      t.codings.push(coding("k1", "s1", "c1", 0, 4, stamp(6), "coder-b"));
    });
    const first = planMerge(local, incoming);
    expect(first.empty).toBe(false);
    expect(first.preview.byCoder["coder-b"]?.codings.new).toBe(1);
    const after = overlay(local, applyMergePlan(local, first).puts);
    const second = planMerge(after, incoming, { lastExchangeAt: first.maxIncomingStamp });
    expect(second.empty).toBe(true);
    expect(second.conflicts).toEqual([]);
    expect(second.preview.byTable.codings).toMatchObject({ new: 0, changed: 0, unchanged: 1 });
  });
});

describe("sources match by content hash", () => {
  it("maps an incoming transcript onto the local copy, with its codings and source memos", () => {
    const mine = source("s-local", "the same transcript", stamp(1), "coder-a", "H1");
    const theirs = source("s-theirs", "the same transcript", stamp(2, "nodeB"), "coder-b", "H1");
    const local = project((t) => {
      t.sources.push(mine.source);
      t.sourceContent.push(mine.content);
      t.codes.push(code("c1", "Trust"));
    });
    const incoming = project((t) => {
      t.sources.push({ ...theirs.source, caseIds: ["case-1"] });
      t.sourceContent.push(theirs.content);
      t.codes.push(code("c1", "Trust"));
      t.codings.push(coding("k-b", "s-theirs", "c1", 4, 8, stamp(3, "nodeB"), "coder-b"));
      t.memos.push(memo("m-b", "source", "s-theirs", "B's note", stamp(3, "nodeB"), "coder-b"));
      t.memos.push(memo("m-c", "code", "c1", "about the code", stamp(3, "nodeB"), "coder-b"));
    });
    const plan = planMerge(local, incoming);
    expect(plan.sourceMap).toEqual({ "s-theirs": "s-local" });
    expect(plan.winners.codings[0]?.sourceId).toBe("s-local");
    expect(plan.winners.memos.find((m) => m.id === "m-b")?.targetId).toBe("s-local");
    expect(plan.winners.memos.find((m) => m.id === "m-c")?.targetId).toBe("c1");
    // No second copy of the content; the later source row (their case link) is kept under my id.
    expect(plan.winners.sourceContent).toEqual([]);
    expect(plan.winners.sources).toEqual([{ ...theirs.source, caseIds: ["case-1"], id: "s-local" }]);
    const merged = joinTables(local, incoming);
    expect(merged.sources).toHaveLength(1);
  });
});

describe("code clashes: offered, never silently merged or duplicated", () => {
  const s = source("s1", "we coded this text twice over");
  const base = () =>
    project((t) => {
      t.sources.push(s.source);
      t.sourceContent.push(s.content);
    });
  const local = () => {
    const t = base();
    t.codes.push(code("c-a", "Trust", stamp(1), "coder-a"));
    t.codings.push(coding("k-a", "s1", "c-a", 0, 10, stamp(2), "coder-a"));
    t.memos.push(memo("m-a", "code", "c-a", "A's memo"));
    return t;
  };
  const incoming = () => {
    const t = base();
    t.codes.push({ ...code("c-b", "trust ", stamp(1, "nodeB"), "coder-b"), description: "Belief in others" });
    t.codings.push(coding("k-b", "s1", "c-b", 5, 15, stamp(2, "nodeB"), "coder-b"));
    t.codings.push(coding("k-b2", "s1", "c-b", 20, 25, stamp(2, "nodeB"), "coder-b"));
    t.memos.push(memo("m-b", "code", "c-b", "B's memo", stamp(2, "nodeB"), "coder-b"));
    return t;
  };

  it("lists two live codes with the same name under the same parent", () => {
    const plan = planMerge(local(), incoming());
    expect(plan.codeClashes).toEqual([
      { incomingId: "c-b", localId: "c-a", name: "trust ", parentId: null, incomingCodings: 2, localCodings: 1 },
    ]);
    expect(plan.empty).toBe(false);
    // Different parents are not a clash.
    const other = incoming();
    other.codes[0] = { ...other.codes[0]!, parentId: "elsewhere" };
    expect(planMerge(local(), other).codeClashes).toEqual([]);
  });

  it("merge into existing: codings move to the local code, the incoming code becomes a tombstone", () => {
    const l = local();
    const plan = planMerge(l, incoming());
    const { puts, summary } = applyMergePlan(l, plan, { clashes: { "c-b": "merge" } }, ctx());
    const after = overlay(l, puts);
    expect(after.codes.find((c) => c.id === "c-b")?.deleted).toBe(true);
    const live = after.codings.filter((c) => !c.deleted);
    expect(live.every((c) => c.codeId === "c-a")).toBe(true);
    // Each coder's codings are kept apart (agreement needs them): A's 0-10, B's 5-15 and 20-25.
    expect(live.map((c) => [c.coderId, c.start, c.end]).sort()).toEqual([
      ["coder-a", 0, 10],
      ["coder-b", 20, 25],
      ["coder-b", 5, 15],
    ]);
    expect(after.memos.find((m) => m.id === "m-b")?.targetId).toBe("c-a");
    expect(after.codes.find((c) => c.id === "c-a")?.description).toContain("Belief in others");
    expect(summary.codesMerged).toBe(1);
    // Stamped as new edits by the merging coder, so every other replica takes them.
    expect(puts.codes.find((c) => c.id === "c-b")?.updatedBy).toBe("coder-m");
    // And importing the bundle again offers nothing more.
    expect(planMerge(after, incoming(), { lastExchangeAt: plan.maxIncomingStamp }).empty).toBe(true);
  });

  it("keep both: the incoming code is renamed “Name (2)”", () => {
    const l = local();
    const plan = planMerge(l, incoming());
    const { puts, summary } = applyMergePlan(l, plan, { clashes: { "c-b": "keep-both" } }, ctx());
    const after = overlay(l, puts);
    expect(
      after.codes
        .filter((c) => !c.deleted)
        .map((c) => c.name)
        .sort(),
    ).toEqual(["Trust", "trust (2)"]);
    expect(after.codings.filter((c) => c.codeId === "c-b")).toHaveLength(2);
    expect(summary.codesRenamed).toBe(1);
    expect(planMerge(after, incoming(), { lastExchangeAt: plan.maxIncomingStamp }).empty).toBe(true);
    // Without a clock to stamp the rename, applying refuses rather than writing unstamped edits.
    expect(() => applyMergePlan(l, plan, {})).toThrow(/clock/);
  });
});

describe("conflicts: concurrent edits of one record", () => {
  const base = code("c1", "Trust", stamp(1), "coder-a");
  const mine = { ...base, name: "Trust (ward)", updatedAt: stamp(20, "nodeA"), updatedBy: "coder-a" };
  const theirs = { ...base, name: "Trust (community)", updatedAt: stamp(30, "nodeB"), updatedBy: "coder-b" };

  it("are listed with the last writer as the default, and only when both changed since the last exchange", () => {
    const local = project((t) => t.codes.push(mine));
    const incoming = project((t) => t.codes.push(theirs));
    const plan = planMerge(local, incoming, { lastExchangeAt: stamp(5) });
    expect(plan.conflicts).toHaveLength(1);
    expect(plan.conflicts[0]).toMatchObject({ table: "codes", id: "c1", fields: ["name"], winner: "incoming" });
    expect(plan.preview.byTable.codes).toMatchObject({ changed: 1, conflicts: 1 });
    // My edit was before our last exchange: theirs is simply newer, no conflict.
    expect(planMerge(local, incoming, { lastExchangeAt: stamp(25) }).conflicts).toEqual([]);
    // The same coder on two laptops is not a conflict either.
    expect(
      planMerge(
        local,
        project((t) => t.codes.push({ ...theirs, updatedBy: "coder-a" })),
        { lastExchangeAt: stamp(5) },
      ).conflicts,
    ).toEqual([]);
  });

  it("the researcher may keep the other side, re-stamped as a new edit", () => {
    const local = project((t) => t.codes.push(mine));
    const plan = planMerge(
      local,
      project((t) => t.codes.push(theirs)),
      { lastExchangeAt: stamp(5) },
    );
    const kept = applyMergePlan(local, plan, { conflicts: { "codes:c1": "local" } }, ctx());
    const put = kept.puts.codes[0]!;
    expect(put.name).toBe("Trust (ward)");
    expect(put.updatedBy).toBe("coder-m");
    expect(put.updatedAt > theirs.updatedAt).toBe(true);
    expect(kept.summary.conflictsKeptLocal).toBe(1);
    const byDefault = applyMergePlan(local, plan);
    expect(byDefault.puts.codes).toEqual([theirs]);
    expect(byDefault.summary.conflictsTookIncoming).toBe(1);
  });
});

describe("deltas", () => {
  it("carry the source rows their codings point at (without content), so hash matching still works", async () => {
    const { selectDelta, withReferencedSources } = await import("../../../../shared/bundle");
    const s = source("s-b", "shared words", stamp(1, "nodeB"), "coder-b", "H");
    const b = project((t) => {
      t.sources.push(s.source);
      t.sourceContent.push(s.content);
      t.codes.push(code("c1", "Trust", stamp(1, "nodeB"), "coder-b"));
      t.codings.push(coding("k-new", "s-b", "c1", 0, 6, stamp(50, "nodeB"), "coder-b"));
    });
    const delta = selectDelta(b, stamp(10, "nodeB"));
    expect(delta.codings.map((c) => c.id)).toEqual(["k-new"]);
    expect(delta.sources.map((x) => x.id)).toEqual(["s-b"]);
    expect(delta.sourceContent).toEqual([]);
    expect(delta.codes).toEqual([]);
    // A receiver that has the same transcript under its own id re-points the coding.
    const mine = source("s-a", "shared words", stamp(1), "coder-a", "H");
    const a = project((t) => {
      t.sources.push(mine.source);
      t.sourceContent.push(mine.content);
      t.codes.push(code("c1", "Trust", stamp(1, "nodeB"), "coder-b"));
    });
    expect(planMerge(a, delta).winners.codings[0]?.sourceId).toBe("s-a");
    // The same for a delta assembled elsewhere (the app's journal-based one).
    const bare = { ...delta, sources: [] };
    expect(withReferencedSources(bare, b.sources).sources.map((x) => x.id)).toEqual(["s-b"]);
  });
});
