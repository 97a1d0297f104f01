/**
 * Issue 13 item 1: a code clash resolved on both sides (each coder merging the other's bundle, made
 * before either had merged) must converge and must never leave a live coding on a deleted code.
 */
import { describe, expect, it } from "vitest";
import { HybridLogicalClock } from "../../../../shared/clock/hlc";
import { applyMergePlan, joinTables, overlay, planMerge, type ClashResolution } from "../../../../shared/merge";
import type { ProjectTables } from "../../../../shared/model/tables";
import { emptyProjectTables } from "../../../../shared/model/tables";
import { code, coding, source, stamp, T0 } from "../bundle/fixtures";
import { canonical } from "./sim";

interface Side {
  tables: ProjectTables;
  clock: HybridLogicalClock;
  coderId: string;
}

function side(node: string, coderId: string, build: (t: ProjectTables) => void): Side {
  let now = T0 + 1000;
  const t = emptyProjectTables();
  build(t);
  return { tables: t, clock: new HybridLogicalClock(node, () => (now += 5)), coderId };
}

/** `to` merges a bundle (a snapshot of the other side's tables), resolving every clash with `choice`. */
function merge(to: Side, bundle: ProjectTables, choice: ClashResolution): void {
  const plan = planMerge(to.tables, bundle);
  if (plan.maxIncomingStamp) to.clock.receive(plan.maxIncomingStamp);
  const clashes = Object.fromEntries(plan.codeClashes.map((c) => [c.incomingId, choice]));
  const { puts } = applyMergePlan(to.tables, plan, { clashes }, { stamp: () => to.clock.tick(), coderId: to.coderId });
  to.tables = overlay(to.tables, puts);
}

/** Both sides export at the same time, then each merges the other's bundle. */
function exchangeBothWays(a: Side, b: Side, choice: ClashResolution): void {
  const fromA = a.tables;
  const fromB = b.tables;
  merge(a, fromB, choice);
  merge(b, fromA, choice);
}

function liveCodings(t: ProjectTables) {
  return t.codings.filter((c) => !c.deleted);
}

function liveCodes(t: ProjectTables) {
  return t.codes.filter((c) => !c.deleted);
}

/** Ada codes 3 segments with “Trust”, Ben 2 with “trust”, in the same transcript. */
function twoCoders(): [Side, Side] {
  const s = source("s1", "we trusted the ward team and the community team trusted us back", stamp(0), "coder-a", "H1");
  const common = (t: ProjectTables) => {
    t.sources.push(s.source);
    t.sourceContent.push(s.content);
  };
  const a = side("nodeA", "coder-a", (t) => {
    common(t);
    t.codes.push(code("c-ada", "Trust", stamp(10, "nodeA"), "coder-a"));
    t.codings.push(coding("k-a1", "s1", "c-ada", 0, 10, stamp(11, "nodeA"), "coder-a"));
    t.codings.push(coding("k-a2", "s1", "c-ada", 20, 30, stamp(12, "nodeA"), "coder-a"));
    t.codings.push(coding("k-a3", "s1", "c-ada", 40, 50, stamp(13, "nodeA"), "coder-a"));
  });
  const b = side("nodeB", "coder-b", (t) => {
    common(t);
    t.codes.push(code("c-ben", "trust", stamp(10, "nodeB"), "coder-b"));
    t.codings.push(coding("k-b1", "s1", "c-ben", 3, 12, stamp(11, "nodeB"), "coder-b"));
    t.codings.push(coding("k-b2", "s1", "c-ben", 45, 60, stamp(12, "nodeB"), "coder-b"));
  });
  return [a, b];
}

