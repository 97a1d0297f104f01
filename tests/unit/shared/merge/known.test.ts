import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addLeftOut, knownVersionsOf, leaveOutKnown, planMerge, type MergeOptions } from "../../../../shared/merge";
import type { CodingRecord } from "../../../../shared/model/records";
import { emptyProjectTables, type ProjectTables } from "../../../../shared/model/tables";
import { apply, makeReplicas, opArb } from "./sim";

function coding(id: string, updatedAt: string, updatedBy: string, note = ""): CodingRecord {
  return {
    id,
    createdAt: updatedAt,
    updatedAt,
    updatedBy,
    deleted: false,
    sourceId: "s1",
    codeId: "k1",
    start: 0,
    end: 5,
    coderId: updatedBy,
    note,
  };
}

function withCodings(...codings: CodingRecord[]): ProjectTables {
  return { ...emptyProjectTables(), codings };
}

describe("leaving out what the project already has", () => {
  it("leaves out only records with the same id, stamp and coder, and counts them per coder", () => {
    const local = withCodings(
      coding("a", "2026-11-01T10:00:00.000Z-0000-amira", "amira"),
      coding("b", "2026-11-01T10:00:00.000Z-0000-amira", "amira"),
      coding("c", "2026-11-01T10:00:00.000Z-0000-amira", "amira"),
      coding('d"\t\n\\', "2026-11-01T10:00:00.000Z-0000-sam", "sam"),
      coding("f", "2026-11-01T10:00:00.000Z-0000-sam", "sam"),
    );
    const incoming = withCodings(
      coding("a", "2026-11-01T10:00:00.000Z-0000-amira", "amira", "same version"), // same stamp and coder: left out
      coding("b", "2026-11-02T09:00:00.000Z-0000-sam", "sam"), // a later edit: kept
      coding("c", "2026-11-01T10:00:00.000Z-0000-amira", "sam"), // another coder: kept
      coding('d"\t\n\\', "2026-11-01T10:00:00.000Z-0000-sam", "sam"), // an id with quotes, tab and newline: left out
      coding("e", "2026-11-01T10:00:00.000Z-0000-sam", "sam"), // new here: kept
      coding("f", "2026-11-03T08:00:00.000Z-0000-sam", "sam", "edited"), // the same coder's later edit: kept
    );
    const { tables, leftOut } = leaveOutKnown(incoming, knownVersionsOf(local));
    expect(tables.codings.map((c) => c.id)).toEqual(["b", "c", "e", "f"]);
    expect(leftOut.codings).toEqual({ amira: 1, sam: 1 });
    expect(leftOut.codes).toEqual({});
    // The tables not stamped pass through untouched.
    expect(tables.sourceContent).toBe(incoming.sourceContent);
  });

  it("a project with nothing leaves nothing out", () => {
    const incoming = withCodings(coding("a", "2026-11-01T10:00:00.000Z-0000-amira", "amira"));
    const { tables, leftOut } = leaveOutKnown(incoming, knownVersionsOf(emptyProjectTables()));
    expect(tables.codings).toHaveLength(1);
    expect(Object.values(leftOut).every((byCoder) => Object.keys(byCoder).length === 0)).toBe(true);
  });

  it("over random histories of 3 replicas, the plan is the one made from the whole bundle", () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 120, size: "max" }),
        fc.option(fc.nat(2), { nil: undefined }),
        (ops, exchanged) => {
          const replicas = makeReplicas();
          for (const op of ops) apply(replicas, op);
          const [a, b] = replicas;
          const local = a!.tables;
          const incoming = b!.tables;
          // Sometimes with exchange stamps, so concurrent edits are listed as conflicts or not.
          const options: MergeOptions = exchanged === undefined ? {} : { sentUpTo: "2026-01-01T00:00:00.000Z", receivedUpTo: null };
          const whole = planMerge(local, incoming, options);
          const { tables, leftOut } = leaveOutKnown(incoming, knownVersionsOf(local));
          const trimmed = addLeftOut(planMerge(local, tables, options), leftOut);
          expect(trimmed.winners).toEqual(whole.winners);
          expect(trimmed.conflicts).toEqual(whole.conflicts);
          expect(trimmed.codeClashes).toEqual(whole.codeClashes);
          expect(trimmed.sourceMap).toEqual(whole.sourceMap);
          expect(trimmed.empty).toBe(whole.empty);
          expect(trimmed.preview.byTable).toEqual(whole.preview.byTable);
          // Per coder: equal, but for coders whose every record was left out having all-zero rows either way.
          for (const [coder, counts] of Object.entries(whole.preview.byCoder)) expect(trimmed.preview.byCoder[coder]).toEqual(counts);
          expect(Object.keys(trimmed.preview.byCoder).sort()).toEqual(Object.keys(whole.preview.byCoder).sort());
        },
      ),
      { numRuns: 250 },
    );
  });
});
