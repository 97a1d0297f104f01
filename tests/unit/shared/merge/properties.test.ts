import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectDelta } from "../../../../shared/bundle";
import { compareVersions, joinTables, overlay, planMerge, rawCode, rawCoding, settleCodes } from "../../../../shared/merge";
import type { CodeRecord, CodingRecord, RecordMeta } from "../../../../shared/model/records";
import { emptyProjectTables, PROJECT_TABLE_NAMES, type ProjectTables } from "../../../../shared/model/tables";
import { apply, canonical, exchange, makeReplicas, opArb, type Op, type Replica } from "./sim";

// size "max": fast-check would otherwise keep arrays near 10 elements, too short for interesting histories.
const historyArb = fc.array(opArb, { minLength: 1, maxLength: 120, size: "max" });

function run(ops: Op[]): Replica[] {
  const replicas = makeReplicas();
  for (const op of ops) apply(replicas, op);
  return replicas;
}

function states(ops: Op[]): [ProjectTables, ProjectTables, ProjectTables] {
  const [a, b, c] = run(ops);
  return [a!.tables, b!.tables, c!.tables];
}

const RUNS = { numRuns: 250 };

/** A record as a coder or a merge decision wrote it, under what settling made of it. */
function raw(rec: RecordMeta): RecordMeta {
  if ("codeId" in rec) return rawCoding(rec as CodingRecord);
  if ("isCategory" in rec) return rawCode(rec as CodeRecord) ?? rec;
  return rec;
}

describe("merge is a join over random histories of 3 replicas", () => {
  it("is idempotent: merging a project with itself, or the same bundle twice, changes nothing", () => {
    fc.assert(
      fc.property(historyArb, (ops) => {
        const [a, b] = states(ops);
        // A replica's own later edits can leave a merge's settling stale (a code restored for codings
        // deleted since; settling is a function of the records' own versions, docs "Merge" 5b): merging
        // with itself then settles that, as any merge on any replica would, and changes nothing else.
        const stale = settleCodes(a);
        const self = joinTables(a, a);
        expect(canonical(self)).toBe(canonical(overlay(a, { ...emptyProjectTables(), codes: stale.codes, codings: stale.codings })));
        expect(stale.codings).toEqual([]);
        expect(stale.codes.every((c) => c.deleted)).toBe(true);
        expect(canonical(joinTables(self, self))).toBe(canonical(self));
        const once = joinTables(a, b);
        expect(canonical(joinTables(once, b))).toBe(canonical(once));
        expect(planMerge(once, b).empty).toBe(true);
      }),
      RUNS,
    );
  });

  it("is commutative", () => {
    fc.assert(
      fc.property(historyArb, (ops) => {
        const [a, b] = states(ops);
        expect(canonical(joinTables(a, b))).toBe(canonical(joinTables(b, a)));
      }),
      RUNS,
    );
  });

  it("is associative", () => {
    fc.assert(
      fc.property(historyArb, (ops) => {
        const [a, b, c] = states(ops);
        expect(canonical(joinTables(joinTables(a, b), c))).toBe(canonical(joinTables(a, joinTables(b, c))));
      }),
      RUNS,
    );
  });

  it("loses no coding and respects tombstones after a full exchange", () => {
    fc.assert(
      fc.property(historyArb, (ops) => {
        const replicas = run(ops);
        const [a, b, c] = replicas as [Replica, Replica, Replica];
        // The newest version of every record anywhere: what everyone must end up with.
        // Compared as written by coders and merge decisions (settling only re-points and restores).
        const newest = new Map<string, RecordMeta>();
        for (const rep of replicas) {
          for (const rec of [...rep.tables.codings, ...rep.tables.codes, ...rep.tables.memos].map(raw)) {
            const seen = newest.get(rec.id);
            if (!seen || compareVersions(rec, seen) > 0) newest.set(rec.id, rec);
          }
        }
        exchange(b, a);
        exchange(c, a);
        exchange(a, b);
        exchange(a, c);
        expect(canonical(b.tables)).toBe(canonical(a.tables));
        expect(canonical(c.tables)).toBe(canonical(a.tables));
        for (const rep of replicas) {
          const byId = new Map<string, RecordMeta>(
            [...rep.tables.codings, ...rep.tables.codes, ...rep.tables.memos].map((x) => [x.id, raw(x)]),
          );
          // One transcript, one source: the same text imported on two laptops is matched, not doubled.
          const hashes = rep.tables.sources.map((s) => s.contentHash);
          expect(new Set(hashes).size).toBe(hashes.length);
          for (const [id, want] of newest) {
            const got = byId.get(id);
            expect(got, `record ${id} on ${rep.name}`).toBeDefined();
            // Live unless its newest version anywhere is a tombstone; and the same edit won everywhere.
            expect(got?.deleted).toBe(want.deleted);
            expect(got?.updatedAt).toBe(want.updatedAt);
          }
        }
      }),
      RUNS,
    );
  });

  it("plans the same merge whether the tables are in id order (one walk) or not (maps)", () => {
    const byId = (t: ProjectTables, dir: 1 | -1): ProjectTables => {
      const out = { ...t };
      for (const table of PROJECT_TABLE_NAMES)
        (out[table] as { id: string }[]) = [...(t[table] as { id: string }[])].sort((x, y) => (x.id < y.id ? -dir : x.id > y.id ? dir : 0));
      return out;
    };
    const summary = (plan: ReturnType<typeof planMerge>) => ({
      winners: canonical(plan.winners),
      preview: plan.preview,
      conflicts: plan.conflicts.map((c) => `${c.table}:${c.id}:${c.winner}:${c.fields.join(",")}`).sort(),
      clashes: plan.codeClashes,
      empty: plan.empty,
      max: plan.maxIncomingStamp,
    });
    let walked = 0;
    fc.assert(
      fc.property(historyArb, (ops) => {
        const [a, b] = states(ops);
        const inOrder = planMerge(byId(a, 1), byId(b, 1));
        const reversed = planMerge(byId(a, -1), byId(b, -1));
        expect(summary(inOrder)).toEqual(summary(reversed));
        if (b.codings.length > 1) walked++;
      }),
      RUNS,
    );
    // The walk must actually have been exercised on tables with several records.
    expect(walked).toBeGreaterThan(50);
  });

  it("a delta since the last exchange gives the same result as the whole project", () => {
    fc.assert(
      fc.property(historyArb, fc.array(opArb, { maxLength: 30, size: "max" }), (before, after) => {
        const replicas = run(before);
        const [a, b] = replicas as [Replica, Replica, Replica];
        exchange(a, b);
        // a's own later edits: a delta since the highest stamp b has seen from a carries them all.
        const since = a.clock.tick();
        for (const op of after) if (op.kind !== "exchange" && op.r === 0) apply(replicas, op);
        const whole = joinTables(b.tables, a.tables);
        const delta = joinTables(b.tables, selectDelta(a.tables, since));
        expect(canonical(delta)).toBe(canonical(whole));
      }),
      RUNS,
    );
  });
});