describe("a code clash resolved on both sides", () => {
  it("“merge” on both sides: all 5 codings stay live on one live code, and both sides agree", () => {
    const [a, b] = twoCoders();
    exchangeBothWays(a, b, "merge");
    // The next exchange (each side's bundle now carries its own resolution).
    exchangeBothWays(a, b, "merge");
    for (const s of [a, b]) {
      const live = liveCodes(s.tables);
      expect(live.map((c) => c.name)).toHaveLength(1);
      const codings = liveCodings(s.tables);
      expect(codings).toHaveLength(5);
      expect(codings.every((k) => k.codeId === live[0]?.id)).toBe(true);
    }
    expect(canonical(a.tables)).toBe(canonical(b.tables));
  });

  it("“merge” on both sides, then exchanges in either direction: the same code survives (the smaller id)", () => {
    const [a, b] = twoCoders();
    exchangeBothWays(a, b, "merge");
    merge(a, b.tables, "merge");
    merge(b, a.tables, "merge");
    expect(liveCodes(a.tables).map((c) => c.id)).toEqual(["c-ada"]);
    expect(canonical(a.tables)).toBe(canonical(b.tables));
  });

  it("“keep both” on both sides: repeated exchanges converge on two codes, never “(3)”", () => {
    const [a, b] = twoCoders();
    for (let round = 0; round < 4; round++) exchangeBothWays(a, b, "keep-both");
    for (const s of [a, b]) {
      const names = liveCodes(s.tables)
        .map((c) => c.name)
        .sort();
      expect(names).toEqual(["Trust", "trust (2)"]);
      expect(liveCodings(s.tables)).toHaveLength(5);
    }
    expect(canonical(a.tables)).toBe(canonical(b.tables));
  });

  it("A⊕B and B⊕A give the same codes after a clash resolved by merging", () => {
    const [a, b] = twoCoders();
    const fromA = a.tables;
    const fromB = b.tables;
    merge(a, fromB, "merge");
    merge(b, fromA, "merge");
    const strip = (t: ProjectTables) =>
      JSON.stringify({
        codes: liveCodes(t).map((c) => [c.id, c.name]),
        codings: liveCodings(t)
          .map((k) => [k.id, k.codeId, k.start, k.end])
          .sort(),
      });
    expect(strip(a.tables)).toBe(strip(b.tables));
  });
});

