/**
 * Issue 13 item 3, the property: random mutations of valid records (any field set to any JSON value,
 * deleted, nested deep, named `__proto__`; whole records replaced) are either refused with a
 * BundleError naming table and field, or accepted — and then merge, the join and reports run on them
 * without throwing. Never a raw TypeError or a stack overflow. The corpus is generated here.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runReport } from "../../../../cli/commands/report";
import { BundleError, bundleFromZip } from "../../../../shared/bundle";
import { applyMergePlan, joinTables, planMerge, stableStringify } from "../../../../shared/merge";
import { checkAgainstProject } from "../../../../shared/model/checkTables";
import { PROJECT_TABLE_NAMES, emptyProjectTables, type ProjectTables } from "../../../../shared/model/tables";
import { checkRecord, SCHEMAS } from "../../../../shared/model/validate";
import { code, coding, sampleProject, sampleProjectV2, source, stamp, textHash } from "./fixtures";
import { DEEP, forgeZip } from "../model/forge";

type Loose = Record<string, unknown>;

/** A value a forger might put in a field: any JSON, the edge numbers, deep nesting. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, -1, 0, 1.5, 1e308, "", "!!!", "1790000000001-00000-nodeA", [], {}, DEEP, "x".repeat(300)),
);

const fieldName = (table: (typeof PROJECT_TABLE_NAMES)[number]) =>
  fc.oneof(
    fc.constantFrom(...Object.keys(SCHEMAS[table].fields)),
    fc.constantFrom("__proto__", "constructor", "future"),
    fc.string({ maxLength: 6 }),
  );

const mutation = fc.constantFrom(...PROJECT_TABLE_NAMES).chain((table) =>
  fc.record({
    table: fc.constant(table),
    index: fc.nat(),
    op: fc.constantFrom("set", "set", "set", "delete", "replace", "duplicate"),
    field: fieldName(table),
    value: anyValue,
  }),
);

function mutate(
  t: ProjectTables,
  m: { table: (typeof PROJECT_TABLE_NAMES)[number]; index: number; op: string; field: string; value: unknown },
): void {
  const rows = t[m.table] as unknown as Loose[];
  const at = m.index % rows.length;
  const row = rows[at];
  if (typeof row !== "object" || row === null) return;
  if (m.op === "set") Object.defineProperty(row, m.field, { value: m.value, enumerable: true, writable: true, configurable: true });
  else if (m.op === "delete") delete row[m.field];
  else if (m.op === "replace") rows[at] = m.value as Loose;
  else rows.push({ ...row });
}

/** What the CLI and the app do with an opened bundle; none of it may throw on what the reader accepted. */
async function useIt(incoming: ProjectTables): Promise<void> {
  const local = sampleProject();
  if (checkAgainstProject(local, incoming).total === 0) {
    const plan = planMerge(local, incoming);
    const clashes = Object.fromEntries(plan.codeClashes.map((c) => [c.incomingId, "merge" as const]));
    let n = 0;
    applyMergePlan(local, plan, { clashes }, { stamp: () => stamp(100_000 + n++, "nodeZ"), coderId: "coder-z" });
  }
  const joined = joinTables(local, incoming);
  for (const table of PROJECT_TABLE_NAMES) for (const r of joined[table]) stableStringify(r);
  const io = { writeFile: async () => {}, stdout: () => {}, stderr: () => {}, now: () => new Date(0) };
  for (const kind of ["codebook", "overview"])
    await runReport(incoming, { kind, codes: [], sources: [], format: "html", out: "r.html" }, io);
  await runReport(
    incoming,
    {
      kind: "code",
      codes: incoming.codes
        .filter((c) => !c.deleted)
        .map((c) => c.name.replaceAll("/", "\\/"))
        .slice(0, 1),
      sources: [],
      format: "csv",
      out: "r.csv",
    },
    io,
  );
}

describe("random mutations of valid records", () => {
  it("are refused with a BundleError naming table and field, or accepted and safe to merge and report", async () => {
    let refused = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const t = structuredClone(sampleProjectV2());
        for (const m of mutations) mutate(t, m);
        let opened: ProjectTables;
        try {
          opened = (await bundleFromZip(forgeZip(t), { fileName: "fuzz.margin" })).tables;
        } catch (error) {
          if (!(error instanceof BundleError)) throw error;
          expect(["invalid-records"]).toContain(error.code);
          expect(error.message).toMatch(
            /^“fuzz\.margin” holds .* Margin cannot use, so nothing was imported: (sources|sourceContent|codes|codings|memos|cases|attributes|coders|savedSearches|speakers|casePassages) /,
          );
          refused++;
          return;
        }
        accepted++;
        await useIt(opened);
      }),
      { numRuns: 250, seed: 13 },
    );
    // Both outcomes happen: the property is not vacuous.
    expect(refused).toBeGreaterThan(50);
    expect(accepted).toBeGreaterThan(10);
  }, 120_000);

  it("checkRecord never throws, whatever the record", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROJECT_TABLE_NAMES),
        fc.oneof(anyValue, fc.dictionary(fc.string({ maxLength: 8 }), anyValue)),
        (table, value) => {
          const p = checkRecord(table, value);
          if (p) expect(p.table).toBe(table);
        },
      ),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe("schemas and merge-time checks", () => {
  it("every record of the sample project, and a fresh code, pass their schema", () => {
    const t = sampleProjectV2();
    for (const table of PROJECT_TABLE_NAMES) for (const r of t[table]) expect(checkRecord(table, r)).toBeNull();
    expect(checkRecord("codes", code("c", "Trust"))).toBeNull();
    // An optional field a newer Margin might add is one line in the schema; until then it is tolerated.
    expect(checkRecord("codes", { ...code("c", "Trust"), mergedInto: "c2" })).toBeNull();
  });

  it("a delta may point at records the project has: checked at merge against bundle and project", () => {
    const delta = emptyProjectTables();
    delta.codings.push(coding("cod-new", "src-1", "code-1", 0, 10, stamp(9)));
    expect(checkAgainstProject(sampleProject(), delta).total).toBe(0);
    const elsewhere = emptyProjectTables();
    elsewhere.sources.push(source("src-1", "short").source);
    const result = checkAgainstProject(elsewhere, delta);
    expect(result.problems.map((p) => `${p.table} ${p.id} ${p.field}`)).toEqual(["codings cod-new end", "codings cod-new codeId"]);
    // A source may not change its transcript under a known id.
    const swapped = { ...emptyProjectTables(), sources: [{ ...sampleProject().sources[0]!, contentHash: textHash("another text") }] };
    expect(checkAgainstProject(sampleProject(), swapped).problems[0]).toMatchObject({
      table: "sources",
      id: "src-1",
      field: "contentHash",
    });
  });
});
