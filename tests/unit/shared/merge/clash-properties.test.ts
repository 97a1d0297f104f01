/**
 * Issue 13 item 1: merge properties with code clashes. The simulator's histories create codes with
 * clashing names ("Trust", "trust ") on all three replicas, merge codes in the codebook in any direction,
 * and resolve clashes at import "merge" or "keep-both" on any replica at any time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyMergePlan, overlay, planMerge, rawCoding, type ClashResolution } from "../../../../shared/merge";
import type { CodingRecord } from "../../../../shared/model/records";
import type { ProjectTables } from "../../../../shared/model/tables";
import { apply, canonical, exchange, makeReplicas, opArb, type Op, type Replica } from "./sim";

// As in the app, every import resolves the clashes it offers ("keep both" unless the researcher picks).
const appOpArb = opArb.map((op): Op => (op.kind === "exchange" && !op.clash ? { ...op, clash: "keep-both" } : op));
const historyArb = fc.array(appOpArb, { minLength: 1, maxLength: 120, size: "max" });
const choiceArb = fc.constantFrom<ClashResolution>("merge", "keep-both");
const RUNS = { numRuns: 200 };

// Histories fast-check once found (CI, 2026-12-07), kept so they run on every pass.
// A code the join brings back and two live codes of the same name: a three-way clash.
const THREE_WAY_CLASH = [
  { kind: "addCode", r: 0, name: 0, parent: 0 },
  { kind: "addSource", r: 0, text: 0 },
  { kind: "exchange", from: 0, to: 1, clash: "merge" },
  { kind: "addCode", r: 1, name: 1, parent: 0 },
  { kind: "renameCode", r: 0, pick: 0, name: 1 },
  { kind: "delete", r: 0, table: "codes", pick: 0 },
  { kind: "addCode", r: 0, name: 1, parent: 0 },
  { kind: "addCoding", r: 1, source: 0, code: 0, start: 0, len: 1 },
  { kind: "mergeCode", r: 0, from: 0, into: 0 },
] as Op[];
const FULL_EXCHANGE_CASE = [
  { kind: "addSource", r: 1, text: 0 },
  { kind: "addCode", r: 1, name: 0, parent: 0 },
  { kind: "addCoding", r: 1, source: 0, code: 0, start: 0, len: 1 },
  { kind: "addCode", r: 2, name: 0, parent: 0 },
  { kind: "renameCode", r: 1, pick: 0, name: 2 },
  { kind: "exchange", from: 2, to: 1, clash: "keep-both" },
  { kind: "renameCode", r: 2, pick: 0, name: 2 },
  { kind: "exchange", from: 2, to: 0, clash: "merge" },
  { kind: "addCoding", r: 1, source: 0, code: 1, start: 0, len: 1 },
  { kind: "exchange", from: 1, to: 2, clash: "keep-both" },
  { kind: "delete", r: 2, table: "codes", pick: 1 },
  { kind: "editCoding", r: 0, pick: 0, note: 0 },
] as Op[];

function run(ops: Op[]): [Replica, Replica, Replica] {
  const replicas = makeReplicas();
  for (const op of ops) apply(replicas, op);
  return replicas as [Replica, Replica, Replica];
}

/** Every live coding is on a code that exists and is live. */
function expectNoCodingOnDeletedCode(t: ProjectTables, where: string): void {
  const live = new Set(t.codes.filter((c) => !c.deleted).map((c) => c.id));
  for (const k of t.codings) {
    if (!k.deleted) expect(live.has(k.codeId), `${where}: live coding ${k.id} on code ${k.codeId}`).toBe(true);
  }
}

/** The newest version anywhere of every coding, as its coder wrote it. */
function newestCodings(replicas: readonly Replica[]): Map<string, CodingRecord> {
  const newest = new Map<string, CodingRecord>();
  for (const rep of replicas) {
    for (const k of rep.tables.codings.map(rawCoding)) {
      const seen = newest.get(k.id);
      if (!seen || k.updatedAt > seen.updatedAt) newest.set(k.id, k);
    }
  }
  return newest;
}

/**
 * A coding live before is still there: live itself, or (when a merge joined overlapping codings of one
 * coder into one) covered by a live coding of the same coder on the same transcript.
 */