describe("no live coding is left on a deleted or missing code", () => {
  const s = source("s1", "we trusted the ward team", stamp(0), "coder-a", "H1");
  const base = (build: (t: ProjectTables) => void) => {
    const t = emptyProjectTables();
    t.sources.push(s.source);
    t.sourceContent.push(s.content);
    build(t);
    return t;
  };

  it("old data (a deleted code without a redirect, codings still live on it): the code is restored, and the merge says so", () => {
    const broken = base((t) => {
      t.codes.push({ ...code("c-old", "Trust", stamp(5), "coder-a"), deleted: true });
      t.codings.push(coding("k1", "s1", "c-old", 0, 4, stamp(6), "coder-b"), coding("k2", "s1", "c-old", 5, 9, stamp(6), "coder-b"));
    });
    const joined = joinTables(broken, emptyProjectTables());
    expect(joined.codes.find((c) => c.id === "c-old")?.deleted).toBe(false);
    expect(joined.codings.filter((k) => !k.deleted)).toHaveLength(2);
    const plan = planMerge(
      broken,
      base((t) => t.codes.push(code("c-new", "Workload", stamp(7, "nodeB"), "coder-b"))),
    );
    const { summary } = applyMergePlan(broken, plan, {}, { stamp: () => stamp(100, "nodeM"), coderId: "coder-m" });
    expect(summary.repairs).toEqual(["Restored the deleted code “Trust”: 2 live codings were still on it."]);
  });

  it("a code restored for a coding that was deleted since is deleted again by the next merge, even with itself, and the merge says so", () => {
    // The shrunk counterexample of the idempotence property: A deleted Trust while B coded with it;
    // A's merge restored Trust for B's coding; then A deleted that coding. Settling is a function of
    // the records' own versions, so the restoration is stale: every merge (every replica) ends with
    // Trust deleted, as A left it. It must not vanish silently.
    const restored = base((t) => {
      t.codes.push({ ...code("c-trust", "Trust", stamp(5), "coder-a"), deleted: true });
      t.codings.push(coding("k1", "s1", "c-trust", 0, 4, stamp(6, "nodeB"), "coder-b"));
    });
    const afterMerge = joinTables(restored, emptyProjectTables());
    expect(afterMerge.codes.find((c) => c.id === "c-trust")?.deleted).toBe(false);
    const k1 = afterMerge.codings.find((k) => k.id === "k1")!;
    const local = overlay(afterMerge, {
      ...emptyProjectTables(),
      codings: [{ ...k1, deleted: true, updatedAt: stamp(10), updatedBy: "coder-a" }],
    });

    const self = joinTables(local, local);
    expect(self.codes.find((c) => c.id === "c-trust")).toMatchObject({ deleted: true, updatedAt: stamp(5) });
    expect(canonical(joinTables(self, self))).toBe(canonical(self));
    const { puts, summary } = applyMergePlan(local, planMerge(local, local), {}, { stamp: () => stamp(100, "nodeM"), coderId: "coder-m" });
    expect(puts.codes.find((c) => c.id === "c-trust")?.deleted).toBe(true);
    expect(summary.repairs).toEqual([
      "The code “Trust” is deleted again: it had been restored for codings that have all been deleted or moved since.",
    ]);
  });

  it("a coding on a code no record exists for is kept under a placeholder code", () => {
    const broken = base((t) => t.codings.push(coding("k1", "s1", "c-gone-12345678", 0, 4, stamp(6), "coder-b")));
    const joined = joinTables(broken, emptyProjectTables());
    const placeholder = joined.codes.find((c) => c.id === "c-gone-12345678");
    expect(placeholder?.name).toBe("Recovered code 12345678");
    expect(placeholder?.deleted).toBe(false);
    // The real code, when it arrives, wins over the placeholder.
    const real = base((t) => t.codes.push(code("c-gone-12345678", "Trust", stamp(1), "coder-b")));
    expect(joinTables(joined, real).codes.find((c) => c.id === "c-gone-12345678")?.name).toBe("Trust");
  });

  it("codes merged into each other on two laptops: the smaller id survives, with every coding", () => {
    const a = base((t) => {
      t.codes.push({ ...code("c-1", "Trust", stamp(10), "coder-a"), deleted: true, mergedInto: "c-2" });
      t.codes.push(code("c-2", "Confidence", stamp(1), "coder-a"));
      t.codings.push(coding("k1", "s1", "c-2", 0, 4, stamp(11), "coder-a"));
    });
    const b = base((t) => {
      t.codes.push(code("c-1", "Trust", stamp(1), "coder-b"));
      t.codes.push({ ...code("c-2", "Confidence", stamp(10, "nodeB"), "coder-b"), deleted: true, mergedInto: "c-1" });
      t.codings.push(coding("k2", "s1", "c-1", 5, 9, stamp(11, "nodeB"), "coder-b"));
    });
    for (const joined of [joinTables(a, b), joinTables(b, a)]) {
      expect(joined.codes.filter((c) => !c.deleted).map((c) => c.id)).toEqual(["c-1"]);
      expect(joined.codings.filter((k) => !k.deleted).map((k) => k.codeId)).toEqual(["c-1", "c-1"]);
    }
    expect(canonical(joinTables(a, b))).toBe(canonical(joinTables(b, a)));
  });

  it("a coding made on a code that was meanwhile merged elsewhere follows the redirect", () => {
    const merged = base((t) => {
      t.codes.push({ ...code("c-b", "trust", stamp(10), "coder-a"), deleted: true, mergedInto: "c-a" });
      t.codes.push(code("c-a", "Trust", stamp(1), "coder-a"));
    });
    const late = base((t) => {
      t.codes.push(code("c-b", "trust", stamp(1), "coder-b"));
      t.codings.push(coding("k-late", "s1", "c-b", 0, 4, stamp(20, "nodeB"), "coder-b"));
    });
    const joined = joinTables(merged, late);
    expect(joined.codings.find((k) => k.id === "k-late")?.codeId).toBe("c-a");
    // A concurrent rename of the merged code does not bring it back: the redirect wins.
    const renamed = base((t) => t.codes.push({ ...code("c-b", "trust in staff", stamp(30, "nodeB"), "coder-b") }));
    expect(joinTables(merged, renamed).codes.find((c) => c.id === "c-b")?.deleted).toBe(true);
    // Undoing the merge (the app keeps the field on the code it brings back) is a later version that
    // wins everywhere, and the coding settled onto “Trust” goes back to “trust”.
    const settled = joinTables(merged, late);
    const undone = base((t) => t.codes.push({ ...code("c-b", "trust", stamp(40), "coder-a"), mergedInto: "c-a" }));
    const back = joinTables(settled, undone);
    expect(back.codes.find((c) => c.id === "c-b")?.deleted).toBe(false);
    expect(back.codings.find((k) => k.id === "k-late")?.codeId).toBe("c-b");
    expect(canonical(back)).toBe(canonical(joinTables(undone, joinTables(late, merged))));
  });
});