function expectNotLost(
  before: ReadonlyMap<string, CodingRecord>,
  hashOf: ReadonlyMap<string, string>,
  after: ProjectTables,
  where: string,
): void {
  const live = after.codings.filter((k) => !k.deleted);
  const liveIds = new Set(live.map((k) => k.id));
  // Replicas may hold one transcript under different ids: compare by content hash.
  const text = (sourceId: string) => hashOf.get(sourceId) ?? sourceId;
  for (const k of before.values()) {
    if (k.deleted || liveIds.has(k.id)) continue;
    const covered = live.some(
      (o) => o.coderId === k.coderId && text(o.sourceId) === text(k.sourceId) && o.start <= k.start && o.end >= k.end,
    );
    expect(covered, `${where}: coding ${k.id} (${k.coderId} ${k.start}-${k.end}) lost`).toBe(true);
  }
}

describe("merge with code clashes resolved anywhere, at any time", () => {
  it("histories do make clashes and resolve them both ways (the properties below are not vacuous)", () => {
    let resolved = 0;
    let redirects = 0;
    fc.assert(
      fc.property(historyArb, (ops) => {
        const replicas = run(ops);
        for (const rep of replicas) redirects += rep.tables.codes.filter((c) => c.mergedInto !== undefined).length;
        resolved += ops.filter((op) => op.kind === "exchange" && op.clash).length;
      }),
      { numRuns: 100 },
    );
    expect(resolved).toBeGreaterThan(100);
    expect(redirects).toBeGreaterThan(100);
  });

  it("after a full exchange, clashes resolved either way on the way: all replicas equal, no live coding on a deleted code, none lost", () => {
    fc.assert(
      fc.property(historyArb, fc.array(choiceArb, { minLength: 4, maxLength: 4 }), (ops, choices) => {
        const replicas = run(ops);
        const [a, b, c] = replicas;
        for (const rep of replicas) expectNoCodingOnDeletedCode(rep.tables, `${rep.name} before`);
        const before = newestCodings(replicas);
        const hashOf = new Map(replicas.flatMap((rep) => rep.tables.sources.map((x): [string, string] => [x.id, x.contentHash])));
        exchange(b, a, choices[0]);
        exchange(c, a, choices[1]);
        exchange(a, b, choices[2]);
        exchange(a, c, choices[3]);
        expect(canonical(b.tables)).toBe(canonical(a.tables));
        expect(canonical(c.tables)).toBe(canonical(a.tables));
        expectNoCodingOnDeletedCode(a.tables, "after");
        expectNotLost(before, hashOf, a.tables, "after");
        // Settled: nothing more to do, whoever merges whose bundle next.
        expect(planMerge(a.tables, b.tables).empty).toBe(true);
      }),
      { ...RUNS, examples: [[FULL_EXCHANGE_CASE, ["merge", "merge", "merge", "merge"]]] },
    );
  });

  it("A⊕B and B⊕A agree, with every clash resolved the same way on either side", () => {
    /** What the researcher sees: live codes and where every coding is (stamps differ: two clocks). */
    const seen = (t: ProjectTables) =>
      JSON.stringify({
        codes: t.codes
          .filter((c) => !c.deleted)
          .map((c) => `${c.id}:${c.name}:${c.parentId ?? ""}`)
          .sort(),
        codings: t.codings.map((k) => `${k.id}:${k.codeId}:${k.start}-${k.end}:${k.deleted}`).sort(),
      });
    fc.assert(
      fc.property(historyArb, fc.constantFrom<ClashResolution>("merge", "keep-both"), (ops, choice) => {
        const [a, b] = run(ops);
        const into = (local: Replica, incoming: Replica) => {
          const plan = planMerge(local.tables, incoming.tables);
          const clashes = Object.fromEntries(plan.codeClashes.map((x) => [x.incomingId, choice]));
          let n = 0;
          const { puts } = applyMergePlan(
            local.tables,
            plan,
            { clashes },
            { stamp: () => `9999999999999-${String(n++).padStart(5, "0")}-m`, coderId: "m" },
          );
          return overlay(local.tables, puts);
        };
        const ab = into(a, b);
        const ba = into(b, a);
        expect(seen(ab)).toBe(seen(ba));
        expectNoCodingOnDeletedCode(ab, "A⊕B");
      }),
      { ...RUNS, examples: [[THREE_WAY_CLASH, "merge"]] },
    );
  });
});
